import type { PlanItem } from '../../core/next-steps.js';
import type { SharedReply } from '../../core/shared-reply.js';
import { formatDate } from '../../i18n/schedule-text.js';
import type { Translator } from '../../i18n/translator.js';
import { spreadsheetCsv } from './csv-export.js';

/** What an export is made of. */
export type PlanExportInput = {
  readonly teamName: string;
  readonly items: readonly PlanItem[];
  readonly questions: readonly string[];
  readonly shared: readonly SharedReply[];
  readonly today: string;
};

/**
 * A person's text as inert Markdown on one line: every character Markdown or GFM could act on is backslash-escaped.
 * @remarks CommonMark lets any ASCII punctuation be escaped, so `[x](https://…)`, `**`, `# `, `1. `, `<b>`, `&amp;` and
 * autolinks (`https:` with the colon escaped, `www.` with the dot escaped) all come out as the characters typed.
 */
function cell(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&:=^$]/g, '\\$&');
}

/** The plan as Markdown for the municipality's planning documents: the items, then the answers they came from. */
export function planMarkdown(input: PlanExportInput, t: Translator): string {
  const lines = [`# ${t('export.title', { team: cell(input.teamName) })}`, '', t('export.generated', { date: formatDate(input.today, t.language) }), ''];
  if (input.items.length === 0) lines.push(t('export.noItems'));
  else {
    lines.push(`| ${t('export.item')} | ${t('export.owner')} | ${t('export.due')} | ${t('export.status')} |`, '| --- | --- | --- | --- |');
    for (const item of input.items) {
      lines.push(`| ${cell(item.text)} | ${cell(item.owner?.name ?? t('export.noOwner'))} | ${item.dueDate ? formatDate(item.dueDate, t.language) : ''} | ${t(`plan.status.${item.status}`)} |`);
    }
  }
  if (input.shared.length > 0) {
    lines.push('', `## ${t('export.basis')}`);
    input.questions.forEach((question, index) => {
      const answers = input.shared.map((reply) => ({ who: reply.authorName ?? t('export.anonymous'), text: reply.answers[index] ?? '' })).filter((answer) => answer.text);
      if (answers.length === 0) return;
      lines.push('', `### ${question}`, '', ...answers.map((answer) => `- ${cell(answer.text)} (${cell(answer.who)})`));
    });
  }
  return `${lines.join('\n')}\n`;
}

/** The plan as CSV (semicolon-separated, with a BOM for Excel). */
export function planCsv(input: PlanExportInput, t: Translator): string {
  const rows = input.items.map((item) => [item.text, item.owner?.name ?? '', item.dueDate ?? '', t(`plan.status.${item.status}`)]);
  return spreadsheetCsv([[t('export.item'), t('export.owner'), t('export.due'), t('export.status')], ...rows]);
}
