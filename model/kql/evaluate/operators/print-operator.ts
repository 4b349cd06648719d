import { ColumnBinding, CompileContext, EMPTY_ROW, Tabular } from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';
import { SyntaxNode, tableColumns } from '../syntax';
import { ComputedColumns, namedExpressions } from './computed-columns';

/**
 * `print`: one row of computed columns, with no input table (the only data source of a transformation besides
 * `source`).
 *
 * ```kql
 * print TimeGenerated = now(), Message = "started"
 * ```
 */
export function compilePrintOperator(operator: SyntaxNode, context: CompileContext): Tabular {
  const output = tableColumns(operator);
  const computed = new ComputedColumns();
  const scope = new Map<string, ColumnBinding>();
  const columns = namedExpressions(operator.Expressions).map(({ expression }, index): ColumnBinding => {
    const binding = { ...output[index], read: computed.add(compileScalar(expression, scope, context)) };
    scope.set(binding.name, binding);
    return binding;
  });
  const step = computed.step();
  return { source: { columns: [], rows: () => [EMPTY_ROW] }, steps: step === undefined ? [] : [step], columns };
}
