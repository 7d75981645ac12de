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
  return [...checkLanguages(data, content, languages), ...checkLessonIds(data, content), ...checkTexts(content), ...checkDilemmas(data, content)];
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

// dilemma
/** A dilemma's shape as every language must repeat it: its id, and per option the id and the goals of gains and costs. */
type DilemmaShape = { readonly id: string; readonly index: number; readonly options: readonly { readonly id: string; readonly gains: string; readonly costs: string }[] };

function dilemmaShapes(text: unknown): DilemmaShape[] | undefined {
  if (!isRecord(text) || !Array.isArray(text['dilemmas'])) return undefined;
  const goals = (effects: unknown): string => JSON.stringify(list(effects).map((effect) => (isRecord(effect) ? String(effect['goal']) : '')));
  return text['dilemmas'].flatMap((dilemma, index) =>
    isRecord(dilemma) && typeof dilemma['id'] === 'string'
      ? [{ id: dilemma['id'], index, options: list(dilemma['options']).map((option) => (isRecord(option) ? { id: String(option['id']), gains: goals(option['gains']), costs: goals(option['costs']) } : { id: '', gains: '', costs: '' })) }]
      : [],
  );
}

/**
 * Dilemmas: ids unique, option ids unique within a dilemma, and the same dilemmas with the same options and goals in
 * the same order in every language (a choice is stored by option id, and the distribution is shown in any language).
 */
function checkDilemmas(data: Json, content: Json): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const [language, text] of Object.entries(content)) {
    const seen = new Set<string>();
    for (const dilemma of dilemmaShapes(text) ?? []) {
      if (seen.has(dilemma.id)) issues.push(issue(pointer('content', language, 'dilemmas', dilemma.index, 'id'), language, `dilemma id "${dilemma.id}" is used twice`));
      seen.add(dilemma.id);
      const optionIds = dilemma.options.map((option) => option.id);
      optionIds.forEach((id, i) => {
        if (optionIds.indexOf(id) !== i) issues.push(issue(pointer('content', language, 'dilemmas', dilemma.index, 'options', i, 'id'), language, `option id "${id}" is used twice in dilemma "${dilemma.id}"`));
      });
    }
  }
  const defaultLanguage = typeof data['defaultLanguage'] === 'string' ? data['defaultLanguage'] : undefined;
  const reference = defaultLanguage !== undefined && dilemmaShapes(content[defaultLanguage]) ? defaultLanguage : Object.keys(content).find((language) => dilemmaShapes(content[language]));
  if (reference === undefined) return issues;
  const expected = dilemmaShapes(content[reference]) ?? [];
  for (const [language, text] of Object.entries(content)) {
    if (language === reference) continue;
    const actual = dilemmaShapes(text);
    if (actual === undefined) {
      issues.push(issue(pointer('content', language), language, `has no dilemmas; ${reference} has ${expected.length}`));
      continue;
    }
    const ids = (shapes: readonly DilemmaShape[]): string => shapes.map((shape) => shape.id).join(', ');
    if (ids(actual) !== ids(expected)) {
      issues.push(issue(pointer('content', language, 'dilemmas'), language, `dilemma ids [${ids(actual)}] differ from [${ids(expected)}] in ${reference}; every language must have the same dilemmas in the same order`));
      continue;
    }
    actual.forEach((dilemma, index) => {
      const other = expected[index]!;
      const optionIds = (shape: DilemmaShape): string => shape.options.map((option) => option.id).join(', ');
      if (optionIds(dilemma) !== optionIds(other)) {
        issues.push(issue(pointer('content', language, 'dilemmas', index, 'options'), language, `options [${optionIds(dilemma)}] of "${dilemma.id}" differ from [${optionIds(other)}] in ${reference}`));
        return;
      }
      dilemma.options.forEach((option, i) => {
        const twin = other.options[i]!;
        for (const side of ['gains', 'costs'] as const) {
          if (option[side] !== twin[side]) issues.push(issue(pointer('content', language, 'dilemmas', index, 'options', i, side), language, `the goals of ${side} of option "${option.id}" differ from ${reference}`));
        }
      });
    });
  }
  return issues;
}
