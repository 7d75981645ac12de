import { pointer } from './json-pointer.js';
import { markdownProblems } from './markdown-subset.js';
import { packLimits } from './pack-limits.js';
import { packIssue as issue, type PackIssue } from './pack-problem.js';
import { countWords } from './word-count.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Checks what the JSON Schema cannot: languages against content, lesson ids and goals equal across languages,
 * words per lesson, the Markdown subset, and knowledge checks (one correct choice, ids unique and equal across languages).
 * @remarks Works on any parsed JSON, valid or not, so that a pack's problems are all reported in one run.
 */
export function checkConsistency(data: unknown): PackIssue[] {
  if (!isRecord(data)) return [];
  const content = isRecord(data['content']) ? data['content'] : {};
  const languages = list(data['languages']).filter((language): language is string => typeof language === 'string');
  return [
    ...checkLanguages(data, content, languages),
    ...checkLessonIds(data, content),
    ...checkTexts(content),
    ...checkKnowledgeWithin(content),
    ...checkKnowledgeAcross(data, content),
    ...checkDilemmas(data, content),
  ];
}

function checkLanguages(data: Json, content: Json, languages: readonly string[]): PackIssue[] {
  const issues: PackIssue[] = [];
  const defaultLanguage = data['defaultLanguage'];
  if (typeof defaultLanguage === 'string' && Array.isArray(data['languages']) && !languages.includes(defaultLanguage)) {
    issues.push(issue('/defaultLanguage', undefined, 'defaultLanguageNotListed', { language: defaultLanguage }));
  }
  for (const language of languages) {
    if (!(language in content)) issues.push(issue('/content', language, 'languageWithoutText', { language }));
  }
  if (Array.isArray(data['languages'])) {
    for (const language of Object.keys(content)) {
      if (!languages.includes(language)) issues.push(issue(pointer('content', language), language, 'languageNotListed', { language }));
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
      else issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'id'), language, 'lessonIdTwice', { id: lesson.id, first }));
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
      issues.push(issue(pointer('content', language, 'lessons'), language, 'lessonMissing', { id: lesson.id, reference, index: lesson.index }));
    }
    for (const lesson of extra) {
      issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'id'), language, 'lessonIdNotInReference', { id: lesson.id, reference }));
    }
    if (missing.length === 0 && extra.length === 0) {
      actual.forEach((lesson, position) => {
        const other = expected[position];
        if (other && other.id !== lesson.id) {
          const at = expectedIds.indexOf(lesson.id);
          issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'id'), language, 'lessonOrder', { id: lesson.id, index: lesson.index, referenceIndex: at, reference }));
        }
      });
    }
    for (const lesson of actual) {
      const other = expected.find((candidate) => candidate.id === lesson.id);
      if (other && !sameGoals(other.goals, lesson.goals)) {
        issues.push(issue(pointer('content', language, 'lessons', lesson.index, 'goals'), language, 'lessonGoalsDiffer', { goals: lesson.goals.join(', '), referenceGoals: other.goals.join(', '), reference }));
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
        for (const code of markdownProblems(paragraph)) issues.push(issue(pointer('content', language, 'lessons', index, 'body', paragraphIndex), language, code));
      });
      const keyFact = lesson['keyFact'];
      if (typeof keyFact === 'string') {
        for (const code of markdownProblems(keyFact)) issues.push(issue(pointer('content', language, 'lessons', index, 'keyFact'), language, code));
      }
      const words = [...body, keyFact].filter((part): part is string => typeof part === 'string').reduce((sum, part) => sum + countWords(part), 0);
      if (words > packLimits.lessonWords) {
        issues.push(issue(pointer('content', language, 'lessons', index, 'body'), language, 'lessonTooLong', { words, limit: packLimits.lessonWords }));
      }
    });
  }
  return issues;
}

/** A knowledge-check question as far as it could be read: its id, its choice ids in order, and the correct ones. */
type QuestionRef = { readonly id: string | undefined; readonly choiceIds: readonly (string | undefined)[]; readonly correct: readonly string[] };

