import { makeStyles, tokens } from '@fluentui/react-components';
import type { LessonCompletion } from '../../bot/http/contracts';
import { useApp } from './app-context';
import { useT } from './i18n';
import { TooFew } from './PageState';
import { useTableStyles } from './styles';
import { TableScroll } from './TableScroll';

const useStyles = makeStyles({
  lesson: { minWidth: '7em' },
  readCell: { minWidth: '6.5em', width: '40%' },
  track: {
    display: 'block',
    height: '10px',
    marginBlockStart: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground5,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
  },
  fill: { display: 'block', height: '100%', backgroundColor: tokens.colorBrandForeground1 },
});

/**
 * Completion per lesson as a bar chart that is also a data table: each row has the figure as text and a bar.
 * @remarks The bars are decoration (aria-hidden); the text carries the figures, so nothing is conveyed by colour alone.
 */
export function LessonCompletionChart(props: { readonly lessons: readonly LessonCompletion[]; readonly members: number | null; readonly labelledBy: string }) {
  const t = useT();
  const { fmt } = useApp();
  const styles = useStyles();
  const table = useTableStyles();
  // A band ("16–19") is drawn at its middle; the text gives the band.
  const shown = (lesson: LessonCompletion): number | null => lesson.read ?? (lesson.readBand ? (lesson.readBand.from + lesson.readBand.to) / 2 : null);
  const scale = props.members ?? Math.max(1, ...props.lessons.map((lesson) => shown(lesson) ?? 0));
  const band = (from: number, to: number) => t('tab.headline.band', { from: fmt.number(from), to: fmt.number(to) });
  return (
    <TableScroll labelledBy={props.labelledBy}>
      <table className={table.table} aria-labelledby={props.labelledBy} data-chart="lessons">
        <thead>
          <tr>
            <th scope="col" className={table.th}>
              {t('tab.lessons.col.lesson')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.lessons.col.read')}
            </th>
            <th scope="col" className={table.th}>
              {t('tab.lessons.col.reflections')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.lessons.map((lesson) => (
            <tr key={lesson.lessonId}>
              <th scope="row" className={`${table.td} ${table.rowHeader} ${styles.lesson}`}>
                {t('tab.lessons.lessonLabel', { number: lesson.number, title: lesson.title })}
                {!lesson.posted && <span className={table.note}>{t('tab.lessons.notPosted')}</span>}
              </th>
              <td className={`${table.td} ${styles.readCell}`}>
                {shown(lesson) === null ? (
                  <TooFew />
                ) : (
                  <>
                    <span className={table.number} data-read-band={lesson.readBand ? '' : undefined}>
                      {lesson.read === null && lesson.readBand
                        ? props.members === null
                          ? band(lesson.readBand.from, lesson.readBand.to)
                          : t('tab.lessons.readBandOf', { band: band(lesson.readBand.from, lesson.readBand.to), members: fmt.number(props.members) })
                        : props.members === null
                          ? fmt.number(lesson.read ?? 0)
                          : t('tab.lessons.readOf', { read: fmt.number(lesson.read ?? 0), members: fmt.number(props.members), percent: fmt.percent(props.members > 0 ? (lesson.read ?? 0) / props.members : 0) })}
                    </span>
                    <span className={styles.track} aria-hidden="true">
                      <span className={styles.fill} style={{ width: `${Math.min(100, (100 * (shown(lesson) ?? 0)) / scale)}%` }} />
                    </span>
                  </>
                )}
              </td>
              <td className={`${table.td} ${table.number}`}>
                {lesson.reflections !== null ? fmt.number(lesson.reflections) : lesson.reflectionsBand ? band(lesson.reflectionsBand.from, lesson.reflectionsBand.to) : <TooFew />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
