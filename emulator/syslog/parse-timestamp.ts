import {
  COLON, DIGIT_ZERO, FULL_STOP, HYPHEN_MINUS, PLUS_SIGN, SPACE, decimalValue, isDigit,
} from './character-codes';
import { ParseResult, failed, parsed } from './parse-result';

const MILLISECONDS_PER_MINUTE = 60_000;
const MILLISECONDS_PER_DAY = 86_400_000;

/** How many years back a timestamp without a year may go to find a 29 February. */
const MAX_YEARS_BACK = 8;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3164 §4.1.2: the month abbreviations, in the order of their numbers. */
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, monthIndex: number): number {
  return monthIndex === 1 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[monthIndex];
}

/** Milliseconds since the epoch of a UTC date and time; years below 100 stay as given (Date.UTC would add 1900). */
function utcTime(
  year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, milliseconds: number,
): number {
  const time = Date.UTC(year, monthIndex, day, hour, minute, second, milliseconds);
  return year >= 100 ? time : new Date(time).setUTCFullYear(year);
}

/** The two digits at `start` as a number, or -1. */
function twoDigits(text: string, start: number): number {
  const high = text.charCodeAt(start);
  const low = text.charCodeAt(start + 1);
  return isDigit(high) && isDigit(low) ? (high - DIGIT_ZERO) * 10 + (low - DIGIT_ZERO) : -1;
}

/** The month (0-11) of the three-letter abbreviation at `start`, any letter case, or -1. */
function monthIndexAt(text: string, start: number): number {
  if (start + 3 > text.length) {
    return -1;
  }
  const abbreviation = text.slice(start, start + 3).toLowerCase();
  return MONTH_ABBREVIATIONS.indexOf(abbreviation);
}

/** `hh:mm:ss` at `start` as [hour, minute, second], or undefined when malformed or out of range. */
function timeOfDayAt(text: string, start: number): [number, number, number] | undefined {
  const hour = twoDigits(text, start);
  const minute = twoDigits(text, start + 3);
  const second = twoDigits(text, start + 6);
  if (text.charCodeAt(start + 2) !== COLON || text.charCodeAt(start + 5) !== COLON
    || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  return [hour, minute, second];
}

/**
 * An optional fraction of a second at `start` (`.` then digits), as [milliseconds, index after it]; digits past the
 * third are dropped (a Date holds milliseconds). [-1, start] when a `.` has no digit after it.
 */
function fractionAt(text: string, start: number): [number, number] {
  if (text.charCodeAt(start) !== FULL_STOP) {
    return [0, start];
  }
  let index = start + 1;
  let milliseconds = 0;
  let digits = 0;
  for (let code = text.charCodeAt(index); isDigit(code); code = text.charCodeAt(++index)) {
    if (digits < 3) {
      milliseconds = milliseconds * 10 + (code - DIGIT_ZERO);
    }
    digits++;
  }
  if (digits === 0) {
    return [-1, start];
  }
  for (; digits < 3; digits++) {
    milliseconds *= 10;
  }
  return [milliseconds, index];
}

/**
 * A time offset at `start`: `+hh:mm`, `-hh:mm` or, leniently, `+hhmm`; as [minutes east of UTC, index after it], or
 * undefined when there is no well-formed offset.
 */
function numericOffsetAt(text: string, start: number): [number, number] | undefined {
  const sign = text.charCodeAt(start);
  if (sign !== PLUS_SIGN && sign !== HYPHEN_MINUS) {
    return undefined;
  }
  const hours = twoDigits(text, start + 1);
  const withColon = text.charCodeAt(start + 3) === COLON;
  const minutes = twoDigits(text, withColon ? start + 4 : start + 3);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
    return undefined;
  }
  const offset = hours * 60 + minutes;
  return [sign === PLUS_SIGN ? offset : -offset, withColon ? start + 6 : start + 5];
}

/**
 * The time of a timestamp that carries no year (RFC 3164 §4.1.2): the year is that of `receivedAt`, or the year
 * before when the timestamp would then lie more than a day after `receivedAt` (a 31 December message received on
 * 1 January). A 29 February goes back to the latest leap year that fits. Undefined when the day does not exist.
 */
export function timeWithInferredYear(
  receivedAt: Date, monthIndex: number, day: number, hour: number, minute: number, second: number, milliseconds: number,
): number | undefined {
  const latest = receivedAt.getTime() + MILLISECONDS_PER_DAY;
  const receivedYear = receivedAt.getUTCFullYear();
  for (let year = receivedYear; year >= receivedYear - MAX_YEARS_BACK; year--) {
    if (day <= daysInMonth(year, monthIndex)) {
      const time = utcTime(year, monthIndex, day, hour, minute, second, milliseconds);
      if (time <= latest) {
        return time;
      }
    }
  }
  return undefined;
}

/**
 * RFC 5424 §6.2.3 TIMESTAMP, the RFC 3339 §5.6 profile `FULL-DATE "T" FULL-TIME`: `2003-10-11T22:14:15.003Z`,
 * `2003-08-24T05:14:15.000003-07:00`. The fraction is cut to milliseconds (a Date holds no more).
 *
 * Lenient where senders are (rsyslog's ParseTIMESTAMP3339 is too): lower-case `t` and `z`, more than six fraction
 * digits, an offset without colon (`+0000`), and no offset at all, read as UTC. `next` is the index after it.
 */
