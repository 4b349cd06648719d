import { KqlValue, Row } from '../../values';
import { CompileContext, Evaluator, fromRelation, materialize, OperatorCompiler, scopeOf, Tabular } from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';
import { listElements, SyntaxNode, syntaxClass } from '../syntax';
import { compareValues } from '../value-comparison';

/** One key of an ordering: `expression [asc | desc] [nulls first | nulls last]`. */
export interface SortKey {
  readonly evaluate: Evaluator;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** The key of an ordered expression; KQL sorts descending by default, with nulls last (first when ascending). */
export function sortKey(node: SyntaxNode, tabular: Tabular, context: CompileContext): SortKey {
  const ordered = syntaxClass(node) === 'OrderedExpression';
  const expression = ordered ? node.Expression : node;
  const ordering = ordered ? node.Ordering : undefined;
  const direction = String(ordering?.AscOrDescKeyword?.Text ?? 'desc').toLowerCase();
  const descending = direction !== 'asc';
  const nulls = ordering?.NullsClause?.FirstOrLastKeyword?.Text;
  return {
    evaluate: compileScalar(expression, scopeOf(tabular), context),
    descending,
    nullsFirst: nulls === undefined || nulls === null ? !descending : String(nulls).toLowerCase() === 'first',
  };
}

/** The rows in the order of the keys; a stable sort, so equal rows keep their order. */
export function sortRows(rows: Iterable<Row>, keys: readonly SortKey[]): Row[] {
  const decorated = Array.from(rows, (row) => ({ row, values: keys.map((key) => key.evaluate(row)) }));
  decorated.sort((left, right) => {
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const a: KqlValue = left.values[index];
      const b: KqlValue = right.values[index];
      if (a === null || b === null) {
        if (a === b) {
          continue;
        }
        return (a === null) === key.nullsFirst ? -1 : 1;
      }
      const order = compareValues(a, b);
      if (order !== 0) {
        return key.descending ? -order : order;
      }
    }
    return 0;
  });
  return decorated.map((entry) => entry.row);
}

/**
 * `order by` / `sort by`: all rows, sorted by the keys.
 *
 * ```kql
 * Syslog | summarize Events = count() by HostName | order by Events desc, HostName asc
 * ```
 */
export const compileSortOperator: OperatorCompiler = (operator, input, context) => {
  const relation = fromRelation(materialize(input));
  const keys = listElements(operator.Expressions).map((expression) => sortKey(expression, relation, context));
  const source = relation.source;
  return fromRelation({ columns: source?.columns ?? [], rows: () => sortRows(source?.rows() ?? [], keys) });
};
