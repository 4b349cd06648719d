import { KqlTimespan, KqlValue } from '../values';

/**
 * Conversions between KQL scalar types with KQL's rules: a value that does not convert gives null, and null
 * converts to null, except to `string`, which has no null (`tostring(null)` is `""`).
 */

/** Milliseconds from 0001-01-01 (where KQL's ticks start) to 1970-01-01 (where JavaScript's start). */
export const EPOCH_OFFSET_MILLISECONDS = 62_135_596_800_000;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** `tostring()`: the text of a value; null and missing values give `""`. */
export function toKqlString(value: KqlValue | undefined): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return numberToString(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    return formatDatetime(value);
  }
  if (value instanceof KqlTimespan) {
    return value.toString();
  }
  return JSON.stringify(value);
}

function numberToString(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  return String(value);
}

/** ISO 8601 in UTC with the fraction of a second only when there is one: `2024-05-01T10:00:00Z`, `...:00.25Z`. */
export function formatDatetime(value: Date): string {
  const time = value.getTime();
  if (Number.isNaN(time)) {
    return '';
  }
  const iso = value.toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const REAL_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** `tolong()`: integers; reals are truncated; text must be an integer (`"12"`, not `"1.5"` or `"x"`). */
export function toLong(value: KqlValue | undefined): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.trunc(value) : null;
  }
  if (typeof value === 'string') {
    return INTEGER_TEXT.test(value) ? Number(value) : null;
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (value instanceof Date) {
    return (value.getTime() + EPOCH_OFFSET_MILLISECONDS) * 10_000;
  }
  if (value instanceof KqlTimespan) {
    return Math.round(value.milliseconds * 10_000);
  }
  return null;
}

/** `toint()`: as {@link toLong}, and null outside the 32-bit range. */
export function toInt(value: KqlValue | undefined): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) {
    return value;
  }
  const long = toLong(value);
  return long === null || long < INT32_MIN || long > INT32_MAX ? null : long;
}

/** `toreal()`/`todouble()`: numbers; text must be a number (`"1.5"`, `"1e3"`, `"NaN"`, `"Infinity"`). */
export function toReal(value: KqlValue | undefined): number | null {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string') {
    if (REAL_TEXT.test(value)) {
      return Number(value);
    }
    const word = value.trim().toLowerCase();
    if (word === 'nan') {
      return Number.NaN;
    }
    if (word === 'infinity' || word === '+infinity' || word === 'inf') {
      return Number.POSITIVE_INFINITY;
    }
    return word === '-infinity' || word === '-inf' ? Number.NEGATIVE_INFINITY : null;
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (value instanceof KqlTimespan) {
    return value.milliseconds * 10_000;
  }
  return null;
}

/** `tobool()`: booleans, numbers (non-zero is true) and the texts `true`/`false` in any case. */
export function toBool(value: KqlValue | undefined): boolean | null {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return Number.isNaN(value) ? null : value !== 0;
  }
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    return word === 'true' ? true : word === 'false' ? false : null;
  }
  return null;
}

const ISO_DATETIME = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/** A datetime from text: ISO 8601 (UTC unless it says otherwise) or RFC 822/1123; null if it is neither. */
export function parseDatetime(text: string): Date | null {
  const match = ISO_DATETIME.exec(text);
  if (match !== null) {
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    const milliseconds = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
    let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0))
      + milliseconds;
    if (zone !== undefined && (zone.startsWith('+') || zone.startsWith('-'))) {
      const digits = zone.replace(':', '');
      const offsetMinutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
      time -= (zone.startsWith('-') ? -1 : 1) * offsetMinutes * 60_000;
    }
    if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31 || Number.isNaN(time)) {
      return null;
    }
    return new Date(time);
  }
  if (!/[A-Za-z]{3}/.test(text)) {
    return null;
  }
  // RFC 822/1123 (`Tue, 10 Oct 2024 13:55:36 GMT`); without a zone it is UTC, as in KQL.
  let time = Date.parse(`${text} UTC`);
  if (Number.isNaN(time)) {
    time = Date.parse(text);
  }
  return Number.isNaN(time) ? null : new Date(time);
}

/** `todatetime()`: datetimes and text; anything else is null. */
export function toDatetime(value: KqlValue | undefined): Date | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value;
  }
  if (typeof value === 'string') {
    return parseDatetime(value);
  }
  return null;
}

const TIMESPAN_CLOCK = /^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?\s*$/;
const TIMESPAN_UNITS = /^\s*(-)?(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?|ms|millis?|milliseconds?|microseconds?|ticks?)\s*$/i;

const UNIT_MILLISECONDS: Record<string, number> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001, tick: 0.0001, ticks: 0.0001,
};

