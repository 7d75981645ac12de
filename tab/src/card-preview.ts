import type * as AdaptiveCardsModule from 'adaptivecards';
import { parseBlocks, type Block, type Inline } from './markdown-subset';
import type { ThemeName } from './theme';

type AdaptiveCards = typeof AdaptiveCardsModule;

let loading: Promise<AdaptiveCards> | undefined;

/** Microsoft's Adaptive Cards renderer, loaded only on the page that previews cards (it is a large library). */
export function loadAdaptiveCards(): Promise<AdaptiveCards> {
  loading ??= import('adaptivecards').then((module) => {
    const library = ((module as unknown as { default?: AdaptiveCards }).default ?? module) as AdaptiveCards;
    // Lesson text is the pack's Markdown subset (bold, italic, https links, lists), rendered as Teams renders it;
    // anything else stays text. The HTML is built from escaped text only.
    library.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdownHtml(text);
      result.didProcess = true;
    };
    return library;
  });
  return loading;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function inlineHtml(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
          return escape(inline.text);
        case 'strong':
          return `<strong>${inlineHtml(inline.children)}</strong>`;
        case 'em':
          return `<em>${inlineHtml(inline.children)}</em>`;
        case 'link':
          return /^https:\/\//.test(inline.href) ? `<a href="${escape(inline.href)}" target="_blank" rel="noopener noreferrer">${inlineHtml(inline.children)}</a>` : inlineHtml(inline.children);
      }
    })
    .join('');
}

function blockHtml(block: Block): string {
  if (block.kind === 'paragraph') return `<p style="margin:0">${inlineHtml(block.inlines)}</p>`;
  const tag = block.ordered ? 'ol' : 'ul';
  return `<${tag} style="margin:0;padding-inline-start:1.5em">${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
}

/** The card Markdown subset as HTML, every piece of text escaped. */
export function markdownHtml(text: string): string {
  return parseBlocks(text).map(blockHtml).join('');
}

type Palette = {
  readonly background: string;
  readonly emphasis: string;
  readonly text: string;
  readonly subtle: string;
  readonly accent: string;
  readonly good: string;
  readonly warning: string;
  readonly attention: string;
};

/** Colours close to Teams' own card colours in each theme, each with at least 4.5:1 contrast on its background. */
const palettes: Readonly<Record<ThemeName, Palette>> = {
  default: { background: '#FFFFFF', emphasis: '#F5F5F5', text: '#242424', subtle: '#595959', accent: '#4F52B2', good: '#0E700E', warning: '#835B00', attention: '#B10E1C' },
  dark: { background: '#292929', emphasis: '#1F1F1F', text: '#FFFFFF', subtle: '#D1D1D1', accent: '#A6A7DC', good: '#7FD47F', warning: '#F2C661', attention: '#F1707B' },
  contrast: { background: '#000000', emphasis: '#000000', text: '#FFFFFF', subtle: '#FFFFFF', accent: '#FFFF00', good: '#3FF23F', warning: '#FFFF00', attention: '#FF9C9C' },
};

function colors(palette: Palette) {
  const pair = (value: string) => ({ default: value, subtle: value });
  return {
    default: { default: palette.text, subtle: palette.subtle },
    dark: pair(palette.text),
    light: pair(palette.text),
    accent: pair(palette.accent),
    good: pair(palette.good),
    warning: pair(palette.warning),
    attention: pair(palette.attention),
  };
}

/** A host config like Teams' for the theme: Segoe UI, Teams' font sizes and spacing, and the theme's colours. */
export function teamsHostConfig(theme: ThemeName): Record<string, unknown> {
  const palette = palettes[theme];
  return {
    fontFamily: "'Segoe UI', 'Helvetica Neue', sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: palette.subtle },
    fontTypes: {
      default: {
        fontFamily: "'Segoe UI', 'Helvetica Neue', sans-serif",
        fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
      monospace: {
        fontFamily: "Consolas, 'Courier New', monospace",
        fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
    },
    containerStyles: {
      default: { backgroundColor: palette.background, foregroundColors: colors(palette) },
      emphasis: { backgroundColor: palette.emphasis, foregroundColors: colors(palette) },
      accent: { backgroundColor: palette.emphasis, foregroundColors: colors(palette) },
    },
    actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline' }, actionsOrientation: 'horizontal', actionAlignment: 'stretch' },
    imageSizes: { small: 32, medium: 52, large: 160 },
    textBlock: { headingLevel: 2 },
  };
}

/** Renders one card with Microsoft's renderer; the element, or undefined when the card cannot be rendered. */
export function renderCard(library: AdaptiveCards, card: unknown, theme: ThemeName): HTMLElement | undefined {
  try {
    const adaptive = new library.AdaptiveCard();
    adaptive.hostConfig = new library.HostConfig(teamsHostConfig(theme));
    adaptive.parse(sameOriginMedia(card));
    const element = adaptive.render();
    // Links in lesson text take the theme's accent colour, as in Teams (the renderer leaves them to the browser).
    element?.querySelectorAll('a').forEach((anchor) => {
      anchor.style.color = palettes[theme].accent;
    });
    return element;
  } catch {
    return undefined;
  }
}

/** The app's own lesson images load from the tab's own origin (the same server), which the tab's CSP allows. */
function sameOriginMedia(card: unknown): unknown {
  return JSON.parse(JSON.stringify(card), (key, value: unknown) =>
    key === 'url' && typeof value === 'string' ? value.replace(/^https?:\/\/[^/]+(\/media\/[0-9a-f]{64}\.(?:png|jpg|webp))$/, '$1') : value,
  );
}
