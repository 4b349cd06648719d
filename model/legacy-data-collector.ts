import { ColumnDefinition, TableColumnType } from './tables/table-schema';
import { truncateUtf8 } from './utf8';

/** The type suffixes the HTTP Data Collector API gives columns. */
export type DataCollectorSuffix = '_s' | '_b' | '_d' | '_t' | '_g';

/**
 * The HTTP Data Collector API (retired on 14 September 2026) stored each JSON property as a column named
 * `<property>_<suffix>`, the suffix telling the type it inferred. `_g` is a string: the page lists "GUID (stored as a
 * string)", and Microsoft's schemas of such tables (Azure/Azure-Sentinel KQL validation data, e.g.
 * `ABNORMAL_THREAT_MESSAGES_CL.json`, `threatId_g`) type them `string`; a table migrated to the Logs Ingestion API
 * must keep that type, since Log Analytics does not change the type of an existing column.
 */
export const DATA_COLLECTOR_COLUMN_TYPES: Readonly<Record<DataCollectorSuffix, TableColumnType>> = {
  _s: 'string',
  _b: 'boolean',
  _d: 'real',
  _t: 'datetime',
  _g: 'string',
};

/** {@link DATA_COLLECTOR_COLUMN_TYPES}, looked up by any two-character suffix. */
export const LEGACY_COLUMN_SUFFIXES: Readonly<Record<string, TableColumnType>> = DATA_COLLECTOR_COLUMN_TYPES;

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
    streamColumns: columns.map((column) => ({ name: column.property, type: column.type === 'guid' ? 'string' as const : column.type })),
    transformKql: `source | extend TimeGenerated = ${timeGenerated} | project-rename ${renames.join(', ')}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The wire protocol of the HTTP Data Collector API, as the emulator serves it. Facts from Microsoft's page "Send log
// data to Azure Monitor by using the HTTP Data Collector API" (MicrosoftDocs/azure-docs
// articles/azure-monitor/logs/data-collector-api.md) unless a comment says otherwise; see shared/spec section 1.

/** The only version of the API (`?api-version=2016-04-01`). */
export const DATA_COLLECTOR_API_VERSION = '2016-04-01';

/** The API's resource path, which the SharedKey string to sign also ends with. */
export const DATA_COLLECTOR_RESOURCE = '/api/logs';

/** Limits of the API (page "Data limits"; Azure Monitor service limits, "Data Collector API" and "General workspace limits"). */
export const DATA_COLLECTOR_LIMITS = {
  /** 30 MB per post, read as 30 MiB (UNCONFIRMED: MB or MiB); a larger post gets 404. */
  maxPostBytes: 30 * 1024 * 1024,
  /** 32 KB per field value, read as 32,768 bytes of UTF-8 (UNCONFIRMED); longer values are truncated. */
  maxFieldValueBytes: 32 * 1024,
  /** 500 columns per table; the properties beyond go to the dynamic `AdditionalFields` column. */
  maxColumnsPerTable: 500,
  /** 45 characters per column name. */
  maxColumnNameLength: 45,
  /** 500 custom log tables per workspace (Azure Monitor service limits, "General workspace limits"). */
  maxCustomTablesPerWorkspace: 500,
  /** `TimeGenerated` from the `time-generated-field` may be at most 2 days before the receipt... */
  timeGeneratedMaxAgeMilliseconds: 2 * 86_400_000,
  /** ...and at most 1 day after it; otherwise it is the time of receipt. */
  timeGeneratedMaxAheadMilliseconds: 86_400_000,
} as const;

/** Property names that make the API refuse the post ("Reserved properties"). */
export const DATA_COLLECTOR_RESERVED_PROPERTIES: readonly string[] = ['tenant', 'TimeGenerated', 'RawData'];

/** The dynamic column that takes the properties beyond the 500-column limit. */
export const DATA_COLLECTOR_ADDITIONAL_FIELDS_COLUMN = 'AdditionalFields';

/**
 * The standard columns of a table the API creates ("Custom table (classic)"), as Microsoft's schemas of such tables
 * list them (Azure/Azure-Sentinel KQL validation data, e.g. `ABNORMAL_THREAT_MESSAGES_CL.json`); there `Type` and
 * `_ResourceId` come after the property columns, here before them, as the property columns are added when they arrive.
 */
export const DATA_COLLECTOR_STANDARD_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'TenantId', type: 'string', reserved: true },
  { name: 'SourceSystem', type: 'string' },
  { name: 'MG', type: 'string' },
  { name: 'ManagementGroupName', type: 'string' },
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'RawData', type: 'string' },
  { name: 'Type', type: 'string', reserved: true },
  { name: '_ResourceId', type: 'string', reserved: true },
];

/**
 * `SourceSystem` of the rows the API writes. Not in Microsoft's docs (UNCONFIRMED); observed in workspaces and relied
 * on by migration guides to tell legacy rows from Logs Ingestion API rows.
 */
export const DATA_COLLECTOR_SOURCE_SYSTEM = 'RestAPI';

/**
 * The SharedKey string to sign (page "Authorization"): verb, Content-Length, Content-Type, `x-ms-date:<date>` and
 * the resource, joined by line feeds, without a final one.
 */
export function dataCollectorStringToSign(parts: {
  readonly method: string;
  readonly contentLength: number;
  readonly contentType: string;
  readonly date: string;
}): string {
  return [parts.method, String(parts.contentLength), parts.contentType, `x-ms-date:${parts.date}`, DATA_COLLECTOR_RESOURCE].join('\n');
}

/** The `Authorization` header, `SharedKey <WorkspaceID>:<Signature>`, or why it is not one. */
export type SharedKeyAuthorization =
  | { readonly ok: true; readonly workspaceId: string; readonly signature: string }
  | { readonly ok: false; readonly reason: 'missing' | 'scheme' | 'malformed' };

/** Reads `Authorization: SharedKey <WorkspaceID>:<Signature>`. */
export function parseSharedKeyAuthorization(header: string | undefined): SharedKeyAuthorization {
  const text = header?.trim() ?? '';
  if (text === '') {
    return { ok: false, reason: 'missing' };
  }
  const space = text.indexOf(' ');
  if (space < 0 || text.slice(0, space) !== 'SharedKey') {
    return { ok: false, reason: 'scheme' };
  }
  const credential = text.slice(space + 1).trim();
  const colon = credential.indexOf(':');
  if (colon <= 0 || colon === credential.length - 1) {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, workspaceId: credential.slice(0, colon), signature: credential.slice(colon + 1) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC_1123 = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * An `x-ms-date` value in RFC 1123 form (`Mon, 04 Apr 2016 08:00:00 GMT`, what .NET's `"r"` format, Python's
 * `%a, %d %b %Y %H:%M:%S GMT` and JavaScript's `toUTCString()` write), or undefined.
 */
export function parseRfc1123Date(text: string): Date | undefined {
  const match = RFC_1123.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const [day, month, year, hours, minutes, seconds] = [Number(match[1]), MONTHS.indexOf(match[2]), Number(match[3]),
    Number(match[4]), Number(match[5]), Number(match[6])];
  const date = new Date(Date.UTC(year, month, day, hours, minutes, seconds));
  return date.getUTCDate() === day && hours < 24 && minutes < 60 && seconds < 60 ? date : undefined;
}

const GUID_DASHED = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const GUID_BARE = /^[0-9A-Fa-f]{32}$/;
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A GUID string in dashed form (the page: `8145d82213a7...` is stored as `8145d822-13a7-...`), or undefined. */
export function dataCollectorGuid(text: string): string | undefined {
  if (GUID_DASHED.test(text)) {
    return text;
  }
  return GUID_BARE.test(text)
    ? `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}` : undefined;
}

/**
 * An ISO 8601 date and time (`YYYY-MM-DDThh:mm:ssZ`, with optional fraction and offset; no zone is UTC), or
 * undefined. Which other texts the service reads as dates is UNCONFIRMED.
 */
export function dataCollectorDateTime(text: string): Date | undefined {
  const match = ISO_8601.exec(text);
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hours, minutes] = match.slice(1, 6).map(Number);
  if (month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || Number(match[6] ?? 0) > 59) {
    return undefined;
  }
  const date = new Date(match[8] === undefined ? `${text}Z` : text);
  if (Number.isNaN(date.getTime()) || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) {
    return undefined;
  }
  return date;
}

/** A value ready for a column of a suffix. */
export type DataCollectorValue = string | number | boolean | Date;

/**
 * The suffix a JSON value gets when its property has no column yet (JSON type inference), and the value stored:
 * numbers `_d`, booleans `_b`, strings that look like GUIDs `_g` (dashed), ISO 8601 date-times `_t`, other strings
 * `_s`. Objects and arrays are stored as their JSON text in `_s` (UNCONFIRMED; commonly observed). Undefined for null,
 * which the API leaves out of the record.
 */
export function inferDataCollectorValue(value: unknown): { suffix: DataCollectorSuffix; value: DataCollectorValue } | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return { suffix: '_b', value };
  }
  if (typeof value === 'number') {
    return { suffix: '_d', value };
  }
  if (typeof value === 'string') {
    const guid = dataCollectorGuid(value);
    if (guid !== undefined) {
      return { suffix: '_g', value: guid };
    }
    const date = dataCollectorDateTime(value);
    return date === undefined ? { suffix: '_s', value } : { suffix: '_t', value: date };
  }
  return { suffix: '_s', value: JSON.stringify(value) };
}

/**
 * A JSON string converted to the type of an existing column, or undefined when it does not convert (the page: `"42"`
 * goes into an existing `_d` column, `"true"` into `_b`). Only strings convert: a number sent for a property that has
 * only a string column makes a new `_d` column (the page's `boolean_d` and `string_d` example).
 */
export function convertDataCollectorString(text: string, suffix: DataCollectorSuffix): DataCollectorValue | undefined {
  switch (suffix) {
    case '_s':
      return text;
    case '_d':
      return DECIMAL.test(text.trim()) && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case '_b': {
      const lower = text.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : undefined;
    }
    case '_t':
      return dataCollectorDateTime(text);
    case '_g':
      return dataCollectorGuid(text);
    default:
      return undefined;
  }
}


/**
 * `TimeGenerated` of a record: the value of the `time-generated-field` property when it is an ISO 8601 date-time no
 * more than 2 days before and 1 day after the receipt, else the time of receipt (header `time-generated-field`; that
 * a missing or unreadable value also falls back to the receipt time is UNCONFIRMED).
 */
export function dataCollectorTimeGenerated(value: unknown, receivedAt: Date): Date {
  const date = typeof value === 'string' ? dataCollectorDateTime(value) : undefined;
  if (date === undefined
    || date.getTime() < receivedAt.getTime() - DATA_COLLECTOR_LIMITS.timeGeneratedMaxAgeMilliseconds
    || date.getTime() > receivedAt.getTime() + DATA_COLLECTOR_LIMITS.timeGeneratedMaxAheadMilliseconds) {
    return receivedAt;
  }
  return date;
}

/** A property name as a column name: characters other than letters, digits and `_` become `_` (UNCONFIRMED). */
export function dataCollectorColumnBase(property: string): string {
  return property.replace(/[^A-Za-z0-9_]/g, '_');
}

/** How the records of one post map to a table. */
export interface DataCollectorPostOptions {
  /** The table's columns now. */
  readonly columns: readonly ColumnDefinition[];
  /**
   * Whether the post may add columns: true for a table the API created; false for a table declared for the Logs
   * Ingestion API (created or migrated), to which the API writes existing columns only.
   */
  readonly createColumns: boolean;
}

/** The records of one post as rows of suffixed columns, and the columns the table gains, in order. */
export interface DataCollectorMappedPost {
  readonly ok: true;
  readonly rows: Array<Record<string, DataCollectorValue | Record<string, unknown>>>;
  readonly newColumns: ColumnDefinition[];
  /** Values cut to the field limit. */
  readonly truncatedValues: number;
  /** Properties left out because the table may not gain columns. */
  readonly droppedValues: number;
}

/** Why the service refuses a post's records. */
export interface DataCollectorPostProblem {
  readonly ok: false;
  readonly problem: string;
}

/**
 * Maps the records of one post to rows, record by record as the service does: a property goes to the column of
 * the suffix its value infers if the table has it; else a string goes to the first existing column of the property
 * it converts to; else a new column with the inferred suffix is made (page "Record type and properties"). Beyond
 * 500 columns the value goes to the dynamic `AdditionalFields` column. Fails on a reserved property, a record that
 * is not an object, or a column name over 45 characters (the code and text of that error are UNCONFIRMED). The
 * standard columns (`TimeGenerated`, `TenantId`, ...) are not set here.
 */
export function mapDataCollectorRecords(records: readonly unknown[], options: DataCollectorPostOptions): DataCollectorMappedPost | DataCollectorPostProblem {
  const types = new Map(options.columns.map((column) => [column.name, column.type]));
  const columnsOfBase = new Map<string, string[]>();
  const remember = (name: string) => {
    const suffix = name.slice(-2);
    if (name.length > 2 && (DATA_COLLECTOR_COLUMN_TYPES as Record<string, TableColumnType>)[suffix] !== undefined) {
      const base = name.slice(0, -2);
      columnsOfBase.set(base, [...(columnsOfBase.get(base) ?? []), name]);
    }
  };
  options.columns.forEach((column) => remember(column.name));
  const newColumns: ColumnDefinition[] = [];
  const rows: DataCollectorMappedPost['rows'] = [];
  let truncatedValues = 0;
  let droppedValues = 0;
  for (const [index, record] of records.entries()) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return { ok: false, problem: `record ${index} is not a JSON object` };
    }
    const row: DataCollectorMappedPost['rows'][number] = {};
    for (const [property, raw] of Object.entries(record as Record<string, unknown>)) {
      if (DATA_COLLECTOR_RESERVED_PROPERTIES.includes(property)) {
        return { ok: false, problem: `record ${index}: the property name "${property}" is reserved (${DATA_COLLECTOR_RESERVED_PROPERTIES.join(', ')})` };
      }
      const inferred = inferDataCollectorValue(raw);
      if (inferred === undefined) {
        continue;
      }
      const base = dataCollectorColumnBase(property);
      let column = `${base}${inferred.suffix}`;
      let value: DataCollectorValue | undefined = inferred.value;
      if (!types.has(column) && typeof raw === 'string') {
        for (const existing of columnsOfBase.get(base) ?? []) {
          const converted = convertDataCollectorString(raw, existing.slice(-2) as DataCollectorSuffix);
          if (converted !== undefined) {
            column = existing;
            value = converted;
            break;
          }
        }
      }
      if (typeof value === 'string' && value.length * 3 > DATA_COLLECTOR_LIMITS.maxFieldValueBytes) {
        const truncated = truncateUtf8(value, DATA_COLLECTOR_LIMITS.maxFieldValueBytes);
        truncatedValues += truncated.length < value.length ? 1 : 0;
        value = truncated;
      }
      if (!types.has(column)) {
        if (column.length > DATA_COLLECTOR_LIMITS.maxColumnNameLength) {
          return { ok: false, problem: `record ${index}: the column "${column}" of property "${property}" is longer than ${DATA_COLLECTOR_LIMITS.maxColumnNameLength} characters` };
        }
        if (!options.createColumns) {
          droppedValues++;
          continue;
        }
        const counted = [...types.keys()].filter((name) => name !== DATA_COLLECTOR_ADDITIONAL_FIELDS_COLUMN).length;
        if (counted >= DATA_COLLECTOR_LIMITS.maxColumnsPerTable) {
          if (!types.has(DATA_COLLECTOR_ADDITIONAL_FIELDS_COLUMN)) {
            types.set(DATA_COLLECTOR_ADDITIONAL_FIELDS_COLUMN, 'dynamic');
            newColumns.push({ name: DATA_COLLECTOR_ADDITIONAL_FIELDS_COLUMN, type: 'dynamic' });
          }
          const bag = (row[DATA_COLLECTOR_ADDITIONAL_FIELDS_COLUMN] ?? {}) as Record<string, unknown>;
          bag[column] = value instanceof Date ? value.toISOString() : value;
          row[DATA_COLLECTOR_ADDITIONAL_FIELDS_COLUMN] = bag;
          continue;
        }
        const suffix = column.slice(-2) as DataCollectorSuffix;
        types.set(column, DATA_COLLECTOR_COLUMN_TYPES[suffix]);
        newColumns.push({ name: column, type: DATA_COLLECTOR_COLUMN_TYPES[suffix] });
        remember(column);
      }
      row[column] = value;
    }
    rows.push(row);
  }
  return { ok: true, rows, newColumns, truncatedValues, droppedValues };
}
