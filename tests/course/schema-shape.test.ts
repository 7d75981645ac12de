import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Course, CourseText, Dilemma, DilemmaOption, GoalEffect, Lesson, LessonImage, Source } from '../../bot/core/course.js';
import { contentPackSchemaPath } from '../../bot/course/schema-check.js';

type Keys<T> = Record<keyof T, true>;
type SchemaObject = { readonly properties: Record<string, unknown>; readonly required?: readonly string[] };

// The compiler forces each list to name every field of the domain type, and no other.
const courseKeys: Keys<Course> = { id: true, version: true, reviewed: true, defaultLanguage: true, languages: true, content: true };
const courseTextKeys: Keys<CourseText> = { title: true, description: true, reflectionQuestions: true, nextStepQuestions: true, goalNames: true, lessons: true, dilemmas: true };
const lessonKeys: Keys<Lesson> = { id: true, title: true, minutes: true, body: true, keyFact: true, goals: true, image: true, sources: true };
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

  it('describes the same lesson fields as bot/core/course.ts, with only the image optional', function () {
    assert.deepEqual(names(lesson), sorted(lessonKeys));
    assert.deepEqual([...(lesson.required ?? [])].sort(), sorted(lessonKeys).filter((name) => name !== 'image'));
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
