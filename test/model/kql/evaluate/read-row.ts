import { CompiledTransformation } from '../../../../model/kql/evaluate/compile-transformation';
import { Row } from '../../../../model/kql/values';

/**
 * Applies a transformation and reads its output row as a query does: every output column, in order, a column the
 * row leaves out is null (`""` for text). Tests compare whole rows this way.
 */
export function applyAndRead(transformation: CompiledTransformation, row: Row): Row | undefined {
  const output = transformation.apply(row);
  if (output === undefined) {
    return undefined;
  }
  return Object.fromEntries(transformation.outputColumns.map((column) => [
    column.name, output[column.name] ?? (column.type === 'string' ? '' : null),
  ]));
}
