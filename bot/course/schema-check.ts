import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { projectPath } from '../paths.js';
import { escapeSegment, languageOfPath, segments } from './json-pointer.js';
import { packIssue, type PackCheckCode, type PackCheckParams, type PackIssue } from './pack-problem.js';

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

/** A kind of problem and the values its message needs. */
type Described = { readonly code: PackCheckCode; readonly params?: PackCheckParams };

function toIssue(error: ErrorObject): PackIssue | undefined {
  if (error.keyword === 'propertyNames') return undefined; // reported by the inner error on the name itself
  let path = error.instancePath;
  if (error.propertyName !== undefined) path += `/${escapeSegment(error.propertyName)}`;
  if (error.keyword === 'required') path += `/${escapeSegment(String(error.params['missingProperty']))}`;
  if (error.keyword === 'additionalProperties') path += `/${escapeSegment(String(error.params['additionalProperty']))}`;
  const { code, params } = describe(error, path);
  return packIssue(path, languageOfPath(path), code, params);
}

/** The schema's named patterns (`$defs/<name>/pattern`) that have their own message. */
const patternCodes: Readonly<Record<string, PackCheckCode>> = { slug: 'slug', languageTag: 'languageTag', httpsUrl: 'httpsUrl' };

function describe(error: ErrorObject, path: string): Described {
  const where = segments(path);
  const field = where.at(-1) ?? '';
  const parent = where.at(-2) ?? '';
  const params = error.params as Record<string, unknown>;
  const limit = Number(params['limit']);
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      if (field === 'alt' && parent === 'image') return { code: 'altMissing' };
      if (field === 'sources') return { code: 'sourcesMissing' };
      return { code: 'required' };
    case 'additionalProperties':
      return { code: 'unknownProperty', params: { name: field } };
    case 'type':
      return { code: 'type', params: { type: String(params['type']) } };
    case 'maxLength':
      return { code: 'tooLong', params: { length: typeof data === 'string' ? [...data].length : '?', limit } };
    case 'minLength':
      return field === 'url' ? { code: 'httpsUrl' } : { code: 'tooShort', params: { limit } };
    case 'pattern':
      return describePattern(error, field, parent);
    case 'minItems':
    case 'maxItems':
      return describeCount(error.keyword, field, limit, Array.isArray(data) ? data.length : 0);
    case 'minimum':
    case 'maximum':
      if (parent === 'goals') return { code: 'goalOutOfRange', params: { goal: String(data) } };
      return { code: error.keyword === 'minimum' ? 'belowMinimum' : 'aboveMaximum', params: { limit } };
    case 'uniqueItems':
      return { code: 'duplicateItem', params: { first: String(params['j']), second: String(params['i']) } };
    case 'minProperties':
      return { code: 'noLanguage' };
    case 'const':
      if (field === 'correct') return { code: 'correctMustBeTrue' };
      return schemaRule(error);
    default:
      return schemaRule(error);
  }
}

/** A rule without a message of its own: its keyword, and ajv's English text as the detail. */
function schemaRule(error: ErrorObject): Described {
  return { code: 'schemaRule', params: { rule: error.keyword, detail: error.message ?? '' } };
}

function describePattern(error: ErrorObject, field: string, parent: string): Described {
  if (String(error.params['pattern']) === '\\S') return { code: field === 'alt' && parent === 'image' ? 'altMissing' : 'empty' };
  if (field === 'version') return { code: 'version' };
  const definition = /#\/\$defs\/(\w+)\/pattern$/.exec(error.schemaPath)?.[1];
  const named = definition === undefined ? undefined : patternCodes[definition];
  return named ? { code: named } : { code: 'pattern', params: { pattern: String(error.params['pattern']) } };
}

function describeCount(keyword: 'minItems' | 'maxItems', field: string, limit: number, count: number): Described {
  switch (field) {
    case 'reflectionQuestions':
      return { code: 'reflectionQuestionCount', params: { count } };
    case 'nextStepQuestions':
      return { code: 'nextStepQuestionCount', params: { count } };
    case 'goalNames':
      return { code: 'goalNameCount', params: { count } };
    case 'sources':
      if (keyword === 'minItems') return { code: 'sourcesMissing' };
      break;
    case 'body':
      if (keyword === 'maxItems') return { code: 'tooManyParagraphs', params: { count, limit } };
      break;
    case 'goals':
      if (keyword === 'minItems') return { code: 'noGoal' };
      break;
    case 'knowledgeCheck':
      return { code: 'questionCount', params: { count } };
    case 'choices':
      return { code: 'choiceCount', params: { count } };
  }
  return { code: keyword === 'minItems' ? 'tooFewItems' : 'tooManyItems', params: { limit, count } };
}
