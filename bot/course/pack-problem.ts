import { translator } from '../i18n/translator.js';

/**
 * What the validator finds wrong in a pack, one code per kind of problem; each is worded by the catalog key
 * `packs.check.<code>` in nb, nn and en.
 */
export const packCheckCodes = Object.freeze([
  // JSON Schema (schema-check.ts)
  'required',
  'altMissing',
  'sourcesMissing',
  'unknownProperty',
  'type',
  'notTextInYaml',
  'tooLong',
  'tooShort',
  'empty',
  'version',
  'slug',
  'languageTag',
  'httpsUrl',
  'pattern',
  'reflectionQuestionCount',
  'nextStepQuestionCount',
  'goalNameCount',
  'tooManyParagraphs',
  'noGoal',
  'questionCount',
  'choiceCount',
  'tooFewItems',
  'tooManyItems',
  'goalOutOfRange',
  'belowMinimum',
  'aboveMaximum',
  'duplicateItem',
  'noLanguage',
  'correctMustBeTrue',
  'schemaRule',
  // Markdown subset (markdown-subset.ts)
  'markdownHeading',
  'markdownImage',
  'markdownCode',
  'markdownTable',
  'markdownHtml',
  'markdownLink',
  // Consistency across languages (pack-consistency.ts)
  'defaultLanguageNotListed',
  'languageWithoutText',
  'languageNotListed',
  'lessonIdTwice',
  'lessonMissing',
  'lessonIdNotInReference',
  'lessonOrder',
  'lessonGoalsDiffer',
  'lessonTooLong',
  'questionIdTwice',
  'choiceIdTwice',
  'noCorrectChoice',
  'severalCorrectChoices',
  'knowledgeCheckMissing',
  'knowledgeCheckNotInReference',
  'questionIdsDiffer',
  'choiceIdsDiffer',
  'correctChoiceDiffers',
  'dilemmaIdTwice',
  'optionIdTwice',
  'dilemmasMissing',
  'dilemmaIdsDiffer',
  'optionsDiffer',
  'effectGoalsDiffer',
  // Rendered cards (lesson-card-check.ts, dilemma-card-check.ts)
  'lessonCardRender',
  'lessonCardSize',
  'lessonCardInvalid',
  'lessonCardPlaceholders',
  'dilemmaCardRender',
  'dilemmaCardSize',
  'dilemmaCardInvalid',
  'dilemmaCardPlaceholders',
] as const);

/** A kind of problem the validator finds; the catalog key `packs.check.<code>` words it. */
export type PackCheckCode = (typeof packCheckCodes)[number];

/** Values for the placeholders of a `packs.check.*` message. */
export type PackCheckParams = Readonly<Record<string, string | number>>;

/** A problem found in a content pack, with the JSON path it concerns. */
export type PackProblem = {
  readonly file: string;
  /** JSON Pointer into the pack, e.g. /content/nn/lessons/3/keyFact; empty for the whole file. */
  readonly path: string;
  /** The language the problem concerns, when it concerns one. */
  readonly language?: string;
  /** In English (the CLI and logs); the tab words a validator problem from `code` and `params` in the person's language. */
  readonly message: string;
  /** The kind of problem, for the catalog key `packs.check.<code>`; absent for a file that cannot be read or parsed. */
  readonly code?: PackCheckCode;
  readonly params?: PackCheckParams;
  /** Line and column (from 1) of the place in a YAML pack; absent for JSON packs. */
  readonly line?: number;
  readonly column?: number;
};

/** A problem found in a pack before it is attached to a file. */
export type PackIssue = Omit<PackProblem, 'file' | 'line' | 'column' | 'code' | 'params'> & {
  readonly code: PackCheckCode;
  readonly params: PackCheckParams;
};

const english = translator('en');

/** The English wording of a validator problem, from the `en` catalog. */
export function packCheckMessage(code: PackCheckCode, params: PackCheckParams = {}): string {
  return english(`packs.check.${code}`, params);
}

/** A validator problem at a path (and in a language, when it concerns one), worded in English from the catalog. */
export function packIssue(path: string, language: string | undefined, code: PackCheckCode, params: PackCheckParams = {}): PackIssue {
  const message = packCheckMessage(code, params);
  return language === undefined ? { path, code, params, message } : { path, language, code, params, message };
}
