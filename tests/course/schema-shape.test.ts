import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Course, CourseText, Dilemma, DilemmaOption, GoalEffect, KnowledgeChoice, KnowledgeQuestion, Lesson, LessonImage, Source } from '../../bot/core/course.js';
import { packLimits } from '../../bot/course/pack-limits.js';
import { contentPackSchemaPath } from '../../bot/course/schema-check.js';

type Keys<T> = Record<keyof T, true>;
type SchemaObject = { readonly properties: Record<string, unknown>; readonly required?: readonly string[] };
type SchemaField = { readonly minItems?: number; readonly maxItems?: number; readonly maxLength?: number };

// The compiler forces each list to name every field of the domain type, and no other.
const courseKeys: Keys<Course> = { id: true, version: true, reviewed: true, defaultLanguage: true, languages: true, content: true };
const courseTextKeys: Keys<CourseText> = { title: true, description: true, reflectionQuestions: true, nextStepQuestions: true, goalNames: true, lessons: true, dilemmas: true };
const lessonKeys: Keys<Lesson> = { id: true, title: true, minutes: true, body: true, keyFact: true, goals: true, image: true, sources: true, knowledgeCheck: true };
const questionKeys: Keys<KnowledgeQuestion> = { id: true, prompt: true, choices: true };
const choiceKeys: Keys<KnowledgeChoice> = { id: true, text: true, explanation: true, correct: true };
const imageKeys: Keys<LessonImage> = { url: true, alt: true };
const sourceKeys: Keys<Source> = { title: true, url: true };

const schema = JSON.parse(readFileSync(contentPackSchemaPath, 'utf8')) as SchemaObject & { $defs: Record<string, SchemaObject> };
const lesson = schema.$defs['lesson']!;
const lessonProperty = (name: string): SchemaObject => lesson.properties[name] as SchemaObject;
const names = (object: SchemaObject): string[] => Object.keys(object.properties).filter((name) => name !== '$schema').sort();
const sorted = (keys: object): string[] => Object.keys(keys).sort();

describe('content-pack schema', function () {
  it('describes the same course fields as bot/core/course.ts', function () {
    assert.deepEqual(names(schema), sorted(courseKeys));
  });

  it('describes the same course text fields as bot/core/course.ts', function () {
    assert.deepEqual(names(schema.$defs['courseText']!), sorted(courseTextKeys));
  });

  it('describes the same lesson fields as bot/core/course.ts, with only the image and the knowledge check optional', function () {
    assert.deepEqual(names(lesson), sorted(lessonKeys));
    assert.deepEqual([...(lesson.required ?? [])].sort(), sorted(lessonKeys).filter((name) => name !== 'image' && name !== 'knowledgeCheck'));
  });

  it('describes the same knowledge-check fields as bot/core/course.ts, with only "correct" optional', function () {
    const question = schema.$defs['knowledgeQuestion']!;
    const choice = schema.$defs['knowledgeChoice']!;
    assert.deepEqual(names(question), sorted(questionKeys));
    assert.deepEqual([...(question.required ?? [])].sort(), sorted(questionKeys));
    assert.deepEqual(names(choice), sorted(choiceKeys));
    assert.deepEqual([...(choice.required ?? [])].sort(), ['explanation', 'id', 'text']);
  });

  it('bounds the knowledge check with the numbers in pack-limits.ts', function () {
    const field = (object: SchemaObject, name: string): SchemaField => object.properties[name] as SchemaField;
    const limits = packLimits.knowledgeCheck;
    const check = field(lesson, 'knowledgeCheck');
    const question = schema.$defs['knowledgeQuestion']!;
    const choice = schema.$defs['knowledgeChoice']!;
    assert.deepEqual([check.minItems, check.maxItems], [limits.minQuestions, limits.maxQuestions]);
    assert.deepEqual([field(question, 'choices').minItems, field(question, 'choices').maxItems], [limits.minChoices, limits.maxChoices]);
    assert.equal(field(question, 'prompt').maxLength, limits.promptChars);
    assert.equal(field(choice, 'text').maxLength, limits.choiceChars);
    assert.equal(field(choice, 'explanation').maxLength, limits.explanationChars);
  });

  it('describes the same image and source fields as bot/core/course.ts', function () {
    assert.deepEqual(names(lessonProperty('image')), sorted(imageKeys));
    assert.deepEqual(names((lessonProperty('sources') as unknown as { items: SchemaObject }).items), sorted(sourceKeys));
  });

  // dilemma
  it('describes the same dilemma, option and goal-effect fields as bot/core/course.ts', function () {
    const dilemmaKeys: Keys<Dilemma> = { id: true, title: true, scenario: true, options: true, followUp: true, sources: true };
    const optionKeys: Keys<DilemmaOption> = { id: true, label: true, gains: true, costs: true };
    const effectKeys: Keys<GoalEffect> = { goal: true, text: true };
    assert.deepEqual(names(schema.$defs['dilemma']!), sorted(dilemmaKeys));
    assert.deepEqual([...(schema.$defs['dilemma']!.required ?? [])].sort(), ['id', 'options', 'scenario', 'title']);
    assert.deepEqual(names(schema.$defs['dilemmaOption']!), sorted(optionKeys));
    assert.deepEqual(names(schema.$defs['goalEffect']!), sorted(effectKeys));
  });
});
