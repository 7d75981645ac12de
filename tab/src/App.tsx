import { Button, FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { DevIdentity, MeResponse } from '../../bot/http/contracts';
import { api, createApiClient, type ApiClient, type AuthHeaders } from './api-client';
import { AppContext, type AppServices } from './app-context';
import { ssoToken } from './auth-token';
import { DevBar } from './DevBar';
import { formatters } from './format';
import { connectHost, notifyLoaded, onTeamsThemeChange, type HostInfo } from './host';
import { bootstrapTexts, createTranslator, isLanguage, languageForLocale, TranslateContext, useT, type Language, type Translate } from './i18n';
import { MyCoursePage } from './MyCoursePage';
import { ErrorMessage, Loading } from './PageState';
import { useRoute } from './route';
import { usePageStyles } from './styles';
import { fluentTheme, themeName, type ThemeName } from './theme';

/** Every page but the personal tab is loaded when first shown, so a page load fetches only its own code (bench:tab-size). */
const ConfigPage = lazy(() => import('./ConfigPage').then((module) => ({ default: module.ConfigPage })));
const LessonPage = lazy(() => import('./LessonPage').then((module) => ({ default: module.LessonPage })));
const MeetingPanelPage = lazy(() => import('./MeetingPanelPage').then((module) => ({ default: module.MeetingPanelPage })));
const NextStepsPage = lazy(() => import('./NextStepsPage').then((module) => ({ default: module.NextStepsPage })));
const DilemmasPage = lazy(() => import('./DilemmasPage').then((module) => ({ default: module.DilemmasPage })));
const OrgPlanPage = lazy(() => import('./OrgPlanPage').then((module) => ({ default: module.OrgPlanPage })));
const OrgReportPage = lazy(() => import('./OrgReportPage').then((module) => ({ default: module.OrgReportPage })));
const OrgPrivacyPage = lazy(() => import('./OrgPrivacyPage').then((module) => ({ default: module.OrgPrivacyPage })));
const OrgSettingsPage = lazy(() => import('./OrgSettingsPage').then((module) => ({ default: module.OrgSettingsPage })));
const PackPublishPage = lazy(() => import('./PackPublishPage').then((module) => ({ default: module.PackPublishPage })));
const StagePage = lazy(() => import('./StagePage').then((module) => ({ default: module.StagePage })));
const TeamDashboardPage = lazy(() => import('./TeamDashboardPage').then((module) => ({ default: module.TeamDashboardPage })));
const TeamsOverviewPage = lazy(() => import('./TeamsOverviewPage').then((module) => ({ default: module.TeamsOverviewPage })));

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  center: { padding: tokens.spacingHorizontalXL },
});

const storedIdentityKey = 'laerekraft.devUser';
const storedLanguageKey = 'laerekraft.devLanguage';

function initialDevLanguage(host: HostInfo): Language {
  const chosen = host.locale ?? sessionStorage.getItem(storedLanguageKey);
  return isLanguage(chosen) ? chosen : languageForLocale(chosen);
}

function pickIdentity(identities: readonly DevIdentity[]): DevIdentity | undefined {
  const wanted = new URLSearchParams(window.location.search).get('user') ?? sessionStorage.getItem(storedIdentityKey);
  return identities.find((identity) => wanted === `${identity.tenantId}/${identity.userId}` || wanted === identity.userId) ?? identities[0];
}

/** The whole tab: connects to Teams (or local developer mode), loads the messages and the person, and routes. */
export function App() {
  const styles = useStyles();
  const [host, setHost] = useState<HostInfo | undefined>();
  const [theme, setTheme] = useState<ThemeName>(() => themeName(new URLSearchParams(window.location.search).get('theme')));
  const [language, setLanguage] = useState<Language>('nb');
  const [translate, setTranslate] = useState<Translate | undefined>();
  const [textsFailed, setTextsFailed] = useState(false);
  const [textsAttempt, setTextsAttempt] = useState(0);

  useEffect(() => {
    void connectHost().then((connected) => {
      setHost(connected);
      setTheme(connected.theme);
      setLanguage(connected.kind === 'dev' ? initialDevLanguage(connected) : languageForLocale(connected.locale));
      onTeamsThemeChange(connected, setTheme);
    });
  }, []);

  useEffect(() => {
    if (!host) return;
    let current = true;
    setTextsFailed(false);
    api.messages(language).then(
      (response) => current && setTranslate(() => createTranslator(language, response.messages)),
      () => current && setTextsFailed(true),
    );
    return () => {
      current = false;
    };
  }, [host, language, textsAttempt]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    document.body.style.backgroundColor = fluentTheme(theme).colorNeutralBackground3;
  }, [theme]);

  let content;
  if (textsFailed) {
    const texts = bootstrapTexts[language];
    content = (
      <main className={styles.center}>
        <p role="alert">{texts.failed}</p>
        <Button onClick={() => setTextsAttempt((n) => n + 1)}>{texts.retry}</Button>
      </main>
    );
  } else if (!host || !translate) {
    content = (
      <main className={styles.center} aria-busy="true">
        <Loading label="" />
      </main>
    );
  } else {
    content = (
      <TranslateContext.Provider value={translate}>
        <SignedIn
          host={host}
          theme={theme}
          onTheme={setTheme}
          language={language}
          onLanguage={(next) => {
            sessionStorage.setItem(storedLanguageKey, next);
            setLanguage(next);
          }}
        />
      </TranslateContext.Provider>
    );
  }

  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root} data-theme={theme}>
      {content}
    </FluentProvider>
  );
}

