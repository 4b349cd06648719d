/** Which side of the review a revision is. */
export type RevisionSide = 'base' | 'head';

/**
 * A revision that does not synthesize: its YAML config is invalid, a construct refuses a value, or the app of its
 * `cdktf.json` fails. The review reports it instead of comparing the stacks, and it blocks the change.
 */
export interface RevisionFailure {
  readonly side: RevisionSide;
  /** Markdown naming the revision, as the report's first line does, e.g. "`main` (3f2c1ab)" or "the working tree". */
  readonly description: string;
  /**
   * What failed, one line of plain text: "sentinel.yaml has 2 problems", "the app of cdktf.json (node main.js) failed
   * with exit code 1".
   */
  readonly summary: string;
  /**
   * Every problem, in order: the positioned `file:line:column: path: message` lines of a YAML config, or the last lines
   * the app wrote to standard error (else standard output).
   */
  readonly problems: readonly string[];
}

/** The line that says a revision blocks the change, in the report's blocking list and on standard error. */
export function blockingLineOf(failure: RevisionFailure): string {
  return `${failure.side} does not synthesize: ${failure.summary}`;
}

/** Thrown while synthesizing a revision that does not synthesize; the review turns it into its report. */
export class RevisionSynthesisError extends Error {
  public readonly code = 'SENTINEL_CDK_REVISION_SYNTHESIS';

  constructor(public readonly failure: RevisionFailure) {
    super(`${blockingLineOf(failure)}:\n${failure.problems.join('\n')}`);
    this.name = 'RevisionSynthesisError';
  }
}
