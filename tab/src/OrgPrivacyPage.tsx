import { Link } from '@fluentui/react-components';
import { useApp } from './app-context';
import { useT } from './i18n';
import { orgApi } from './org-api';
import { ErrorMessage, Loading } from './PageState';
import { routeHash } from './route';
import { usePageStyles } from './styles';
import { useAsync } from './use-async';

/**
 * "Personvern i din organisasjon": the values of the caller's own organisation that the public /privacy page cannot
 * know (it shows the deployment's defaults): named progress on or off, with the employer's decision and the union
 * discussion where on; the minimum group size; how long answer text is kept. Every signed-in person may read it.
 */
export function OrgPrivacyPage() {
  const t = useT();
  const page = usePageStyles();
  const { client, fmt } = useApp();
  const { state, reload } = useAsync(() => orgApi.privacy(client), [client]);
  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="org-privacy">
      <h1 className={page.h1}>{t('tab.privacy.title')}</h1>
      <nav aria-label={t('tab.privacy.back')}>
        <Link href={routeHash({ page: 'personal' })}>{t('tab.privacy.back')}</Link>
      </nav>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <p>{t('tab.privacy.intro')}</p>
          <dl data-privacy="values">
            <dt>{t('tab.privacy.namedProgress')}</dt>
            <dd data-value="namedProgress">
              {state.data.namedProgress ? t('tab.privacy.namedOn') : t('tab.privacy.namedOff')}
              {state.data.namedProgress && (
                <>
                  {' '}
                  {state.data.decision
                    ? t('tab.privacy.decision', { reference: state.data.decision.reference, discussedOn: fmt.date(state.data.decision.discussedOn), switchedOn: fmt.date(state.data.decision.switchedOnAt.slice(0, 10)) })
                    : t('tab.privacy.noDecision')}
                </>
              )}
            </dd>
            <dt>{t('tab.privacy.minGroupSize')}</dt>
            <dd data-value="minGroupSize">{t('tab.privacy.minGroupSizeValue', { count: state.data.minGroupSize })}</dd>
            <dt>{t('tab.privacy.retention')}</dt>
            <dd data-value="retentionDays">{t('tab.privacy.retentionValue', { days: state.data.retentionDays })}</dd>
          </dl>
          {state.data.contact && <p>{t('tab.privacy.contact', { contact: state.data.contact })}</p>}
          <p>
            <Link href="/privacy" target="_blank">
              {t('tab.privacy.statement')}
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
