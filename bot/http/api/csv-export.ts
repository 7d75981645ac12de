import { stringify } from 'csv-stringify/sync';
import type { Dashboard } from '../../core/dashboard-service.js';
import { headCountText, type HeadCount } from '../../core/disclosure-control.js';
import type { Translator } from '../../i18n/translator.js';

/**
 * The team's aggregates as CSV (semicolon-separated, as Norwegian spreadsheets expect, with a BOM for Excel).
 * @remarks Figures hidden for a too-small group say so instead of a number.
 */
export function aggregatesCsv(dashboard: Dashboard, t: Translator): string {
  const figure = (value: number | undefined): string => (value === undefined ? t('csv.tooFew') : String(value));
  // Exact, or the band the tab shows ("16–19"): the headline's rule.
  const count = (value: HeadCount | undefined): string => (value === undefined ? t('csv.tooFew') : headCountText(value));
  const rows = dashboard.lessons.map((lesson) => [
    lesson.number,
    lesson.lesson.title,
    t(lesson.posted ? 'common.yes' : 'common.no'),
    count(lesson.read),
    figure(dashboard.members),
    count(lesson.reflections),
    lesson.shared.length,
  ]);
  const header = [t('csv.number'), t('csv.lesson'), t('csv.posted'), t('csv.read'), t('csv.members'), t('csv.reflections'), t('csv.shared')];
  return spreadsheetCsv([header, ...rows]);
}

/**
 * Rows as CSV for spreadsheets: semicolon-separated, CRLF, a BOM for Excel, and formulas defused.
 * @remarks `escape_formulas` prefixes a cell that starts with `=`, `+`, `-`, `@`, tab or CR (and their full-width
 * forms) with `'`, so `=HYPERLINK(…)` typed into a plan item is shown as text, not run (OWASP "CSV injection"); a cell
 * with a lone CR or LF is quoted, which csv-stringify does not do by itself, so it cannot split the row. A cell with a
 * comma or a tab is quoted too: a spreadsheet whose list separator is the comma (English Excel) or that splits on tabs
 * would otherwise start a new cell there, and `Tiltak,=HYPERLINK(…)` would run.
 */
export function spreadsheetCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${stringify(rows as (string | number)[][], { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n,\t]/, escape_formulas: true })}`;
}
