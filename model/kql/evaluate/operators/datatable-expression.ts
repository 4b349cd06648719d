import { Row } from '../../values';
import { CompileContext, EMPTY_ROW, fromRelation, Tabular } from '../compile-context';
import { compileScalar } from '../expressions/compile-scalar';
import { listElements, SyntaxNode, tableColumns } from '../syntax';
import { converterTo } from '../value-conversions';

/**
 * `datatable(Column:type, ...)[value, ...]`: a table written in the query, values row after row.
 *
 * ```kql
 * let Watchlist = datatable(IPAddress:string, Reason:string) ["203.0.113.7", "scanner", "198.51.100.2", "botnet"];
 * ```
 */
export function compileDataTableExpression(node: SyntaxNode, context: CompileContext): Tabular {
  const columns = tableColumns(node);
  const values = listElements(node.Values).map((value) => compileScalar(value, new Map(), context)(EMPTY_ROW));
  const converters = columns.map((column) => converterTo(column.type));
  const rows: Row[] = [];
  for (let start = 0; columns.length > 0 && start + columns.length <= values.length; start += columns.length) {
    const row: Row = {};
    columns.forEach((column, index) => { row[column.name] = converters[index](values[start + index]); });
    rows.push(row);
  }
  return fromRelation({ columns, rows: () => rows });
}
