import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { OrgPlanView } from '../../bot/http/contracts';
import { api } from './api-client';
import { useApp } from './app-context';
import { useT } from './i18n';
import { OrgNav } from './OrgReportPage';
import { ErrorMessage, Loading } from './PageState';
import { saveDownload } from './save-download';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  text: { whiteSpace: 'pre-wrap' },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

/** Next steps across the organisation: every team's plan items in one list (HR, administrators), exportable as CSV. */
export function OrgPlanPage() {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const { state, reload, set } = useAsync(() => api.orgPlan(client), [client]);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();

  async function more(current: OrgPlanView): Promise<void> {
    if (!current.next) return;
    try {
      const next = await api.orgPlan(client, current.next);
      set({ ...next, items: [...current.items, ...next.items] });
    } catch (error) {
      setFailure(error as Error);
    }
  }

  async function exportCsv(): Promise<void> {
    setStatus('');
    setFailure(undefined);
    try {
      const download = await api.orgPlanCsv(client, t('tab.orgPlan.exportFileName'));
      saveDownload(download);
      setStatus(t('tab.orgPlan.exportDone', { filename: download.filename }));
    } catch (error) {
      setFailure(error as Error);
    }
  }

  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="org-plan">
      <h1 className={page.h1}>{t('tab.orgPlan.title')}</h1>
      <OrgNav current="plan" />
      <p className={page.lead}>{t('tab.orgPlan.lead')}</p>
      <div className={page.row}>
        <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv()} data-action="export">
          {t('tab.orgPlan.export')}
        </Button>
      </div>
      <p role="status" className={styles.status}>
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <p className={page.muted}>{state.data.ownersShown ? t('tab.orgPlan.ownersShown') : t('tab.orgPlan.ownersHidden')}</p>
          {state.data.items.length === 0 ? <p className={page.paragraph}>{t('tab.orgPlan.empty')}</p> : <PlanTable plan={state.data} />}
          {state.data.next && (
            <div className={page.row}>
              <Button onClick={() => void more(state.data)}>{t('tab.orgPlan.more')}</Button>
            </div>
          )}
        </>
      )}
    </main>
  );
}

function PlanTable(props: { readonly plan: OrgPlanView }) {
  const t = useT();
  const table = useTableStyles();
  const page = usePageStyles();
  const styles = useStyles();
  const { fmt } = useApp();
  const { plan } = props;
  return (
    <TableScroll labelledBy="org-plan-caption">
      <table className={table.table} aria-describedby="org-plan-caption" data-table="org-plan">
        <caption id="org-plan-caption" className={page.visuallyHidden}>
          {t('tab.orgPlan.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={table.th}>
              {t('tab.orgPlan.col.text')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.orgPlan.col.team')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.orgPlan.col.status')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.orgPlan.col.dueDate')}
            </th>
            {plan.ownersShown && (
              <th scope="col" className={table.th}>
                {t('tab.orgPlan.col.owner')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {plan.items.map((item, index) => (
            <tr key={`${item.teamId}:${index}`}>
              <td className={`${table.td} ${styles.text}`}>{item.text}</td>
              <td className={table.td}>{item.teamName}</td>
              <td className={table.td}>
                <Badge appearance="tint" color={item.status === 'done' ? 'success' : item.status === 'inProgress' ? 'informative' : 'subtle'}>
                  {t(`tab.plan.status.${item.status}`)}
                </Badge>
              </td>
              <td className={table.td}>{item.dueDate ? fmt.date(item.dueDate) : '–'}</td>
              {plan.ownersShown && <td className={table.td}>{item.owner ?? '–'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
