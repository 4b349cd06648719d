import { ColumnBinding, OperatorCompiler, scopeOf, withStep } from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';
import { tableColumns } from '../syntax';
import { ComputedColumns, namedExpressions } from './computed-columns';

/**
 * `project`: keeps, renames and computes columns, in the order listed; the others are dropped. Each expression
 * reads the input row (so `project A = B, B = A` swaps), plus the new columns listed before it.
 *
 * ```kql
 * source | project TimeGenerated = eventTime, Actor = actor, Action = action
 * ```
 */
export const compileProjectOperator: OperatorCompiler = (operator, input, context) => {
  const output = tableColumns(operator);
  const inputScope = scopeOf(input);
  const scope = scopeOf(input);
  const computed = new ComputedColumns();
  const columns = namedExpressions(operator.Expressions).map(({ expression }, index): ColumnBinding => {
    const column = output[index];
    const read = computed.add(compileScalar(expression, scope, context));
    const binding = { name: column.name, type: column.type, read };
    if (!inputScope.has(column.name)) {
      scope.set(column.name, binding);
    }
    return binding;
  });
  return withStep(input, computed.step(), columns);
};
