import { stringify } from 'csv-stringify/sync';
import type { Dashboard } from '../../core/dashboard-service.js';
import type { Translator } from '../../i18n/translator.js';

/**
 * The team's aggregates as CSV (semicolon-separated, as Norwegian spreadsheets expect, with a BOM for Excel).
 * @remarks Figures hidden for a too-small group say so instead of a number.
 */
export function aggregatesCsv(dashboard: Dashboard, t: Translator): string {
  const figure = (value: number | undefined): string => (value === undefined ? t('csv.tooFew') : String(value));
  const rows = dashboard.lessons.map((lesson) => [
    lesson.number,
    lesson.lesson.title,
    t(lesson.posted ? 'common.yes' : 'common.no'),
    figure(lesson.read),
    figure(dashboard.members),
    figure(lesson.reflections),
    lesson.shared.length,
  ]);
  const header = [t('csv.number'), t('csv.lesson'), t('csv.posted'), t('csv.read'), t('csv.members'), t('csv.reflections'), t('csv.shared')];
  return `\uFEFF${stringify([header, ...rows], { delimiter: ';', record_delimiter: '\r\n' })}`;
}
