import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReflectionRound } from '../../bot/http/contracts';
import { useApp } from './app-context';
import { useT } from './i18n';
import { TooFew } from './PageState';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';

const useStyles = makeStyles({
  details: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
  },
  summary: {
    cursor: 'pointer',
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  answers: { margin: 0, paddingInlineStart: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, marginBlockStart: tokens.spacingVerticalS },
  author: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
  qa: { margin: 0 },
  question: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  answer: { marginInlineStart: 0, marginBlockEnd: tokens.spacingVerticalXS, whiteSpace: 'pre-wrap' },
});

/** Reflections per round (counts), and the answers their authors shared in the thread. */
export function ReflectionRounds(props: { readonly rounds: readonly ReflectionRound[]; readonly labelledBy: string }) {
  const t = useT();
  const { fmt } = useApp();
  const styles = useStyles();
  const table = useTableStyles();
  const page = usePageStyles();
  if (props.rounds.length === 0) return <p className={page.paragraph}>{t('tab.rounds.empty')}</p>;
  const questions = [t('tab.questions.q1'), t('tab.questions.q2'), t('tab.questions.q3')];
  return (
    <>
      <p className={page.muted}>{t('tab.rounds.caption')}</p>
      <TableScroll labelledBy={props.labelledBy}>
        <table className={table.table} aria-labelledby={props.labelledBy} data-table="rounds">
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t('tab.rounds.col.round')}
              </th>
              <th scope="col" className={table.th}>
                {t('tab.rounds.col.reflections')}
              </th>
              <th scope="col" className={table.th}>
                {t('tab.rounds.col.shared')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rounds.map((round) => (
              <tr key={round.lessonId}>
                <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                  {round.title}
                </th>
                <td className={`${table.td} ${table.number}`}>
                  {round.reflections !== null
                    ? fmt.number(round.reflections)
                    : round.reflectionsBand
                      ? t('tab.headline.band', { from: fmt.number(round.reflectionsBand.from), to: fmt.number(round.reflectionsBand.to) })
                      : <TooFew />}
                </td>
                <td className={`${table.td} ${table.number}`}>{fmt.number(round.shared.length)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {props.rounds
        .filter((round) => round.shared.length > 0)
        .map((round) => (
          <details key={round.lessonId} className={styles.details}>
            <summary className={styles.summary}>{t('tab.rounds.showShared', { title: round.title, count: round.shared.length })}</summary>
            <ul className={styles.answers}>
              {round.shared.map((shared, index) => (
                <li key={index}>
                  <p className={styles.author}>{shared.authorName ?? t('tab.rounds.anonymous')}</p>
                  <dl className={styles.qa}>
                    {shared.answers.map((answer, question) =>
                      answer.trim() ? (
                        <div key={question}>
                          <dt className={styles.question}>{questions[question] ?? ''}</dt>
                          <dd className={styles.answer}>{answer}</dd>
                        </div>
                      ) : null,
                    )}
                  </dl>
                </li>
              ))}
            </ul>
          </details>
        ))}
    </>
  );
}
