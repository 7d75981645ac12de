import { pointer } from './json-pointer.js';
import { markdownProblems } from './markdown-subset.js';
import { packLimits } from './pack-limits.js';
import type { PackIssue } from './pack-problem.js';
import { countWords } from './word-count.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function issue(path: string, language: string | undefined, message: string): PackIssue {
  return language === undefined ? { path, message } : { path, language, message };
}

/**
 * Checks what the JSON Schema cannot: languages against content, lesson ids and goals equal across languages,
 * words per lesson, and the Markdown subset.
 * @remarks Works on any parsed JSON, valid or not, so that a pack's problems are all reported in one run.
 */
export function checkConsistency(data: unknown): PackIssue[] {
  if (!isRecord(data)) return [];
  const content = isRecord(data['content']) ? data['content'] : {};
  const languages = list(data['languages']).filter((language): language is string => typeof language === 'string');
  return [...checkLanguages(data, content, languages), ...checkLessonIds(data, content), ...checkTexts(content)];
}

function checkLanguages(data: Json, content: Json, languages: readonly string[]): PackIssue[] {
  const issues: PackIssue[] = [];
  const defaultLanguage = data['defaultLanguage'];
  if (typeof defaultLanguage === 'string' && Array.isArray(data['languages']) && !languages.includes(defaultLanguage)) {
    issues.push(issue('/defaultLanguage', undefined, `the default language "${defaultLanguage}" is not in languages`));
  }
  for (const language of languages) {
    if (!(language in content)) issues.push(issue('/content', language, `has no text in "${language}", which languages lists`));
  }
  if (Array.isArray(data['languages'])) {
    for (const language of Object.keys(content)) {
      if (!languages.includes(language)) issues.push(issue(pointer('content', language), language, `"${language}" is not listed in languages`));
    }
  }
  return issues;
}

type LessonRef = { readonly id: string; readonly index: number; readonly goals: readonly unknown[] };

function lessonRefs(text: unknown): LessonRef[] | undefined {
  if (!isRecord(text) || !Array.isArray(text['lessons'])) return undefined;
  return text['lessons'].flatMap((lesson, index) =>
    isRecord(lesson) && typeof lesson['id'] === 'string' ? [{ id: lesson['id'], index, goals: list(lesson['goals']) }] : [],
  );
}

function referenceLanguage(data: Json, content: Json): string | undefined {
  const defaultLanguage = data['defaultLanguage'];
  if (typeof defaultLanguage === 'string' && lessonRefs(content[defaultLanguage])) return defaultLanguage;
  return Object.keys(content).find((language) => lessonRefs(content[language]));
}

function checkLessonIds(data: Json, content: Json): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const [language, text] of Object.entries(content)) {
    const seen = new Map<string, number>();
    for (const lesson of lessonRefs(text) ?? []) {
      const first = seen.get(lesson.id);
      if (first === undefined) seen.set(lesson.id, lesson.index);
      else issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'id'), language, `lesson id "${lesson.id}" is used twice (also at index ${first})`));
    }
  }
  const reference = referenceLanguage(data, content);
  if (reference === undefined) return issues;
  const expected = lessonRefs(content[reference]) ?? [];
  const expectedIds = expected.map((lesson) => lesson.id);
  for (const [language, text] of Object.entries(content)) {
    const actual = lessonRefs(text);
    if (language === reference || actual === undefined) continue;
    const actualIds = actual.map((lesson) => lesson.id);
    const missing = expected.filter((lesson) => !actualIds.includes(lesson.id));
    const extra = actual.filter((lesson) => !expectedIds.includes(lesson.id));
    for (const lesson of missing) {
      issues.push(issue(pointer('content', language, 'lessons'), language, `lesson "${lesson.id}" is missing; ${reference} has it at index ${lesson.index}`));
    }
    for (const lesson of extra) {
      issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'id'), language, `lesson id "${lesson.id}" is not in ${reference}; every language must have the same lesson ids`));
    }
    if (missing.length === 0 && extra.length === 0) {
      actual.forEach((lesson, position) => {
        const other = expected[position];
        if (other && other.id !== lesson.id) {
          const at = expectedIds.indexOf(lesson.id);
          issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'id'), language, `lesson "${lesson.id}" is at index ${lesson.index} here but at index ${at} in ${reference}; lessons must come in the same order in every language`));
        }
      });
    }
    for (const lesson of actual) {
      const other = expected.find((candidate) => candidate.id === lesson.id);
      if (other && !sameGoals(other.goals, lesson.goals)) {
        issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'goals'), language, `goals [${lesson.goals.join(', ')}] differ from [${other.goals.join(', ')}] in ${reference}`));
      }
    }
  }
  return issues;
}

function sameGoals(a: readonly unknown[], b: readonly unknown[]): boolean {
  const key = (goals: readonly unknown[]): string => JSON.stringify([...goals].map(String).sort());
  return key(a) === key(b);
}

function checkTexts(content: Json): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const [language, text] of Object.entries(content)) {
    if (!isRecord(text)) continue;
    list(text['lessons']).forEach((lesson, index) => {
      if (!isRecord(lesson)) return;
      const body = list(lesson['body']);
      body.forEach((paragraph, paragraphIndex) => {
        if (typeof paragraph !== 'string') return;
        for (const message of markdownProblems(paragraph)) issues.push(issue(pointer('content', language, 'lessons', index, 'body', paragraphIndex), language, message));
      });
      const keyFact = lesson['keyFact'];
      if (typeof keyFact === 'string') {
        for (const message of markdownProblems(keyFact)) issues.push(issue(pointer('content', language, 'lessons', index, 'keyFact'), language, message));
      }
      const words = [...body, keyFact].filter((part): part is string => typeof part === 'string').reduce((sum, part) => sum + countWords(part), 0);
      if (words > packLimits.lessonWords) {
        issues.push(issue(pointer('content', language, 'lessons', index, 'body'), language, `the lesson has ${words} words (body and key fact); the limit is ${packLimits.lessonWords}`));
      }
    });
  }
  return issues;
}
