import { KqlValue, Row } from '../../values';
import { CompileContext, EMPTY_ROW, fromRelation, materialize, OperatorCompiler } from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';
import { SyntaxNode } from '../syntax';
import { toLong } from '../value-conversions';

/** The value of a constant expression of an operator (`take 10`, `top 5 by ...`). */
export function constantCount(expression: SyntaxNode, context: CompileContext): number {
  const value: KqlValue = compileScalar(expression, new Map(), context)(EMPTY_ROW);
  return Math.max(0, toLong(value) ?? 0);
}

/**
 * `take` (alias `limit`): the first N rows, in the order they come (the emulator keeps arrival order; Azure
 * gives no order).
 *
 * ```kql
 * Syslog | where SeverityLevel == "err" | take 10
 * ```
 */
export const compileTakeOperator: OperatorCompiler = (operator, input, context) => {
  const count = constantCount(operator.Expression, context);
  const relation = materialize(input);
  return fromRelation({
    columns: relation.columns,
    rows: function* rows(): Iterable<Row> {
      if (count === 0) {
        return;
      }
      let taken = 0;
      for (const row of relation.rows()) {
        yield row;
        if (++taken >= count) {
          return;
        }
      }
    },
  });
};
