import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import type { NamedProgressRow } from '../../bot/http/contracts';
import { useApp } from './app-context';
import { useT } from './i18n';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';

const useStyles = makeStyles({
  details: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  summary: {
    cursor: 'pointer',
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});

/**
 * Named progress: what it means under the Working Environment Act chapter 9, and, when the organisation has switched
 * it on, each member's counts (never what anyone wrote).
 */
export function NamedProgress(props: { readonly enabled: boolean; readonly rows: readonly NamedProgressRow[] | null; readonly labelledBy: string }) {
  const t = useT();
  const { fmt } = useApp();
  const page = usePageStyles();
  const table = useTableStyles();
  const styles = useStyles();
  const explanation = (
    <>
      <p className={page.paragraph}>{t('tab.named.law')}</p>
      <ul className={page.list}>
        <li>{t('tab.named.purpose')}</li>
        <li>{t('tab.named.proportionality')}</li>
        <li>{t('tab.named.unions')}</li>
        <li>{t('tab.named.inform')}</li>
        <li>{t('tab.named.dpia')}</li>
      </ul>
    </>
  );
  if (!props.enabled) {
    return (
      <>
        <p className={page.paragraph}>{t('tab.named.off')}</p>
        <details className={styles.details}>
          <summary className={styles.summary}>{t('tab.named.whatIf')}</summary>
          {explanation}
        </details>
      </>
    );
  }
  const rows = [...(props.rows ?? [])].sort((a, b) => a.name.localeCompare(b.name, t.language));
  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t('tab.named.on')}</MessageBarBody>
      </MessageBar>
      <details className={styles.details}>
        <summary className={styles.summary}>{t('tab.named.about')}</summary>
        {explanation}
      </details>
      {rows.length === 0 ? (
        <p className={page.paragraph}>{t('tab.named.empty')}</p>
      ) : (
        <TableScroll labelledBy={props.labelledBy}>
          <table className={table.table} aria-labelledby={props.labelledBy} data-table="named">
            <thead>
              <tr>
                <th scope="col" className={table.th}>
                  {t('tab.named.col.name')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.named.col.lessons')}
                </th>
                <th scope="col" className={table.th}>
                  {t('tab.named.col.reflections')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={`${row.name}-${index}`}>
                  <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                    {row.name}
                  </th>
                  <td className={`${table.td} ${table.number}`}>{fmt.number(row.lessonsRead)}</td>
                  <td className={`${table.td} ${table.number}`}>{fmt.number(row.reflections)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
