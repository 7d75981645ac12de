import type { PackCheckCode } from './pack-problem.js';

const rules: readonly { readonly test: RegExp; readonly code: PackCheckCode }[] = [
  { test: /^\s{0,3}#{1,6}\s/m, code: 'markdownHeading' },
  { test: /!\[[^\]]*\]\(/, code: 'markdownImage' },
  { test: /`/, code: 'markdownCode' },
  { test: /^\s*\|.*\|\s*$/m, code: 'markdownTable' },
  { test: /<\/?[a-zA-Z][^>]*>/, code: 'markdownHtml' },
  { test: /(?<!!)\[[^\]]*\]\((?!https:\/\/)[^)]*\)/, code: 'markdownLink' },
];

/**
 * What in a text falls outside the Markdown subset that Adaptive Cards render in Teams, as problem codes
 * (`packs.check.markdown*`).
 * @remarks The subset: **bold**, _italic_, [links](https://…), lists with "- " or "1. "; one code per kind of problem.
 */
export function markdownProblems(text: string): PackCheckCode[] {
  return rules.filter((rule) => rule.test.test(text)).map((rule) => rule.code);
}