function questionRefs(lesson: Json): QuestionRef[] | undefined {
  if (!Array.isArray(lesson['knowledgeCheck'])) return undefined;
  return lesson['knowledgeCheck'].map((question) => {
    const record = isRecord(question) ? question : {};
    const choices = list(record['choices']).map((choice) => (isRecord(choice) ? choice : {}));
    const id = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
    return {
      id: id(record['id']),
      choiceIds: choices.map((choice) => id(choice['id'])),
      correct: choices.flatMap((choice) => (choice['correct'] === true && typeof choice['id'] === 'string' ? [choice['id']] : [])),
    };
  });
}

function duplicates(ids: readonly (string | undefined)[]): { readonly id: string; readonly index: number; readonly first: number }[] {
  const seen = new Map<string, number>();
  const found: { id: string; index: number; first: number }[] = [];
  ids.forEach((id, index) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else found.push({ id, index, first });
  });
  return found;
}

/** Ids as the messages show them, a missing id as `?`. */
const idText = (ids: readonly (string | undefined)[]): string => ids.map((id) => id ?? '?').join(', ');

function checkKnowledgeWithin(content: Json): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const [language, text] of Object.entries(content)) {
    if (!isRecord(text)) continue;
    list(text['lessons']).forEach((lesson, lessonIndex) => {
      if (!isRecord(lesson)) return;
      const questions = questionRefs(lesson);
      if (!questions) return;
      const at = (...rest: (string | number)[]): string => pointer('content', language, 'lessons', lessonIndex, 'knowledgeCheck', ...rest);
      for (const { id, index, first } of duplicates(questions.map((question) => question.id))) {
        issues.push(issue(at(index, 'id'), language, 'questionIdTwice', { id, first }));
      }
      questions.forEach((question, questionIndex) => {
        for (const { id, index, first } of duplicates(question.choiceIds)) {
          issues.push(issue(at(questionIndex, 'choices', index, 'id'), language, 'choiceIdTwice', { id, first }));
        }
        if (question.choiceIds.length > 0 && question.correct.length === 0) {
          issues.push(issue(at(questionIndex, 'choices'), language, 'noCorrectChoice'));
        } else if (question.correct.length > 1) {
          issues.push(issue(at(questionIndex, 'choices'), language, 'severalCorrectChoices', { count: question.correct.length, choices: question.correct.join(', ') }));
        }
      });
      list(lesson['knowledgeCheck']).forEach((question, questionIndex) => {
        if (!isRecord(question)) return;
        const texts: [string, unknown][] = [[at(questionIndex, 'prompt'), question['prompt']]];
        list(question['choices']).forEach((choice, choiceIndex) => {
          if (!isRecord(choice)) return;
          texts.push([at(questionIndex, 'choices', choiceIndex, 'text'), choice['text']], [at(questionIndex, 'choices', choiceIndex, 'explanation'), choice['explanation']]);
        });
        for (const [path, value] of texts) {
          if (typeof value === 'string') for (const code of markdownProblems(value)) issues.push(issue(path, language, code));
        }
      });
    });
  }
  return issues;
}

function lessonsById(text: unknown): Map<string, { readonly index: number; readonly lesson: Json }> {
  const byId = new Map<string, { index: number; lesson: Json }>();
  if (!isRecord(text)) return byId;
  list(text['lessons']).forEach((lesson, index) => {
    if (isRecord(lesson) && typeof lesson['id'] === 'string' && !byId.has(lesson['id'])) byId.set(lesson['id'], { index, lesson });
  });
  return byId;
}

