import type { CompletionFigures, OrgReport, TeamActivity } from '../../core/org-report-service.js';
import type { Headline, HeadCount } from '../../core/team-headline-service.js';
import type { Translator } from '../../i18n/translator.js';
import type { ActivityView, CompletionView, HeadCountView, OrgReportView, TeamHeadlineView } from '../contracts.js';
import { spreadsheetCsv } from './csv-export.js';

const nullable = (value: number | undefined): number | null => value ?? null;

/** Completion figures for the contract; hidden figures become null. */
export function completionView(figures: CompletionFigures): CompletionView {
  return {
    members: nullable(figures.members),
    completed: nullable(figures.completed),
    started: nullable(figures.started),
    notStarted: nullable(figures.notStarted),
    participated: nullable(figures.participated),
    notDone: nullable(figures.notDone),
  };
}

/** Rounds and plan items for the contract. */
export function activityView(activity: TeamActivity): ActivityView {
  return { reflectionRounds: activity.reflectionRounds, nextStepsRounds: activity.nextStepsRounds, ...activity.plan };
}

/** The organisation report as the contract shapes it. */
export function orgReportView(report: OrgReport): OrgReportView {
  return {
    from: report.from,
    to: report.to,
    minGroupSize: report.minGroupSize,
    courses: report.courses.map((course) => ({
      courseId: course.courseId,
      title: course.title,
      lessons: course.lessons,
      total: completionView(course.total),
      activity: activityView(course.activity),
      teams: course.teams.map((team) => ({ teamId: team.teamId, name: team.name, completion: completionView(team.completion), activity: team.activity ? activityView(team.activity) : null })),
    })),
    total: completionView(report.total),
    activity: activityView(report.activity),
    months: report.months.map((month) => ({ month: month.month, completed: nullable(month.completed), active: nullable(month.active), reflectionRounds: month.reflectionRounds, nextStepsRounds: month.nextStepsRounds })),
    teamsNotSetUp: report.teamsNotSetUp,
    suppressed: report.suppressed,
  };
}

/**
 * The organisation report as CSV: a note on suppression, one line per team and course total, then the months.
 * @remarks Hidden figures say so instead of a number; team names go through the formula-escaping CSV helper.
 */
export function orgReportCsv(report: OrgReport, t: Translator): string {
  const figure = (value: number | undefined): string | number => (value === undefined ? t('orgReport.csv.hidden') : value);
  const activity = (value: TeamActivity | undefined): (string | number)[] =>
    value ? [value.reflectionRounds, value.nextStepsRounds, value.plan.planned, value.plan.inProgress, value.plan.done] : Array(5).fill(t('orgReport.csv.hidden'));
  const completion = (value: CompletionFigures): (string | number)[] => [figure(value.members), figure(value.completed), figure(value.started), figure(value.notStarted)];
  const rows: (string | number)[][] = [
    [t('orgReport.csv.title', { from: report.from, to: report.to })],
    [t('orgReport.csv.note', { k: report.minGroupSize })],
    [],
    [
      t('orgReport.csv.course'),
      t('orgReport.csv.team'),
      t('orgReport.csv.members'),
      t('orgReport.csv.completed'),
      t('orgReport.csv.started'),
      t('orgReport.csv.notStarted'),
      t('orgReport.csv.reflectionRounds'),
      t('orgReport.csv.nextStepsRounds'),
      t('orgReport.csv.planned'),
      t('orgReport.csv.inProgress'),
      t('orgReport.csv.done'),
    ],
  ];
  for (const course of report.courses) {
    for (const team of course.teams) rows.push([course.title, team.name, ...completion(team.completion), ...activity(team.activity)]);
    rows.push([course.title, t('orgReport.csv.courseTotal'), ...completion(course.total), ...activity(course.activity)]);
  }
  rows.push([t('orgReport.csv.allCourses'), t('orgReport.csv.organisationTotal'), ...completion(report.total), ...activity(report.activity)]);
  rows.push([]);
  rows.push([t('orgReport.csv.month'), t('orgReport.csv.completedInMonth'), t('orgReport.csv.active'), t('orgReport.csv.reflectionRounds'), t('orgReport.csv.nextStepsRounds')]);
  for (const month of report.months) rows.push([month.month, figure(month.completed), figure(month.active), month.reflectionRounds, month.nextStepsRounds]);
  return spreadsheetCsv(rows);
}

/** A head count for the contract. */
export function headCountView(count: HeadCount | undefined): HeadCountView | null {
  if (!count) return null;
  return 'exact' in count ? { exact: count.exact } : { from: count.from, to: count.to };
}

/** A team's headline for the contract. */
export function headlineView(headline: Headline): TeamHeadlineView {
  return {
    teamId: headline.team.teamId,
    teamName: headline.team.name,
    courseId: headline.courseId,
    courseTitle: headline.courseTitle,
    dueDate: headline.dueDate ?? null,
    minGroupSize: headline.minGroupSize,
    members: headline.members ?? null,
    completed: headCountView(headline.completed),
    notDone: headCountView(headline.notDone),
    reminderBlocked: headline.reminderBlocked ?? null,
  };
}
