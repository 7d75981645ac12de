/** A problem found in a content pack, with the JSON path it concerns. */
export type PackProblem = {
  readonly file: string;
  /** JSON Pointer into the pack, e.g. /content/nn/lessons/3/keyFact; empty for the whole file. */
  readonly path: string;
  /** The language the problem concerns, when it concerns one. */
  readonly language?: string;
  readonly message: string;
  /** Line and column (from 1) of the place in a YAML pack; absent for JSON packs. */
  readonly line?: number;
  readonly column?: number;
};

/** A problem found in a pack before it is attached to a file. */
export type PackIssue = Omit<PackProblem, 'file' | 'line' | 'column'>;
