import { ColumnBinding, OperatorCompiler, scopeOf, withStep } from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';
import { tableColumns } from '../syntax';
import { ComputedColumns, namedExpressions } from './computed-columns';

/**
 * `extend`: adds computed columns, or replaces a column of the same name in place. Later expressions see the
 * columns computed before them in the same `extend`.
 *
 * ```kql
 * source | extend TimeGenerated = ts, EventCount = toint(1), Url = strcat(host, path, '?', queryString)
 * ```
 */
export const compileExtendOperator: OperatorCompiler = (operator, input, context) => {
  const output = tableColumns(operator);
  const scope = scopeOf(input);
  // Columns without a declared name get the analyzer's name (`Column1`, ...): the new columns, in order.
  const generatedNames = output.filter((column) => !scope.has(column.name)).map((column) => column.name);
  const computed = new ComputedColumns();
  for (const { name, expression } of namedExpressions(operator.Expressions)) {
    const columnName = name ?? generatedNames.shift();
    if (name !== undefined && generatedNames.includes(name)) {
      generatedNames.splice(generatedNames.indexOf(name), 1);
    }
    if (columnName === undefined) {
      continue;
    }
    const read = computed.add(compileScalar(expression, scope, context));
    const type = output.find((column) => column.name === columnName)?.type ?? 'unknown';
    scope.set(columnName, { name: columnName, type, read });
  }
  const columns = output.map((column): ColumnBinding => ({ ...column, read: (scope.get(column.name) as ColumnBinding).read }));
  return withStep(input, computed.step(), columns);
};
