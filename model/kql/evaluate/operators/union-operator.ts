import { Row } from '../../values';
import { CompileContext, fromRelation, materialize, Relation, Tabular } from '../compile-context';
import { listElements, namedParameter, SyntaxNode, syntaxClass, tableColumns } from '../syntax';
import { converterTo } from '../value-conversions';

/**
 * `union`: the rows of several tables one after the other, with the columns of all of them (`kind=outer`, the
 * default) or of each of them (`kind=inner`); a column missing from a table is null there. `withsource=Name`
 * adds a column with the table each row came from. Piped (`T | union U`), `T` comes first.
 *
 * ```kql
 * union withsource=SourceTable Syslog, CommonSecurityLog | summarize count() by SourceTable
 * ```
 */
export function compileUnionOperator(operator: SyntaxNode, input: Tabular | undefined, context: CompileContext): Tabular {
  const output = tableColumns(operator);
  const sourceColumn = namedParameter(operator, 'withsource') ?? namedParameter(operator, 'source');
  const inputs: Array<{ name: string; relation: Relation }> = [];
  if (input !== undefined) {
    inputs.push({ name: 'union_arg0', relation: materialize(input) });
  }
  for (const expression of listElements(operator.Expressions)) {
    const name = syntaxClass(expression) === 'NameReference' ? String(expression.SimpleName) : `union_arg${inputs.length}`;
    inputs.push({ name, relation: materialize(context.compileTabular(expression, context)) });
  }
  const converters = new Map(output.map((column) => [column.name, converterTo(column.type)]));
  const mappings = inputs.map(({ name, relation }) => output.map((column) => {
    if (column.name === sourceColumn) {
      return { output: column.name, value: name };
    }
    const same = relation.columns.find((candidate) => candidate.name === column.name);
    const typed = relation.columns.find((candidate) => `${candidate.name}_${candidate.type}` === column.name);
    return { output: column.name, input: (same ?? typed)?.name };
  }));
  return fromRelation({
    columns: output,
    rows: function* rows(): Iterable<Row> {
      for (let index = 0; index < inputs.length; index++) {
        const mapping = mappings[index];
        for (const row of inputs[index].relation.rows()) {
          const united: Row = {};
          for (const column of mapping) {
            const value = 'value' in column ? column.value : column.input === undefined ? null : row[column.input] ?? null;
            united[column.output] = (converters.get(column.output) as (value: unknown) => Row[string])(value as Row[string]);
          }
          yield united;
        }
      }
    },
  });
}
