/**
 * Column types of a Log Analytics table, as the tables API names them.
 *
 * `guid` exists for tables only; a DCR stream declaration has no `guid` (see {@link STREAM_COLUMN_TYPES}).
 */
export const TABLE_COLUMN_TYPES = ['string', 'int', 'long', 'real', 'boolean', 'datetime', 'dynamic', 'guid'] as const;

/** A column type a Log Analytics table accepts. */
export type TableColumnType = (typeof TABLE_COLUMN_TYPES)[number];

/** Column types a data collection rule stream declaration accepts. */
export const STREAM_COLUMN_TYPES = ['string', 'int', 'long', 'real', 'boolean', 'datetime', 'dynamic'] as const;

/** A column type a data collection rule stream declaration accepts. */
export type StreamColumnType = (typeof STREAM_COLUMN_TYPES)[number];

/** One column of a table or a stream. */
export interface ColumnDefinition {
  /** Column name, case sensitive as in KQL. */
  readonly name: string;

  /** Column type. */
  readonly type: TableColumnType;

  /**
   * Filled by Log Analytics itself (`TenantId`, `Type`, `_ResourceId`, ...); a transformation cannot write it.
   *
   * @default false
   */
  readonly reserved?: boolean;
}

/** The columns of one Log Analytics table. */
export interface TableSchema {
  /** Table name as queried in KQL (`Syslog`, `MyApp_CL`). */
  readonly tableName: string;

  /** Every column, in the order Log Analytics lists them. */
  readonly columns: readonly ColumnDefinition[];
}

/** True when `value` names a table column type. */
export function isTableColumnType(value: string): value is TableColumnType {
  return (TABLE_COLUMN_TYPES as readonly string[]).includes(value);
}

/** True when `value` names a stream declaration column type. */
export function isStreamColumnType(value: string): value is StreamColumnType {
  return (STREAM_COLUMN_TYPES as readonly string[]).includes(value);
}

/** The column named `name` (exact case), or undefined. */
export function findColumn(table: TableSchema, name: string): ColumnDefinition | undefined {
  return table.columns.find((column) => column.name === name);
}
