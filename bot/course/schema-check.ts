import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { projectPath } from '../paths.js';
import { escapeSegment, languageOfPath, segments } from './json-pointer.js';
import type { PackIssue } from './pack-problem.js';

/** The published JSON Schema of content packs. */
export const contentPackSchemaPath = projectPath('bot/course/content-pack.schema.json');

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(contentPackSchemaPath, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Checks a parsed pack against the JSON Schema and returns every violation, in plain words. */
export function checkSchema(data: unknown): PackIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  const issues: PackIssue[] = [];
  for (const error of validate.errors ?? []) {
    const issue = toIssue(error);
    if (issue && !issues.some((seen) => seen.path === issue.path && seen.message === issue.message)) issues.push(issue);
  }
  return issues;
}

function toIssue(error: ErrorObject): PackIssue | undefined {
  if (error.keyword === 'propertyNames') return undefined; // reported by the inner error on the name itself
  let path = error.instancePath;
  if (error.propertyName !== undefined) path += `/${escapeSegment(error.propertyName)}`;
  if (error.keyword === 'required') path += `/${escapeSegment(String(error.params['missingProperty']))}`;
  if (error.keyword === 'additionalProperties') path += `/${escapeSegment(String(error.params['additionalProperty']))}`;
  const message = describe(error, path);
  const language = languageOfPath(path);
  return language === undefined ? { path, message } : { path, language, message };
}

const typeNames: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  array: 'a list (array)',
  object: 'an object',
  boolean: 'true or false',
};

const patternMessages: Record<string, string> = {
  slug: 'must be lowercase letters and digits in words joined by single hyphens, e.g. "my-lesson-1"',
  languageTag: 'must be a BCP 47 language tag such as nb, nn, en or se',
  httpsUrl: 'must be a full https:// URL',
};

function describe(error: ErrorObject, path: string): string {
  const where = segments(path);
  const field = where.at(-1) ?? '';
  const parent = where.at(-2) ?? '';
  const params = error.params as Record<string, unknown>;
  const limit = Number(params['limit']);
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      if (field === 'alt' && parent === 'image') return 'the image has no alt text; describe what it shows for people who cannot see it';
      if (field === 'sources') return 'the lesson has no sources; list the title and URL of every source behind its facts';
      return 'is required';
    case 'additionalProperties':
      return `"${field}" is not a known property; check the spelling or remove it`;
    case 'type':
      return `must be ${typeNames[String(params['type'])] ?? String(params['type'])}`;
    case 'maxLength':
      return `is ${typeof data === 'string' ? [...data].length : '?'} characters long; the limit is ${limit}`;
    case 'minLength':
      return field === 'url' ? patternMessages['httpsUrl'] ?? 'is too short' : `must be at least ${limit} characters long`;
    case 'pattern':
      return describePattern(error, field, parent);
    case 'minItems':
    case 'maxItems':
      return describeCount(error.keyword, field, limit, Array.isArray(data) ? data.length : 0);
    case 'minimum':
    case 'maximum':
      if (parent === 'goals') return `goal ${String(data)} is outside 1–17`;
      return error.keyword === 'minimum' ? `must be at least ${limit}` : `must be at most ${limit}`;
    case 'uniqueItems':
      return `lists the same value twice (items ${String(params['j'])} and ${String(params['i'])})`;
    case 'minProperties':
      return 'must have text in at least one language';
    case 'const':
      if (field === 'correct') return 'must be true; mark only the correct choice with "correct: true" and leave it out on the others';
      return error.message ?? 'has a value that is not allowed';
    default:
      return error.message ?? `fails the schema rule "${error.keyword}"`;
  }
}

function describePattern(error: ErrorObject, field: string, parent: string): string {
  if (String(error.params['pattern']) === '\\S') {
    return field === 'alt' && parent === 'image' ? 'the image has no alt text; describe what it shows for people who cannot see it' : 'must not be empty';
  }
  if (field === 'version') return 'must be a semantic version such as 1.0.0 or 1.2.0-beta.1';
  const definition = /#\/\$defs\/(\w+)\/pattern$/.exec(error.schemaPath)?.[1];
  return (definition && patternMessages[definition]) ?? `must match the pattern ${String(error.params['pattern'])}`;
}

function describeCount(keyword: 'minItems' | 'maxItems', field: string, limit: number, count: number): string {
  switch (field) {
    case 'reflectionQuestions':
      return `must have exactly 3 reflection questions; it has ${count}`;
    case 'nextStepQuestions':
      return `must have exactly 4 next-step questions; it has ${count}`;
    case 'goalNames':
      return `must have exactly 17 goal names, goal 1 first; it has ${count}`;
    case 'sources':
      if (keyword === 'minItems') return 'the lesson has no sources; list the title and URL of every source behind its facts';
      break;
    case 'body':
      if (keyword === 'maxItems') return `has ${count} paragraphs; the limit is ${limit}`;
      break;
    case 'goals':
      if (keyword === 'minItems') return 'must list at least one goal (1–17)';
      break;
    case 'knowledgeCheck':
      return `must have 1–3 questions; it has ${count}`;
    case 'choices':
      return `must have 2–4 choices; it has ${count}`;
  }
  return keyword === 'minItems' ? `must have at least ${limit} item${limit === 1 ? '' : 's'}; it has ${count}` : `must have at most ${limit} items; it has ${count}`;
}
