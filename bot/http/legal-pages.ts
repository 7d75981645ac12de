import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';

/** The languages the privacy statement and the terms are written in. */
export const legalLanguages = ['nb', 'nn', 'en'] as const;

/** One of {@link legalLanguages}. */
export type LegalLanguage = (typeof legalLanguages)[number];

/** The two documents served as HTML pages. */
export type LegalDocument = 'privacy' | 'terms';

/** Values the documents' `{{placeholders}}` are filled with. */
export type LegalValues = {
  /** Who employees ask about their data (PRIVACY_CONTACT); a neutral text in each language when unset. */
  readonly contact: string | undefined;
  readonly retentionDays: number;
  readonly teamGraceDays: number;
  readonly minGroupSize: number;
};

type Labels = {
  readonly title: Record<LegalDocument, string>;
  readonly skip: string;
  readonly languages: string;
  readonly otherDocuments: string;
  readonly accessibility: string;
  readonly noContact: string;
  readonly languageName: string;
};

const labels: Readonly<Record<LegalLanguage, Labels>> = {
  nb: {
    title: { privacy: 'Personvernerklæring', terms: 'Vilkår for bruk' },
    skip: 'Gå til innholdet',
    languages: 'Språk',
    otherDocuments: 'Andre dokumenter',
    accessibility: 'Tilgjengelighet (på engelsk)',
    noContact:
      'personvernombudet i kommunen eller fylkeskommunen din (kontaktopplysningene er ikke lagt inn i Lærekraft ennå; du finner dem på intranettet eller nettsidene til arbeidsgiveren din)',
    languageName: 'Bokmål',
  },
  nn: {
    title: { privacy: 'Personvernerklæring', terms: 'Vilkår for bruk' },
    skip: 'Gå til innhaldet',
    languages: 'Språk',
    otherDocuments: 'Andre dokument',
    accessibility: 'Tilgjengelegheit (på engelsk)',
    noContact:
      'personvernombodet i kommunen eller fylkeskommunen din (kontaktopplysningane er ikkje lagde inn i Lærekraft enno; du finn dei på intranettet eller nettsidene til arbeidsgivaren din)',
    languageName: 'Nynorsk',
  },
  en: {
    title: { privacy: 'Privacy statement', terms: 'Terms of use' },
    skip: 'Skip to content',
    languages: 'Language',
    otherDocuments: 'Other documents',
    accessibility: 'Accessibility',
    noContact:
      'the data protection officer of your municipality or county (the contact details have not been entered in Lærekraft yet; you find them on your employer’s intranet or website)',
    languageName: 'English',
  },
};

const htmlEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character]!);
}

function isLegalLanguage(value: string): value is LegalLanguage {
  return (legalLanguages as readonly string[]).includes(value);
}

function languageOfTag(tag: string): LegalLanguage | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
  if (primary === 'nn') return 'nn';
  if (primary === 'nb' || primary === 'no') return 'nb';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The page language: a valid `?lang=` wins, then the first supported language in Accept-Language by q-value, then Bokmål.
 */
