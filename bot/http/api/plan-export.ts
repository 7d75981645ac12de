import { stringify } from 'csv-stringify/sync';
import type { PlanItem } from '../../core/next-steps.js';
import type { SharedReply } from '../../core/ports.js';
import { formatDate } from '../../i18n/schedule-text.js';
import type { Translator } from '../../i18n/translator.js';

/** What an export is made of. */
export type PlanExportInput = {
  readonly teamName: string;
  readonly items: readonly PlanItem[];
  readonly questions: readonly string[];
  readonly shared: readonly SharedReply[];
  readonly today: string;
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The plan as Markdown for the municipality's planning documents: the items, then the answers they came from. */
export function planMarkdown(input: PlanExportInput, t: Translator): string {
  const lines = [`# ${t('export.title', { team: input.teamName })}`, '', t('export.generated', { date: formatDate(input.today, t.language) }), ''];
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
  return `\uFEFF${stringify([[t('export.item'), t('export.owner'), t('export.due'), t('export.status')], ...rows], { delimiter: ';', record_delimiter: '\r\n' })}`;
}
