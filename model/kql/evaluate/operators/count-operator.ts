import { composeSteps, fromRelation, OperatorCompiler } from '../compile-context';
import { tableColumns } from '../syntax';

/**
 * `count`: one row with the number of input rows.
 *
 * ```kql
 * CommonSecurityLog | where DeviceVendor == "Fortinet" | count
 * ```
 */
export const compileCountOperator: OperatorCompiler = (operator, input) => {
  const [column] = tableColumns(operator);
  const source = input.source;
  const passes = composeSteps(input.steps);
  return fromRelation({
    columns: [column],
    rows: () => {
      let count = 0;
      for (const row of source?.rows() ?? []) {
        if (passes(row)) {
          count++;
        }
      }
      return [{ [column.name]: count }];
    },
  });
};
