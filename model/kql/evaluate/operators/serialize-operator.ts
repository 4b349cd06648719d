import { OperatorCompiler, withStep } from '../compile-context';
import { compileExtendOperator } from './extend-operator';

/**
 * `serialize`: marks the rows as ordered (the emulator always keeps their order), optionally with computed columns
 * as `extend` would add them.
 *
 * ```kql
 * Syslog | order by TimeGenerated asc | serialize Index = 1
 * ```
 */
export const compileSerializeOperator: OperatorCompiler = (operator, input, context) => (
  operator.Expressions === null || operator.Expressions === undefined || operator.Expressions.ChildCount === 0
    ? withStep(input, undefined, input.columns)
    : compileExtendOperator(operator, input, context)
);