export function pickLegalLanguage(queryLanguage: string | undefined, acceptLanguage: string | undefined): LegalLanguage {
  const asked = queryLanguage?.trim().toLowerCase();
  if (asked && isLegalLanguage(asked)) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.split(';');
      const q = parameters.map((parameter) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
      return { language: languageOfTag(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry): entry is { language: LegalLanguage; q: number; index: number } => !!entry.language && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language ?? 'nb';
}

function safeHref(url: string): string | undefined {
  return /^(https:\/\/|mailto:|\/|\?|#)/.test(url) ? url : undefined;
}

/** Inline Markdown on already escaped text: **bold**, `code` and [links](https://…). */
function inline(escaped: string): string {
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_whole, text: string, url: string) => {
      const href = safeHref(url);
      return href ? `<a href="${href}">${text}</a>` : text;
    });
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Renders the small Markdown subset of our own files in docs/legal/ to HTML: `#`–`###` headings, paragraphs,
 * `- ` lists, **bold**, `code` and links (https, mailto or relative only). All text is escaped first.
 */
export function renderLegalMarkdown(markdown: string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = (): void => {
    if (paragraph.length) out.push(`<p>${inline(escapeHtml(paragraph.join(' ')))}</p>`);
    if (list.length) out.push(`<ul>\n${list.map((item) => `<li>${inline(escapeHtml(item))}</li>`).join('\n')}\n</ul>`);
    paragraph = [];
    list = [];
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      const text = heading[2]!;
      out.push(level === 1 ? `<h1>${inline(escapeHtml(text))}</h1>` : `<h${level} id="${slug(text)}">${inline(escapeHtml(text))}</h${level}>`);
    } else if (/^- /.test(line)) {
      if (paragraph.length) flush();
      list.push(line.slice(2));
    } else if (/^ {2,}\S/.test(line) && list.length) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else if (line === '') {
      flush();
    } else {
      if (list.length) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return out.join('\n');
}

function fill(html: string, language: LegalLanguage, values: LegalValues): string {
  const filled: Record<string, string> = {
    contact: values.contact ?? labels[language].noContact,
    retentionDays: String(values.retentionDays),
    teamGraceDays: String(values.teamGraceDays),
    minGroupSize: String(values.minGroupSize),
  };
  return html.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in filled ? escapeHtml(filled[name]!) : whole));
}

const styles = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #4a4a4a; --link: #0b57d0; --rule: #d0d0d0; --code: #f2f2f2; }
@media (prefers-color-scheme: dark) { :root { --bg: #141414; --fg: #ececec; --muted: #c4c4c4; --link: #9cc3ff; --rule: #444444; --code: #262626; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.wrap { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.skip { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: var(--bg); color: var(--link); }
.skip:focus { left: 1rem; top: 1rem; }
header, footer { border-color: var(--rule); border-style: solid; border-width: 0; }
header { border-bottom-width: 1px; padding-bottom: .75rem; }
footer { border-top-width: 1px; margin-top: 2.5rem; padding-top: .75rem; color: var(--muted); }
.app { font-weight: 700; margin: 0 0 .25rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
a { color: var(--link); text-underline-offset: .15em; }
a[aria-current="page"] { color: var(--fg); font-weight: 700; text-decoration: none; }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1.5rem 0 1rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 .5rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
ul { padding-left: 1.25rem; }
li + li { margin-top: .35rem; }
code { background: var(--code); padding: 0 .25em; border-radius: 3px; font-size: .95em; }
`;

const sources = new Map<string, string>();

/** The Markdown of one document in one language, from docs/legal/ (read once). */
export function legalSource(document: LegalDocument, language: LegalLanguage): string {
  const key = `${document}.${language}`;
  let text = sources.get(key);
  if (text === undefined) {
    text = readFileSync(projectPath('docs', 'legal', `${key}.md`), 'utf8');
    sources.set(key, text);
  }
  return text;
}

/** The whole HTML page of one document in one language, with links to the other languages and document. */
export function legalPage(document: LegalDocument, language: LegalLanguage, values: LegalValues): string {
  const label = labels[language];
  const path = `/${document}`;
  const other: LegalDocument = document === 'privacy' ? 'terms' : 'privacy';
  const languageLinks = legalLanguages
    .map((code) => {
      const current = code === language ? ' aria-current="page"' : '';
      return `<li><a href="${path}?lang=${code}" hreflang="${code}" lang="${code}"${current}>${escapeHtml(labels[code].languageName)}</a></li>`;
    })
    .join('');
  const alternates = legalLanguages.map((code) => `<link rel="alternate" hreflang="${code}" href="${path}?lang=${code}">`).join('\n');
  const body = fill(renderLegalMarkdown(legalSource(document, language)), language, values);
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(label.title[document])} – Lærekraft</title>
${alternates}
<style>${styles}</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(label.skip)}</a>
<div class="wrap">
<header>
<p class="app">Lærekraft</p>
<nav aria-label="${escapeHtml(label.languages)}"><ul>${languageLinks}</ul></nav>
</header>
<main id="main">
${body}
</main>
<footer>
<nav aria-label="${escapeHtml(label.otherDocuments)}"><ul><li><a href="/${other}?lang=${language}">${escapeHtml(label.title[other])}</a></li><li><a href="/accessibility">${escapeHtml(label.accessibility)}</a></li></ul></nav>
</footer>
</div>
</body>
</html>
`;
}
