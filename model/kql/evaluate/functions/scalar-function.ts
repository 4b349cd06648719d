import { KqlValue } from '../../values';
import { CompileContext, constantOf, Evaluator } from '../compile-context';
import { SyntaxNode } from '../syntax';

/** A call of a scalar function, as its compiler sees it. */
export interface ScalarCall {
  /** The function's name as written (`iif`, `strcat`). */
  readonly name: string;
  /** The compiled arguments, in order. */
  readonly args: readonly Evaluator[];
  /** The analyzer's types of the arguments (`string`, `long`, `dynamic`, ...). */
  readonly argumentTypes: readonly string[];
  /** The argument nodes, for the arguments that are not values (`typeof(long)`). */
  readonly argumentNodes: readonly SyntaxNode[];
  /** The analyzer's type of the call's result. */
  readonly resultType: string;
  readonly context: CompileContext;
}

/**
 * Compiles a call into an evaluator. Compilers do the work that does not depend on the row once (compile a
 * constant regular expression, look up a constant part name) and return a closure that does the rest.
 */
export type ScalarFunction = (call: ScalarCall) => Evaluator;

/** The value of argument `index` when it is a constant, else undefined (also when there is no such argument). */
export function constantArgument(call: ScalarCall, index: number): { value: KqlValue } | undefined {
  const argument = call.args[index];
  return argument === undefined ? undefined : constantOf(argument);
}

/** A function of one value, after converting it with `convert` (null when it does not convert). */
export function converted1<T>(convert: (value: KqlValue) => T | null, apply: (value: T) => KqlValue): ScalarFunction {
  return (call) => {
    const [argument] = call.args;
    return (row) => {
      const value = convert(argument(row));
      return value === null ? null : apply(value);
    };
  };
}

/** Functions that give another value for the same arguments each time; they are not folded into constants. */
export const NON_DETERMINISTIC_FUNCTIONS: ReadonlySet<string> = new Set(['now', 'ago', 'rand', 'new_guid']);