export function parseRfc3339Timestamp(text: string, start: number): ParseResult<Date> {
  const expected = 'a timestamp YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm)';
  const year = decimalValue(text, start, start + 4);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  const separator = text.charCodeAt(start + 10);
  if (year < 0 || text.charCodeAt(start + 4) !== HYPHEN_MINUS || text.charCodeAt(start + 7) !== HYPHEN_MINUS
    || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)
    || (separator !== 0x54 && separator !== 0x74)) {
    return failed(start, expected);
  }
  const time = timeOfDayAt(text, start + 11);
  if (time === undefined) {
    return failed(start + 11, 'a time of day hh:mm:ss');
  }
  const [milliseconds, afterFraction] = fractionAt(text, start + 19);
  if (milliseconds < 0) {
    return failed(start + 20, 'digits of the fraction of a second');
  }
  let index = afterFraction;
  let offsetMinutes = 0;
  const zone = text.charCodeAt(index);
  if (zone === 0x5a || zone === 0x7a) {
    index++;
  } else if (zone === PLUS_SIGN || zone === HYPHEN_MINUS) {
    const offset = numericOffsetAt(text, index);
    if (offset === undefined) {
      return failed(index, 'a time offset Z, +hh:mm or -hh:mm');
    }
    [offsetMinutes, index] = offset;
  }
  const utc = utcTime(year, month - 1, day, time[0], time[1], time[2], milliseconds);
  return parsed(new Date(utc - offsetMinutes * MILLISECONDS_PER_MINUTE), index);
}

/**
 * RFC 3164 §4.1.2 TIMESTAMP `Mmm dd hh:mm:ss` (`Oct 11 22:14:15`; a day below 10 is space-padded: `Aug  3`), with the
 * year from `receivedAt` (see {@link timeWithInferredYear}) and read as UTC (the forwarder's clock; Azure VMs run UTC).
 *
 * Like rsyslog (datetime.c ParseTIMESTAMP3164) it also accepts a zero-padded or one-digit day, any letter case in the
 * month, and a year between day and time as Cisco devices send it (`Jul 28 2024 10:00:00`); for CEF dates it accepts
 * a fraction `.SSS` after the seconds. `next` is the index after the timestamp.
 */
export function parseMonthDayTimestamp(text: string, start: number, receivedAt: Date): ParseResult<Date> {
  const monthIndex = monthIndexAt(text, start);
  if (monthIndex < 0 || text.charCodeAt(start + 3) !== SPACE) {
    return failed(start, 'a timestamp Mmm dd hh:mm:ss');
  }
  let index = start + 4;
  if (text.charCodeAt(index) === SPACE) {
    index++;
  }
  let day = -1;
  if (isDigit(text.charCodeAt(index))) {
    day = text.charCodeAt(index++) - DIGIT_ZERO;
    if (isDigit(text.charCodeAt(index))) {
      day = day * 10 + text.charCodeAt(index++) - DIGIT_ZERO;
    }
  }
  if (day < 1 || day > 31 || text.charCodeAt(index) !== SPACE) {
    return failed(index, 'a day of the month, 1 to 31, then a space');
  }
  index++;
  let year = -1;
  if (isDigit(text.charCodeAt(index + 2)) && isDigit(text.charCodeAt(index + 3))) {
    year = decimalValue(text, index, index + 4);
    if (year < 0 || text.charCodeAt(index + 4) !== SPACE) {
      return failed(index, 'a year yyyy or a time hh:mm:ss');
    }
    index += 5;
  }
  const time = timeOfDayAt(text, index);
  if (time === undefined) {
    return failed(index, 'a time of day hh:mm:ss');
  }
  const [milliseconds, next] = fractionAt(text, index + 8);
  if (milliseconds < 0) {
    return failed(index + 9, 'digits of the fraction of a second');
  }
  const utc = year < 0
    ? timeWithInferredYear(receivedAt, monthIndex, day, time[0], time[1], time[2], milliseconds)
    : day <= daysInMonth(year, monthIndex) ? utcTime(year, monthIndex, day, time[0], time[1], time[2], milliseconds) : undefined;
  if (utc === undefined) {
    return failed(start, 'a date that exists');
  }
  return parsed(new Date(utc), next);
}

/**
 * A CEF date, as `rt`, `start` and `end` carry them (spec 4.6, restating the ArcSight CEF spec): milliseconds since
 * the epoch, or `MMM dd [yyyy] HH:mm:ss[.SSS] [zone]` with zone `UTC`, `GMT`, `Z` or a numeric offset; also an
 * RFC 3339 timestamp, as FortiWeb sends in `rt`. Undefined when the text is none of these (a named zone such as `PST`
 * included).
 */
export function parseCefTimestamp(value: string, receivedAt: Date): Date | undefined {
  const length = value.length;
  if (length === 0) {
    return undefined;
  }
  const epochMilliseconds = decimalValue(value, 0, length);
  if (epochMilliseconds >= 0) {
    return new Date(epochMilliseconds);
  }
  if (isDigit(value.charCodeAt(0))) {
    const timestamp = parseRfc3339Timestamp(value, 0);
    return timestamp.ok && timestamp.next === length ? timestamp.value : undefined;
  }
  const timestamp = parseMonthDayTimestamp(value, 0, receivedAt);
  if (!timestamp.ok) {
    return undefined;
  }
  let index = timestamp.next;
  if (index === length) {
    return timestamp.value;
  }
  if (value.charCodeAt(index) !== SPACE) {
    return undefined;
  }
  index++;
  const zone = value.slice(index);
  if (zone === 'UTC' || zone === 'GMT' || zone === 'Z') {
    return timestamp.value;
  }
  const offset = numericOffsetAt(value, index);
  if (offset === undefined || offset[1] !== length) {
    return undefined;
  }
  return new Date(timestamp.value.getTime() - offset[0] * MILLISECONDS_PER_MINUTE);
}
