import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';

/** The Teams themes, named as teams-js names them. */
export type ThemeName = 'default' | 'dark' | 'contrast';

/** Every theme, in the order the developer bar shows them. */
export const themeNames: readonly ThemeName[] = ['default', 'dark', 'contrast'];

/** The Fluent theme for a Teams theme. */
export function fluentTheme(name: ThemeName): Theme {
  return name === 'dark' ? teamsDarkTheme : name === 'contrast' ? teamsHighContrastTheme : teamsLightTheme;
}

/** Reads a theme name from teams-js or a query parameter; unknown values are the default theme. */
export function themeName(value: string | null | undefined): ThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}
