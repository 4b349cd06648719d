import { fromRelation, materialize, OperatorCompiler } from '../compile-context';
import { sortKey, sortRows } from './sort-operator';
import { constantCount } from './take-operator';

/**
 * `top N by expression [asc | desc] [nulls first | last]`: the first N rows in that order (descending by default).
 *
 * ```kql
 * CommonSecurityLog | summarize Blocked = countif(DeviceAction == "deny") by SourceIP | top 10 by Blocked
 * ```
 */
export const compileTopOperator: OperatorCompiler = (operator, input, context) => {
  const count = constantCount(operator.Expression, context);
  const relation = fromRelation(materialize(input));
  const key = sortKey(operator.ByExpression, relation, context);
  const source = relation.source;
  return fromRelation({
    columns: source?.columns ?? [],
    rows: () => sortRows(source?.rows() ?? [], [key]).slice(0, count),
  });
};
