import { KqlDiagnostic } from '../analyze';
import { SyntaxNode } from './syntax';

/** Codes the evaluator adds to those of `checkTransformation` (`SCDK001`...). */
export const EvaluationCode = {
  /** The KQL is valid and inside the documented subset, but the emulator does not evaluate this construct. */
  NOT_EMULATED: 'SCDK020',
  /** A constant regular expression that RE2 (Kusto's engine) refuses. */
  INVALID_REGEX: 'SCDK021',
} as const;

/**
 * A transformation that the emulator refuses to compile: outside the subset a DCR transformation supports
 * (the codes and messages of `checkTransformation`, `SCDK001`...), not valid KQL (the language service's code,
 * `KS...`), or a construct the emulator does not evaluate (`SCDK020`).
 */
export class TransformationNotSupportedError extends Error {
  public readonly name = 'TransformationNotSupportedError';

  constructor(
    public readonly code: string,
    message: string,
    /** 1-based line of the construct in the transformation text. */
    public readonly line: number = 1,
    /** 1-based column of the construct in the transformation text. */
    public readonly column: number = 1,
  ) {
    super(message);
  }
}

/** The inner error code of a refused query, as the Log Analytics query API names it. */
export type KqlQueryInnerCode = 'SyntaxError' | 'SemanticError';

/**
 * A query the Log Analytics query API would answer with 400 `BadArgumentError` (spec 6.3): `innerCode` says
 * whether the text does not parse (`SyntaxError`) or does not make sense (`SemanticError`); the message is the
 * language service's first error with its line and position; `diagnostics` holds all of them.
 */
export class KqlQueryError extends Error {
  public readonly name = 'KqlQueryError';
  public readonly code = 'BadArgumentError' as const;

  constructor(
    public readonly innerCode: KqlQueryInnerCode,
    message: string,
    public readonly diagnostics: KqlDiagnostic[],
  ) {
    super(message);
  }
}

/**
 * Thrown while compiling when a construct is not evaluated; the entry points turn it into a
 * {@link TransformationNotSupportedError} or a {@link KqlQueryError} with its position.
 */
export class NotEmulatedError extends Error {
  constructor(
    /** What the user wrote that is not evaluated, e.g. "The 'join' operator". */
    public readonly construct: string,
    public readonly node: SyntaxNode,
    /** Code for the finding; `SCDK020` unless a transformation rule applies. */
    public readonly code: string = EvaluationCode.NOT_EMULATED,
  ) {
    super(`${construct} is not supported by the emulator.`);
  }
}

/** A constant regular expression that RE2 refuses: Kusto refuses the query, and a transformation is refused at load. */
export class InvalidRegexError extends NotEmulatedError {
  constructor(pattern: string, reason: string, node: SyntaxNode) {
    super(`The regular expression '${pattern}'`, node, EvaluationCode.INVALID_REGEX);
    this.message = `The regular expression '${pattern}' is not RE2 syntax, which Kusto uses: ${reason}.`;
  }
}
