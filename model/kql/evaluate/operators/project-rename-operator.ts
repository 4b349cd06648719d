import { ColumnBinding, OperatorCompiler, scopeOf, withStep } from '../compile-context';
import { tableColumns } from '../syntax';
import { namedExpressions } from './computed-columns';

/**
 * `project-rename`: gives columns new names, in place; nothing is computed.
 *
 * ```kql
 * source | project-rename TimeGenerated = ts, OldValue = oldValue, ActorUsername = adminEmail
 * ```
 */
export const compileProjectRenameOperator: OperatorCompiler = (operator, input) => {
  const scope = scopeOf(input);
  const renamed = new Map<string, ColumnBinding>();
  for (const { name, expression } of namedExpressions(operator.Expressions)) {
    const source = scope.get(String(expression.SimpleName));
    if (name !== undefined && source !== undefined) {
      renamed.set(name, source);
    }
  }
  const columns = tableColumns(operator).map((column): ColumnBinding => ({
    ...column, read: (renamed.get(column.name) ?? scope.get(column.name) as ColumnBinding).read,
  }));
  return withStep(input, undefined, columns);
};
