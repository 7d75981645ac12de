import { makeStyles, tokens } from '@fluentui/react-components';
import type { WeekActivity } from '../../bot/http/contracts';
import { useApp } from './app-context';
import { isoWeek } from './format';
import { useT } from './i18n';
import { TooFew } from './PageState';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  svg: { maxWidth: '100%', height: '160px', display: 'block' },
  lessons: { fill: tokens.colorBrandForeground1 },
  reflections: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorNeutralForeground1, strokeWidth: '1.5px', vectorEffect: 'non-scaling-stroke' },
  axis: { stroke: tokens.colorNeutralStrokeAccessible, strokeWidth: '1px' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyle: 'none', fontSize: tokens.fontSizeBase200 },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatchSolid: { width: '14px', height: '14px', backgroundColor: tokens.colorBrandForeground1, display: 'inline-block' },
  swatchOutline: { width: '12px', height: '12px', border: `1.5px solid ${tokens.colorNeutralForeground1}`, backgroundColor: tokens.colorNeutralBackground1, display: 'inline-block' },
  range: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, maxWidth: '100%', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/**
 * Participation per week: a column chart (solid columns for lessons read, outlined for reflections) and the same
 * figures as a table, which is the text alternative. The server rounds the figures down to a multiple of `step` (the
 * minimum group size); the caption says so.
 */
export function ParticipationChart(props: { readonly weeks: readonly WeekActivity[]; readonly step: number; readonly labelledBy: string }) {
  const t = useT();
  const { fmt } = useApp();
  const styles = useStyles();
  const table = useTableStyles();
  const page = usePageStyles();
  const { weeks } = props;
  if (weeks.length === 0) return <p className={page.paragraph}>{t('tab.participation.empty')}</p>;
  const hidden = weeks.every((week) => week.lessonsRead === null && week.reflections === null);
  const max = Math.max(1, ...weeks.flatMap((week) => [week.lessonsRead ?? 0, week.reflections ?? 0]));
  const slot = 24;
  const bar = 9;
  const height = 100;
  const width = weeks.length * slot;
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;
  const weekLabel = (week: WeekActivity) => t('tab.participation.weekOf', { week: isoWeek(week.weekStart), date: fmt.shortDate(week.weekStart) });
  return (
    <figure className={styles.figure} data-chart="participation">
      {!hidden && (
        <>
          <svg className={styles.svg} style={{ width: `${weeks.length * 44}px` }} viewBox={`0 0 ${width} ${height + 2}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
            {weeks.map((week, index) => {
              const x = index * slot + (slot - 2 * bar - 2) / 2;
              const lessons = ((week.lessonsRead ?? 0) / max) * height;
              const reflections = ((week.reflections ?? 0) / max) * height;
              return (
                <g key={week.weekStart}>
                  <rect className={styles.lessons} x={x} y={height - lessons} width={bar} height={lessons} />
                  <rect className={styles.reflections} x={x + bar + 2} y={height - reflections} width={bar} height={reflections} />
                </g>
              );
            })}
            <line className={styles.axis} x1={0} x2={width} y1={height + 1} y2={height + 1} />
          </svg>
          <div className={styles.range} style={{ width: `max(12em, min(100%, ${weeks.length * 44}px))` }} aria-hidden="true">
            <span>{weekLabel(first)}</span>
            {weeks.length > 1 && <span>{weekLabel(last)}</span>}
          </div>
          <ul className={styles.legend} aria-hidden="true">
            <li className={styles.legendItem}>
              <span className={styles.swatchSolid} /> {t('tab.participation.col.lessonsRead')}
            </li>
            <li className={styles.legendItem}>
              <span className={styles.swatchOutline} /> {t('tab.participation.col.reflections')}
            </li>
          </ul>
        </>
      )}
      <figcaption className={page.muted}>{t('tab.participation.caption', { step: props.step })}</figcaption>
      <TableScroll labelledBy={props.labelledBy}>
        <table className={table.table} aria-labelledby={props.labelledBy}>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t('tab.participation.col.week')}
              </th>
              <th scope="col" className={table.th}>
                {t('tab.participation.col.lessonsRead')}
              </th>
              <th scope="col" className={table.th}>
                {t('tab.participation.col.reflections')}
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                  {weekLabel(week)}
                </th>
                <td className={table.td}>{week.lessonsRead === null ? <TooFew /> : fmt.number(week.lessonsRead)}</td>
                <td className={table.td}>{week.reflections === null ? <TooFew /> : fmt.number(week.reflections)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
