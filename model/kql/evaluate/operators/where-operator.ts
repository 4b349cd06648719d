import { constantOf, OperatorCompiler, scopeOf, withStep } from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';

/**
 * `where`: keeps the rows whose condition is true; false and null drop the row.
 *
 * ```kql
 * source | where Activity !has "heartbeat" and DeviceEventClassID != "keepalive"
 * ```
 */
export const compileWhereOperator: OperatorCompiler = (operator, input, context) => {
  const condition = compileScalar(operator.Condition, scopeOf(input), context);
  if (constantOf(condition)?.value === true) {
    return input;
  }
  return withStep(input, (row) => condition(row) === true, input.columns);
};