type SignedInProps = {
  readonly host: HostInfo;
  readonly theme: ThemeName;
  readonly onTheme: (theme: ThemeName) => void;
  readonly language: Language;
  readonly onLanguage: (language: Language) => void;
};

/** Chooses who calls the API (SSO token, or the developer identity), loads `/me`, and shows the page. */
function SignedIn(props: SignedInProps) {
  const { host, language } = props;
  const t = useT();
  const page = usePageStyles();
  const [identities, setIdentities] = useState<readonly DevIdentity[] | undefined>();
  const [identity, setIdentity] = useState<DevIdentity | undefined>();
  const [me, setMe] = useState<MeResponse | undefined>();
  const [failure, setFailure] = useState<Error | undefined>();
  const [attempt, setAttempt] = useState(0);
  const adoptedLanguage = useRef(false);

  useEffect(() => {
    if (host.kind !== 'dev') return;
    api.devIdentities().then(
      (list) => {
        setIdentities(list);
        setIdentity(pickIdentity(list));
      },
      (error: unknown) => setFailure(error instanceof Error ? error : new Error(String(error))),
    );
  }, [host]);

  const client = useMemo<ApiClient | undefined>(() => {
    let auth: AuthHeaders;
    if (host.kind === 'teams') auth = async () => ({ authorization: `Bearer ${await ssoToken()}` });
    else if (host.kind === 'dev' && identity) auth = async () => ({ 'x-dev-user': `${identity.tenantId}/${identity.userId}`, ...(identity.appRoles.length > 0 ? { 'x-dev-roles': identity.appRoles.join(',') } : {}) });
    else return undefined;
    return createApiClient({ auth, language, fallback: (status) => fallbackProblem(t, status) });
  }, [host, identity, language, t]);

  useEffect(() => {
    if (!client) return;
    let current = true;
    setMe(undefined);
    setFailure(undefined);
    api.me(client).then(
      (response) => {
        if (!current) return;
        // In Teams, a language the person chose in the bot ("språk nn") wins over the Teams locale, as in the bot.
        if (host.kind === 'teams' && !adoptedLanguage.current && isLanguage(response.language) && response.language !== language) {
          adoptedLanguage.current = true;
          props.onLanguage(response.language);
          return;
        }
        adoptedLanguage.current = true;
        setMe(response);
        notifyLoaded(host);
      },
      (error: unknown) => {
        if (!current) return;
        setFailure(error instanceof Error ? error : new Error(String(error)));
        notifyLoaded(host);
      },
    );
    return () => {
      current = false;
    };
  }, [client, host, attempt]);

  const services = useMemo<AppServices | undefined>(() => (client && me ? { client, me, host, fmt: formatters(language) } : undefined), [client, me, host, language]);

  const devBar =
    host.kind === 'dev' && identities ? (
      <DevBar
        identities={identities}
        identity={identity}
        onIdentity={(chosen) => {
          sessionStorage.setItem(storedIdentityKey, `${chosen.tenantId}/${chosen.userId}`);
          setIdentity(chosen);
        }}
        theme={props.theme}
        onTheme={props.onTheme}
        language={language}
        onLanguage={props.onLanguage}
        teamId={me?.teams[0]?.teamId}
      />
    ) : null;

  let body;
  if (host.kind === 'none') {
    body = (
      <main className={page.main}>
        <h1 className={page.h1}>{t('tab.app.name')}</h1>
        <p className={page.paragraph}>{t('tab.host.openInTeams')}</p>
      </main>
    );
  } else if (failure) {
    body = (
      <main className={page.main}>
        <h1 className={page.h1}>{t('tab.app.name')}</h1>
        <ErrorMessage failure={failure} onRetry={() => setAttempt((n) => n + 1)} />
      </main>
    );
  } else if (!services) {
    body = (
      <main className={page.main} aria-busy="true">
        <Loading />
      </main>
    );
  } else {
    body = (
      <AppContext.Provider value={services}>
        <Suspense fallback={<Loading />}>
          <RoutedPage />
        </Suspense>
      </AppContext.Provider>
    );
  }

  return (
    <>
      {devBar}
      {body}
    </>
  );
}

function RoutedPage() {
  const route = useRoute();
  switch (route.page) {
    case 'team':
      return <TeamDashboardPage teamId={route.teamId} />;
    case 'next-steps':
      return <NextStepsPage teamId={route.teamId} courseId={route.courseId} />;
    case 'dilemmas':
      return <DilemmasPage teamId={route.teamId} />;
    case 'config':
      return <ConfigPage />;
    case 'lesson':
      return <LessonPage lessonId={route.lessonId} />;
    case 'org-report':
      return <OrgReportPage from={route.from} to={route.to} />;
    case 'org-plan':
      return <OrgPlanPage />;
    case 'teams-overview':
      return <TeamsOverviewPage />;
    case 'org-settings':
      return <OrgSettingsPage />;
    case 'org-packs':
      return <PackPublishPage />;
    case 'meeting':
      return <MeetingPanelPage teamId={route.teamId} />;
    case 'stage':
      return <StagePage teamId={route.teamId} kind={route.kind} id={route.id} />;
    case 'org-privacy':
      return <OrgPrivacyPage />;
    default:
      return <MyCoursePage />;
  }
}

function fallbackProblem(t: Translate, status: number) {
  if (status === 0) return { code: 'internal' as const, message: t('tab.error.network') };
  if (status === 401) return { code: 'unauthorized' as const, message: t('tab.error.unauthorized') };
  if (status === 403) return { code: 'forbidden' as const, message: t('tab.error.forbidden') };
  if (status === 404) return { code: 'notFound' as const, message: t('tab.error.notFound') };
  return { code: 'internal' as const, message: t('tab.error.internal') };
}
