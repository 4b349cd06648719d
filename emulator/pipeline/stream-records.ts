import { namedRowBuilder } from '../../model/kql/evaluate/named-properties';
import { KqlValue, Row } from '../../model/kql/values';
import { truncateUtf8 } from '../../model/utf8';
import { ColumnDefinition } from '../../model/tables/table-schema';

/**
 * Records posted to the Logs Ingestion API, read against the stream declaration of the rule.
 *
 * Spec 2.3: the body is a JSON array of objects whose top-level properties are the declared columns; properties that
 * are not declared are not visible to the transformation (the emulator ignores them, as the spec recommends). Each
 * declared column's value is converted to its type; a value that cannot be, refuses the whole request with the
 * record's index and the column (Azure accepts such a request and loses the value without a word: see the
 * emulator's differences table).
 */

/** The longest field value, in UTF-8 bytes; longer ones are truncated (spec 2.4). */
export const MAX_FIELD_VALUE_BYTES = 64 * 1024;

/** A record that does not fit the stream declaration. */
export class RecordNotDeclaredShapeError extends Error {
  constructor(
    /** The record's position in the posted array, from 0. */
    public readonly recordIndex: number,
    /** The column whose value does not convert, when one is to blame. */
    public readonly column: string | undefined,
    reason: string,
  ) {
    super(`record ${recordIndex}${column === undefined ? '' : `, column ${column}`}: ${reason}`);
    this.name = 'RecordNotDeclaredShapeError';
  }
}

/** Thrown by a converter; caught by {@link recordReader}, which adds the record and the column. */
class ValueNotConvertible extends Error {}

/** Text no longer than {@link MAX_FIELD_VALUE_BYTES} in UTF-8, cut at a character boundary. */
export function truncatedFieldValue(text: string): string {
  return truncateUtf8(text, MAX_FIELD_VALUE_BYTES);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function toStringValue(value: unknown): string {
  if (typeof value === 'string') {
    return truncatedFieldValue(value);
  }
  // Numbers and booleans are written as JSON writes them; objects and arrays as their JSON text.
  return truncatedFieldValue(JSON.stringify(value));
}

function integerConverter(min: number, max: number, typeName: string): (value: unknown) => number {
  return (value) => {
    const number = typeof value === 'number' ? value
      : typeof value === 'string' && INTEGER_TEXT.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new ValueNotConvertible(`${describe(value)} is not ${typeName === 'int' ? 'an int' : 'a long'}`);
    }
    return number;
  };
}

function toReal(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) {
    return Number(value.trim());
  }
  throw new ValueNotConvertible(`${describe(value)} is not a real`);
}

function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === 'true';
  }
  if (value === 0 || value === 1) {
    return value === 1;
  }
  throw new ValueNotConvertible(`${describe(value)} is not a boolean`);
}

/**
 * The time of `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.mmmZ` (what `toISOString` and the Azure SDKs write), read
 * digit by digit; -1 for any other text, which the general path reads. Same result as `Date.parse`, several times
 * faster: every record of the Logs Ingestion API has a datetime.
 */
function canonicalUtcTime(text: string): number {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 0x5a /* Z */ || text.charCodeAt(4) !== 0x2d
    || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54 /* T */ || text.charCodeAt(13) !== 0x3a
    || text.charCodeAt(16) !== 0x3a || (length === 24 && text.charCodeAt(19) !== 0x2e)) {
    return -1;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millisecond = length === 24 ? digits(text, 20, 3) : 0;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
    || second < 0 || second > 59 || millisecond < 0) {
    return -1;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

/** The number written by `count` decimal digits at `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) {
      return -1;
    }
    number = number * 10 + digit;
  }
  return number;
}

/** ISO 8601 text with a date (what the service's samples send); a number is no datetime. */
const DATETIME_TEXT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function toDatetime(value: unknown): Date {
  if (typeof value === 'string') {
    const time = canonicalUtcTime(value);
    if (time >= 0) {
      return new Date(time);
    }
  }
  if (typeof value === 'string' && DATETIME_TEXT.test(value.trim())) {
    const text = value.trim();
    // Text without a zone is UTC, as in KQL.
    const time = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) || text.length <= 10 ? text : `${text}Z`);
    if (!Number.isNaN(time)) {
      return new Date(time);
    }
  }
  throw new ValueNotConvertible(`${describe(value)} is not a datetime (ISO 8601 text expected)`);
}

function toDynamic(value: unknown): KqlValue {
  return value as KqlValue;
}

const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toGuid(value: unknown): string {
  if (typeof value === 'string' && GUID_TEXT.test(value.trim())) {
    return value.trim().toLowerCase();
  }
  throw new ValueNotConvertible(`${describe(value)} is not a guid`);
}

/** The converter of a column type. */
function converterOf(type: ColumnDefinition['type']): (value: unknown) => KqlValue {
  switch (type) {
    case 'string': return toStringValue;
    case 'int': return integerConverter(-2_147_483_648, 2_147_483_647, 'int');
    case 'long': return integerConverter(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'long');
    case 'real': return toReal;
    case 'boolean': return toBoolean;
    case 'datetime': return toDatetime;
    case 'dynamic': return toDynamic;
    case 'guid': return toGuid;
  }
}

/**
 * A reader of posted records for one stream: each record becomes a typed row (the declared columns, each value of
 * its column's type; a missing or null value is left out), ready for `applyToTypedRow`.
 *
 * @throws RecordNotDeclaredShapeError for a record that is not a JSON object or a value that does not convert
 */
export function recordReader(columns: readonly ColumnDefinition[]): (record: unknown, recordIndex: number) => Row {
  let column: string | undefined;
  const values = columns.map(({ name, type }) => {
    const convert = converterOf(type);
    return (record: Row): KqlValue => {
      const value = record[name];
      if (value === undefined || value === null) {
        return null;
      }
      column = name;
      return convert(value);
    };
  });
  const build = namedRowBuilder(columns.map(({ name }) => name), values, true);
  return (record, recordIndex) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new RecordNotDeclaredShapeError(recordIndex, undefined, `expected a JSON object, received ${describe(record)}`);
    }
    column = undefined;
    try {
      return build(record as Row);
    } catch (error) {
      if (error instanceof ValueNotConvertible) {
        throw new RecordNotDeclaredShapeError(recordIndex, column, error.message);
      }
      throw error;
    }
  };
}
