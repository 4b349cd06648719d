import { fromRelation, OperatorCompiler } from '../compile-context';
import { tableColumns } from '../syntax';

/** The .NET type names that `getschema` reports in `DataType`, by KQL type. */
const DATA_TYPES: Record<string, string> = {
  string: 'System.String', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', bool: 'System.SByte',
  datetime: 'System.DateTime', timespan: 'System.TimeSpan', dynamic: 'System.Object', guid: 'System.Guid',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
};

/**
 * `getschema`: the input's columns as rows (`ColumnName`, `ColumnOrdinal`, `DataType`, `ColumnType`).
 *
 * ```kql
 * CommonSecurityLog | getschema
 * ```
 */
export const compileGetSchemaOperator: OperatorCompiler = (operator, input) => {
  const output = tableColumns(operator);
  const rows = input.columns.map((column, index) => ({
    ColumnName: column.name, ColumnOrdinal: index, DataType: DATA_TYPES[column.type] ?? 'System.Object', ColumnType: column.type,
  }));
  return fromRelation({ columns: output, rows: () => rows });
};
