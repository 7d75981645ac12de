import { Badge, Field, Link, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { DevIdentity } from '../../bot/http/contracts';
import { languages, useT, type Language } from './i18n';
import { themeNames, type ThemeName } from './theme';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStrokeAccessible}`,
  },
  heading: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  field: { minWidth: '150px', flexGrow: 1, maxWidth: '260px' },
  // A native select is as wide as its longest option unless told otherwise (the role people's labels are long).
  selectRoot: { width: '100%', minWidth: 0, maxWidth: '100%' },
  select: { width: '100%', minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', paddingBlockEnd: tokens.spacingVerticalXS },
});

/** Props of {@link DevBar}. */
export type DevBarProps = {
  readonly identities: readonly DevIdentity[];
  readonly identity: DevIdentity | undefined;
  readonly onIdentity: (identity: DevIdentity) => void;
  readonly theme: ThemeName;
  readonly onTheme: (theme: ThemeName) => void;
  readonly language: Language;
  readonly onLanguage: (language: Language) => void;
  readonly teamId: string | undefined;
};

/** The local-mode bar: clearly labelled developer identity, theme and language pickers, and links to the pages. */
export function DevBar(props: DevBarProps) {
  const t = useT();
  const styles = useStyles();
  const key = (identity: DevIdentity): string => `${identity.tenantId}/${identity.userId}`;
  const teamHash = props.teamId ? `#/team?teamId=${encodeURIComponent(props.teamId)}` : '#/team';
  return (
    <aside className={styles.bar} aria-labelledby="dev-bar-title" data-dev-bar="">
      <div className={styles.heading}>
        <h2 id="dev-bar-title" className={styles.heading}>
          <Badge appearance="filled" color="warning" shape="rounded">
            {t('tab.dev.badge')}
          </Badge>
        </h2>
        <p className={styles.note}>{t('tab.dev.note')}</p>
      </div>
      <Field className={styles.field} label={t('tab.dev.identity')}>
        <Select
          className={styles.selectRoot}
          select={{ className: styles.select }}
          value={props.identity ? key(props.identity) : ''}
          onChange={(_event, data) => {
            const chosen = props.identities.find((identity) => key(identity) === data.value);
            if (chosen) props.onIdentity(chosen);
          }}
        >
          {props.identities.map((identity) => (
            <option key={key(identity)} value={key(identity)}>
              {identity.roles.length > 0 ? t('tab.dev.withRole', { name: identity.name, role: identity.roles.map((role) => t(`tab.orgRole.${role}`)).join(', ') }) : identity.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={styles.field} label={t('tab.dev.theme')}>
        <Select value={props.theme} onChange={(_event, data) => props.onTheme(data.value as ThemeName)}>
          {themeNames.map((name) => (
            <option key={name} value={name}>
              {t(`tab.theme.${name}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={styles.field} label={t('tab.dev.language')}>
        <Select value={props.language} onChange={(_event, data) => props.onLanguage(data.value as Language)}>
          {languages.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`tab.language.${language}`)}
            </option>
          ))}
        </Select>
      </Field>
      <nav className={styles.nav} aria-label={t('tab.dev.pages')}>
        <Link href={teamHash}>{t('tab.dashboard.title')}</Link>
        <Link href="#/personal">{t('tab.personal.title')}</Link>
        <Link href="#/config">{t('tab.config.title')}</Link>
        <Link href="#/teams">{t('tab.overview.title')}</Link>
        <Link href="#/org/report">{t('tab.orgReport.title')}</Link>
        <Link href="#/org/plan">{t('tab.orgPlan.title')}</Link>
        <Link href="#/org/settings">{t('tab.org.title')}</Link>
        <Link href="#/org/packs">{t('tab.packs.nav')}</Link>
      </nav>
    </aside>
  );
}