function checkKnowledgeAcross(data: Json, content: Json): PackIssue[] {
  const issues: PackIssue[] = [];
  const reference = referenceLanguage(data, content);
  if (reference === undefined) return issues;
  const expected = lessonsById(content[reference]);
  for (const [language, text] of Object.entries(content)) {
    if (language === reference) continue;
    for (const [lessonId, { index, lesson }] of lessonsById(text)) {
      const other = expected.get(lessonId);
      if (!other) continue;
      const mine = questionRefs(lesson);
      const theirs = questionRefs(other.lesson);
      const at = (...rest: (string | number)[]): string => pointer('content', language, 'lessons', index, ...rest);
      if (theirs && !mine) {
        issues.push(issue(at(), language, 'knowledgeCheckMissing', { id: lessonId, reference, count: theirs.length }));
        continue;
      }
      if (mine && !theirs) {
        issues.push(issue(at('knowledgeCheck'), language, 'knowledgeCheckNotInReference', { id: lessonId, reference }));
        continue;
      }
      if (!mine || !theirs) continue;
      const mineIds = mine.map((question) => question.id);
      const theirIds = theirs.map((question) => question.id);
      if (idText(mineIds) !== idText(theirIds)) {
        issues.push(issue(at('knowledgeCheck'), language, 'questionIdsDiffer', { ids: idText(mineIds), referenceIds: idText(theirIds), reference }));
        continue;
      }
      mine.forEach((question, questionIndex) => {
        const counterpart = theirs[questionIndex];
        if (!counterpart) return;
        if (idText(question.choiceIds) !== idText(counterpart.choiceIds)) {
          issues.push(issue(at('knowledgeCheck', questionIndex, 'choices'), language, 'choiceIdsDiffer', { ids: idText(question.choiceIds), referenceIds: idText(counterpart.choiceIds), reference }));
          return;
        }
        const [correct] = question.correct;
        const [expectedCorrect] = counterpart.correct;
        if (question.correct.length === 1 && counterpart.correct.length === 1 && correct !== expectedCorrect) {
          issues.push(issue(at('knowledgeCheck', questionIndex, 'choices'), language, 'correctChoiceDiffers', { choice: correct ?? '', referenceChoice: expectedCorrect ?? '', reference }));
        }
      });
    }
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
      if (seen.has(dilemma.id)) issues.push(issue(pointer('content', language, 'dilemmas', dilemma.index, 'id'), language, 'dilemmaIdTwice', { id: dilemma.id }));
      seen.add(dilemma.id);
      const optionIds = dilemma.options.map((option) => option.id);
      optionIds.forEach((id, i) => {
        if (optionIds.indexOf(id) !== i) issues.push(issue(pointer('content', language, 'dilemmas', dilemma.index, 'options', i, 'id'), language, 'optionIdTwice', { id, dilemma: dilemma.id }));
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
      issues.push(issue(pointer('content', language), language, 'dilemmasMissing', { reference, count: expected.length }));
      continue;
    }
    const ids = (shapes: readonly DilemmaShape[]): string => shapes.map((shape) => shape.id).join(', ');
    if (ids(actual) !== ids(expected)) {
      issues.push(issue(pointer('content', language, 'dilemmas'), language, 'dilemmaIdsDiffer', { ids: ids(actual), referenceIds: ids(expected), reference }));
      continue;
    }
    actual.forEach((dilemma, index) => {
      const other = expected[index]!;
      const optionIds = (shape: DilemmaShape): string => shape.options.map((option) => option.id).join(', ');
      if (optionIds(dilemma) !== optionIds(other)) {
        issues.push(issue(pointer('content', language, 'dilemmas', index, 'options'), language, 'optionsDiffer', { ids: optionIds(dilemma), dilemma: dilemma.id, referenceIds: optionIds(other), reference }));
        return;
      }
      dilemma.options.forEach((option, i) => {
        const twin = other.options[i]!;
        for (const side of ['gains', 'costs'] as const) {
          if (option[side] !== twin[side]) issues.push(issue(pointer('content', language, 'dilemmas', index, 'options', i, side), language, 'effectGoalsDiffer', { side, option: option.id, reference }));
        }
      });
    });
  }
  return issues;
}
