import { ColumnDefinition } from './table-schema';

/** Suffix every custom (DCR-based) table name carries. */
export const CUSTOM_TABLE_SUFFIX = '_CL';

/**
 * Table names: letters, digits and underscores, starting with a letter, at most 63 characters
 * before `_CL` (Log Analytics tables API; a longer name is refused with HTTP 400).
 */
const CUSTOM_TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}_CL$/;

/** Column names: start with a letter, then letters, digits and underscores, at most 45 characters. */
const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9_]{0,44}$/;

/** Columns Log Analytics adds to every table; a custom table must not declare them itself. */
export const STANDARD_COLUMN_NAMES: readonly string[] = [
  'TenantId', 'Type', '_ResourceId', '_SubscriptionId', '_BilledSize', '_IsBillable', '_ItemId', '_TimeReceived',
];

/**
 * Names the tables API refuses for a custom table's columns (beside the standard ones): Azure Monitor's "Logs Ingestion
 * API overview" lists `_ResourceId`, `id`, `_SubscriptionId`, `TenantId`, `Type`, `UniqueId` and `Title`.
 */
export const RESERVED_COLUMN_NAMES: readonly string[] = ['id', 'UniqueId', 'Title'];

/** Columns a table may have (Azure Monitor service limits, Log Analytics workspaces: 500 columns per table). */
export const MAX_TABLE_COLUMNS = 500;

/** A problem with a table or column definition, naming the field it concerns. */
export interface DefinitionProblem {
  /** The field, e.g. `tableName` or `columns[2].name`. */
  readonly field: string;
  /** What is wrong and what would be accepted. */
  readonly message: string;
}

/** Checks a custom table name (`<Name>_CL`). Returns undefined when valid. */
export function checkCustomTableName(tableName: string): DefinitionProblem | undefined {
  if (CUSTOM_TABLE_NAME.test(tableName)) {
    return undefined;
  }
  return {
    field: 'tableName',
    message: `"${tableName}" is not a valid custom table name; expected a letter, then up to 62 letters, digits or ` +
      `underscores, ending in "${CUSTOM_TABLE_SUFFIX}" (e.g. "MyApp_CL")`,
  };
}

/** Checks the columns of a custom table: names, duplicates, a datetime `TimeGenerated`. */
export function checkCustomTableColumns(columns: readonly ColumnDefinition[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Map<string, number>();
  columns.forEach((column, index) => {
    const field = `columns[${index}].name`;
    if (!COLUMN_NAME.test(column.name)) {
      problems.push({
        field,
        message: `"${column.name}" is not a valid column name; expected a letter, then up to 44 letters, digits or underscores`,
      });
    } else if (STANDARD_COLUMN_NAMES.includes(column.name)) {
      problems.push({ field, message: `"${column.name}" is a standard column that Log Analytics adds to every table; remove it` });
    } else if (RESERVED_COLUMN_NAMES.includes(column.name)) {
      problems.push({ field, message: `"${column.name}" is a reserved column name that the tables API refuses (reserved: `
        + `${[...RESERVED_COLUMN_NAMES, 'TenantId', 'Type', '_ResourceId', '_SubscriptionId'].join(', ')}); rename it` });
    }
    const lower = column.name.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined) {
      problems.push({ field, message: `"${column.name}" repeats columns[${earlier}] (column names are unique regardless of case)` });
    } else {
      seen.set(lower, index);
    }
  });
  if (columns.length > MAX_TABLE_COLUMNS) {
    problems.push({ field: 'columns', message: `has ${columns.length} columns; a Log Analytics table has at most ${MAX_TABLE_COLUMNS} `
      + '(https://learn.microsoft.com/azure/azure-monitor/service-limits#log-analytics-workspaces)' });
  }
  const timeGenerated = columns.find((column) => column.name === 'TimeGenerated');
  if (timeGenerated === undefined) {
    problems.push({ field: 'columns', message: 'a custom table needs a "TimeGenerated" column of type datetime' });
  } else if (timeGenerated.type !== 'datetime') {
    problems.push({ field: 'columns', message: `"TimeGenerated" must be of type datetime, got ${timeGenerated.type}` });
  }
  return problems;
}
