const rules: readonly { readonly test: RegExp; readonly message: string }[] = [
  { test: /^\s{0,3}#{1,6}\s/m, message: 'uses a Markdown heading (#), which Teams cards do not render; use **bold** instead' },
  { test: /!\[[^\]]*\]\(/, message: 'uses a Markdown image, which Teams cards do not render; use the lesson image instead' },
  { test: /`/, message: 'uses Markdown code (`), which Teams cards do not render' },
  { test: /^\s*\|.*\|\s*$/m, message: 'uses a Markdown table, which Teams cards do not render; use a list instead' },
  { test: /<\/?[a-zA-Z][^>]*>/, message: 'uses HTML, which Teams cards do not render' },
  { test: /(?<!!)\[[^\]]*\]\((?!https:\/\/)[^)]*\)/, message: 'has a link that does not start with https://' },
];

/**
 * What in a text falls outside the Markdown subset that Adaptive Cards render in Teams.
 * @remarks The subset: **bold**, _italic_, [links](https://…), lists with "- " or "1. "; one message per kind of problem.
 */
export function markdownProblems(text: string): string[] {
  return rules.filter((rule) => rule.test.test(text)).map((rule) => rule.message);
}
