import { Row } from '../../values';
import { ColumnBinding, composeSteps, fromRelation, OperatorCompiler, scopeOf } from '../compile-context';
import { tableColumns } from '../syntax';
import { groupKey } from '../value-comparison';

/**
 * `distinct`: one row per distinct combination of the listed columns (`*` for all), in order of first appearance.
 *
 * ```kql
 * Syslog | distinct HostName, Facility
 * ```
 */
export const compileDistinctOperator: OperatorCompiler = (operator, input) => {
  const output = tableColumns(operator);
  const scope = scopeOf(input);
  const reads = output.map((column) => (scope.get(column.name) as ColumnBinding).read);
  const source = input.source;
  const passes = composeSteps(input.steps);
  return fromRelation({
    columns: output,
    rows: () => {
      const seen = new Set<string>();
      const rows: Row[] = [];
      for (const row of source?.rows() ?? []) {
        if (!passes(row)) {
          continue;
        }
        const values = reads.map((read) => read(row));
        const key = values.map(groupKey).join('\u0001');
        if (!seen.has(key)) {
          seen.add(key);
          const distinct: Row = {};
          output.forEach((column, index) => { distinct[column.name] = values[index]; });
          rows.push(distinct);
        }
      }
      return rows;
    },
  });
};
