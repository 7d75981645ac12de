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
  const scale = props.members ?? Math.max(1, ...props.lessons.map((lesson) => lesson.read ?? 0));
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
                {lesson.read === null ? (
                  <TooFew />
                ) : (
                  <>
                    <span className={table.number}>
                      {props.members === null
                        ? fmt.number(lesson.read)
                        : t('tab.lessons.readOf', { read: fmt.number(lesson.read), members: fmt.number(props.members), percent: fmt.percent(props.members > 0 ? lesson.read / props.members : 0) })}
                    </span>
                    <span className={styles.track} aria-hidden="true">
                      <span className={styles.fill} style={{ width: `${Math.min(100, (100 * lesson.read) / scale)}%` }} />
                    </span>
                  </>
                )}
              </td>
              <td className={`${table.td} ${table.number}`}>{lesson.reflections === null ? <TooFew /> : fmt.number(lesson.reflections)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
