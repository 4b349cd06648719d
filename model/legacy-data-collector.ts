import { ColumnDefinition, TableColumnType } from './tables/table-schema';

/**
 * The HTTP Data Collector API (retired on 14 September 2026) stored each JSON property as a column named
 * `<property>_<suffix>`, the suffix telling the type it inferred.
 */
export const LEGACY_COLUMN_SUFFIXES: Readonly<Record<string, TableColumnType>> = {
  _s: 'string',
  _b: 'boolean',
  _d: 'real',
  _t: 'datetime',
  _g: 'guid',
};

/** `Log-Type`: letters, digits and underscores, at most 100 characters; the service appends `_CL`. */
const LOG_TYPE = /^[A-Za-z0-9_]{1,100}$/;

/** Checks a `Log-Type`; returns a message when the service would refuse it. */
export function checkLogType(logType: string): string | undefined {
  return LOG_TYPE.test(logType) ? undefined
    : `"${logType}" is not a valid Log-Type; expected 1 to 100 letters, digits or underscores (the service appends _CL)`;
}

/** What a Logs Ingestion API connector needs to replace a legacy table without breaking its queries. */
export interface LogsIngestionEquivalent {
  /** The same table name (`<Log-Type>_CL`), so saved queries and rules keep working. */
  readonly tableName: string;
  /** The table's columns: the legacy names with the suffixes, typed by them, plus `TimeGenerated`. */
  readonly tableColumns: ColumnDefinition[];
  /** The stream senders post to, with the property names they already send. */
  readonly streamName: string;
  readonly streamColumns: Array<{ name: string; type: Exclude<TableColumnType, 'guid'> }>;
  /** Renames the posted properties to the suffixed columns and sets `TimeGenerated`. */
  readonly transformKql: string;
}

/** Problems with legacy column names, each naming the column. */
export function checkLegacyColumns(columns: readonly string[]): string[] {
  return columns.flatMap((column) => {
    const suffix = column.slice(-2);
    if (column.length < 3 || LEGACY_COLUMN_SUFFIXES[suffix] === undefined) {
      return [`"${column}" does not end in a type suffix (${Object.keys(LEGACY_COLUMN_SUFFIXES).join(', ')})`];
    }
    return [];
  });
}

/**
 * The Logs Ingestion equivalent of a legacy `_CL` table: keeps the table and its suffixed column names (as Microsoft's
 * table migration does), and declares a stream with the property names senders post, mapped by a transformation.
 *
 * @param logType the `Log-Type` senders used (the table is `<logType>_CL`)
 * @param legacyColumns the table's columns as the legacy API created them, e.g. `Computer_s`, `Duration_d`
 * @param timeGeneratedField the property that senders named in `time-generated-field`, if any
 */
export function logsIngestionEquivalentOfLegacyTable(logType: string, legacyColumns: readonly string[],
  timeGeneratedField?: string): LogsIngestionEquivalent {
  const problems = [checkLogType(logType), ...checkLegacyColumns(legacyColumns)].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    throw new Error(`cannot migrate ${logType}_CL: ${problems.join('; ')}`);
  }
  const columns = legacyColumns.map((column) => ({
    legacyName: column,
    property: column.slice(0, -2),
    type: LEGACY_COLUMN_SUFFIXES[column.slice(-2)],
  }));
  const timeColumn = timeGeneratedField === undefined ? undefined : columns.find((column) => column.property === timeGeneratedField);
  if (timeGeneratedField !== undefined && timeColumn === undefined) {
    throw new Error(`cannot migrate ${logType}_CL: the time-generated-field "${timeGeneratedField}" is none of its columns`);
  }
  const renames = columns.map((column) => `['${column.legacyName}'] = ['${column.property}']`);
  const timeGenerated = timeColumn === undefined ? 'now()' : `todatetime(['${timeColumn.property}'])`;
  return {
    tableName: `${logType}_CL`,
    tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, ...columns.map((column) => ({ name: column.legacyName, type: column.type }))],
    streamName: `Custom-${logType}`,
    // A stream has no guid type: GUIDs arrive as strings and the table column converts them.
    streamColumns: columns.map((column) => ({ name: column.property, type: column.type === 'guid' ? 'string' as const : column.type })),
    transformKql: `source | extend TimeGenerated = ${timeGenerated} | project-rename ${renames.join(', ')}`
      + (columns.some((column) => column.type === 'guid')
        ? ` | extend ${columns.filter((column) => column.type === 'guid').map((column) => `['${column.legacyName}'] = toguid(['${column.legacyName}'])`).join(', ')}`
        : ''),
  };
}