/** A timespan from text: `[-][d.]hh:mm[:ss[.fffffff]]` or a number with a unit (`90s`, `1.5h`); null otherwise. */
export function parseTimespan(text: string): KqlTimespan | null {
  const clock = TIMESPAN_CLOCK.exec(text);
  if (clock !== null) {
    const [, minus, days, hours, minutes, seconds, fraction] = clock;
    const milliseconds = Number(days ?? 0) * 86_400_000 + Number(hours) * 3_600_000 + Number(minutes) * 60_000
      + Number(seconds ?? 0) * 1000 + (fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000);
    return new KqlTimespan(minus === undefined ? milliseconds : -milliseconds);
  }
  const units = TIMESPAN_UNITS.exec(text);
  if (units !== null) {
    const milliseconds = Number(units[2]) * UNIT_MILLISECONDS[units[3].toLowerCase()];
    return new KqlTimespan(units[1] === undefined ? milliseconds : -milliseconds);
  }
  return null;
}

/** `totimespan()`: timespans, text, and numbers as ticks (100 ns). */
export function toTimespan(value: KqlValue | undefined): KqlTimespan | null {
  if (value instanceof KqlTimespan) {
    return value;
  }
  if (typeof value === 'string') {
    return parseTimespan(value);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? new KqlTimespan(value / 10_000) : null;
  }
  return null;
}

const GUID_TEXT = /^\s*[{(]?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})[})]?\s*$/;

/** `toguid()`: a GUID in its lower-case `8-4-4-4-12` form; null if the text is not one. */
export function toGuid(value: KqlValue | undefined): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const match = GUID_TEXT.exec(value);
  return match === null ? null : match.slice(1).join('-').toLowerCase();
}

/**
 * `parse_json()`/`todynamic()`: text is parsed as JSON and kept as text when it is not JSON; datetimes and
 * timespans become their text, as they would in JSON; other values are kept.
 */
export function toDynamic(value: KqlValue | undefined): KqlValue {
  if (value === undefined) {
    return null;
  }
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as KqlValue;
    } catch {
      return value;
    }
  }
  if (value instanceof Date) {
    return formatDatetime(value);
  }
  if (value instanceof KqlTimespan) {
    return value.toString();
  }
  return value;
}

/** A value as it is stored in a `dynamic` column: plain JSON, without converting text. */
function asDynamicValue(value: KqlValue | undefined): KqlValue {
  if (value === undefined) {
    return null;
  }
  return value instanceof Date || value instanceof KqlTimespan ? toDynamic(value) : value;
}

/** Converts a value to a column of the given KQL type (the analyzer's type names; `unknown` keeps the value). */
export type ValueConverter = (value: KqlValue | undefined) => KqlValue;

/** The converter into a KQL type named as the analyzer names it (`string`, `int`, `long`, `real`, `bool`, ...). */
export function converterTo(typeName: string): ValueConverter {
  switch (typeName) {
    case 'string': return toKqlString;
    case 'int': return toInt;
    case 'long': return toLong;
    case 'real': case 'double': case 'decimal': return toReal;
    case 'bool': case 'boolean': return toBool;
    case 'datetime': case 'date': return toDatetime;
    case 'timespan': case 'time': return toTimespan;
    case 'guid': case 'uniqueid': return toGuid;
    case 'dynamic': return asDynamicValue;
    default: return (value) => (value === undefined ? null : value);
  }
}

/**
 * A reader of one input column that keeps values of the declared type and converts the others (rows that came
 * from JSON hold datetimes as text); a missing column reads as null (`""` for a string column).
 */
export function typedReader(name: string, typeName: string): (row: Record<string, KqlValue | undefined>) => KqlValue {
  switch (typeName) {
    case 'string':
      return (row) => {
        const value = row[name];
        return typeof value === 'string' ? value : toKqlString(value);
      };
    case 'int': case 'long': {
      const convert = typeName === 'int' ? toInt : toLong;
      return (row) => {
        const value = row[name];
        return typeof value === 'number' && Number.isInteger(value) ? value : value == null ? null : convert(value);
      };
    }
    case 'real': case 'double': case 'decimal':
      return (row) => {
        const value = row[name];
        return typeof value === 'number' ? value : value == null ? null : toReal(value);
      };
    case 'bool': case 'boolean':
      return (row) => {
        const value = row[name];
        return typeof value === 'boolean' ? value : value == null ? null : toBool(value);
      };
    case 'datetime': {
      // Rows that came from JSON hold datetimes as text; a transformation often reads the column more than once.
      let lastRow: unknown;
      let lastText: unknown;
      let lastValue: Date | null = null;
      return (row) => {
        const value = row[name];
        if (value instanceof Date || value == null) {
          return value ?? null;
        }
        if (row !== lastRow || value !== lastText) {
          lastRow = row;
          lastText = value;
          lastValue = toDatetime(value);
        }
        return lastValue;
      };
    }
    default: {
      const convert = converterTo(typeName);
      return (row) => {
        const value = row[name];
        return value == null ? null : convert(value);
      };
    }
  }
}
