import { KqlTimespan, KqlValue, Row } from '../../values';
import { toDatetime, toKqlString, toLong, toReal, toTimespan } from '../value-conversions';
import { constantArgument, converted1, ScalarCall, ScalarFunction } from './scalar-function';

/** Datetime and timespan functions (KQL reference, "Date and time functions"). All in UTC. */

const DAY = 86_400_000;

/** `now([offset])`: the clock's time (fixed for a query; read once per record in a transformation). */
const now: ScalarFunction = (call) => {
  const clock = call.context.clock;
  const [offset] = call.args;
  if (offset === undefined) {
    return () => clock.now();
  }
  return (row) => {
    const span = toTimespan(offset(row));
    return span === null ? null : new Date(clock.now().getTime() + span.milliseconds);
  };
};

/** `ago(timespan)`: now minus the timespan; computed once per clock reading when the timespan is constant. */
const ago: ScalarFunction = (call) => {
  const clock = call.context.clock;
  const [span] = call.args;
  const constant = constantArgument(call, 0);
  if (constant !== undefined) {
    const milliseconds = toTimespan(constant.value)?.milliseconds;
    if (milliseconds === undefined) {
      return () => null;
    }
    let seen: Date | undefined;
    let result: Date | undefined;
    return () => {
      const current = clock.now();
      if (current !== seen) {
        seen = current;
        result = new Date(current.getTime() - milliseconds);
      }
      return result as Date;
    };
  }
  return (row) => {
    const value = toTimespan(span(row));
    return value === null ? null : new Date(clock.now().getTime() - value.milliseconds);
  };
};

/** A function of a datetime argument and an optional whole-number offset (`startofday(date [, offset])`). */
function withOffset(apply: (date: Date, offset: number) => number): ScalarFunction {
  return (call) => {
    const [date, offsetArgument] = call.args;
    return (row) => {
      const value = toDatetime(date(row));
      const offset = offsetArgument === undefined ? 0 : toLong(offsetArgument(row));
      return value === null || offset === null ? null : new Date(apply(value, offset));
    };
  };
}

function startOfDay(date: Date, offset: number): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + offset);
}

function startOfWeek(date: Date, offset: number): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - date.getUTCDay() + 7 * offset);
}

function startOfMonth(date: Date, offset: number): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
}

function startOfYear(date: Date, offset: number): number {
  return Date.UTC(date.getUTCFullYear() + offset, 0, 1);
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeekOfYear(date: Date): number {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(day - weekday * DAY + 3 * DAY);
  const firstThursdayYear = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return 1 + Math.floor((thursday.getTime() - firstThursdayYear) / (7 * DAY));
}

function dayOfYear(date: Date): number {
  return 1 + Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
    - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY);
}

/** Fractional milliseconds are kept in datetimes only to the millisecond. */
function datetimePart(part: string, date: Date): number | null {
  switch (part.toLowerCase()) {
    case 'year': return date.getUTCFullYear();
    case 'quarter': return Math.floor(date.getUTCMonth() / 3) + 1;
    case 'month': return date.getUTCMonth() + 1;
    case 'week_of_year': case 'weekofyear': case 'week': return isoWeekOfYear(date);
    case 'day': return date.getUTCDate();
    case 'dayofyear': return dayOfYear(date);
    case 'hour': return date.getUTCHours();
    case 'minute': return date.getUTCMinutes();
    case 'second': return date.getUTCSeconds();
    case 'millisecond': return date.getUTCMilliseconds();
    case 'microsecond': return date.getUTCMilliseconds() * 1000;
    case 'nanosecond': return date.getUTCMilliseconds() * 1_000_000;
    default: return null;
  }
}

/** Adds whole months, keeping the day of month when it exists in the target month (else its last day). */
function addMonths(date: Date, months: number): number {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(),
    date.getUTCSeconds(), date.getUTCMilliseconds());
}

const PART_MILLISECONDS: Record<string, number> = {
  week: 7 * DAY, day: DAY, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1,
  microsecond: 0.001, nanosecond: 0.000001,
};

function datetimeAdd(part: string, amount: number, date: Date): number | null {
  const name = part.toLowerCase();
  switch (name) {
    case 'year': return addMonths(date, 12 * amount);
    case 'quarter': return addMonths(date, 3 * amount);
    case 'month': return addMonths(date, amount);
    default: {
      const unit = PART_MILLISECONDS[name];
      return unit === undefined ? null : date.getTime() + amount * unit;
    }
  }
}

/** `datetime_diff(part, date1, date2)`: how many part boundaries lie between date2 and date1 (date1 - date2). */
function datetimeDiff(part: string, first: Date, second: Date): number | null {
  const name = part.toLowerCase();
  const months = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();
  switch (name) {
    case 'year': return first.getUTCFullYear() - second.getUTCFullYear();
    case 'quarter': return Math.floor(months(first) / 3) - Math.floor(months(second) / 3);
    case 'month': return months(first) - months(second);
    case 'week': return Math.round((startOfWeek(first, 0) - startOfWeek(second, 0)) / (7 * DAY));
    case 'day': return Math.round((startOfDay(first, 0) - startOfDay(second, 0)) / DAY);
    default: {
      const unit = PART_MILLISECONDS[name];
      return unit === undefined ? null : Math.floor(first.getTime() / unit) - Math.floor(second.getTime() / unit);
    }
  }
}

/** A part name that is a constant (`datetime_part("hour", ...)`), read once. */
function partName(call: ScalarCall): (row: Row) => string {
  const constant = constantArgument(call, 0);
  if (constant !== undefined) {
    const name = toKqlString(constant.value);
    return () => name;
  }
  const [argument] = call.args;
  return (row) => toKqlString(argument(row));
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** `format_datetime(date, format)` with the .NET-style specifiers KQL documents (`yyyy-MM-dd HH:mm:ss.fff tt`). */
function formatDatetimeWith(date: Date, format: string): string {
  return format.replace(/yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|f{1,7}|F{1,7}|tt/g, (token) => {
    const hours = date.getUTCHours();
    switch (token) {
      case 'yyyy': return pad(date.getUTCFullYear(), 4);
      case 'yy': return pad(date.getUTCFullYear() % 100, 2);
      case 'MM': return pad(date.getUTCMonth() + 1, 2);
      case 'M': return String(date.getUTCMonth() + 1);
      case 'dd': return pad(date.getUTCDate(), 2);
      case 'd': return String(date.getUTCDate());
      case 'HH': return pad(hours, 2);
      case 'H': return String(hours);
      case 'hh': return pad(hours % 12 === 0 ? 12 : hours % 12, 2);
      case 'h': return String(hours % 12 === 0 ? 12 : hours % 12);
      case 'mm': return pad(date.getUTCMinutes(), 2);
      case 'm': return String(date.getUTCMinutes());
      case 'ss': return pad(date.getUTCSeconds(), 2);
      case 's': return String(date.getUTCSeconds());
      case 'tt': return hours < 12 ? 'AM' : 'PM';
      default: {
        const digits = `${pad(date.getUTCMilliseconds(), 3)}0000`.slice(0, token.length);
        return token.startsWith('F') ? digits.replace(/0+$/, '') : digits;
      }
    }
  });
}

/** A function of a datetime argument giving a number. */
function ofDate(apply: (date: Date) => KqlValue): ScalarFunction {
  return converted1(toDatetime, apply);
}

export const DATETIME_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  now,
  ago,
  startofday: withOffset(startOfDay),
  startofweek: withOffset(startOfWeek),
  startofmonth: withOffset(startOfMonth),
  startofyear: withOffset(startOfYear),
  endofday: withOffset((date, offset) => startOfDay(date, offset + 1) - 1),
  endofweek: withOffset((date, offset) => startOfWeek(date, offset + 1) - 1),
  endofmonth: withOffset((date, offset) => startOfMonth(date, offset + 1) - 1),
  endofyear: withOffset((date, offset) => startOfYear(date, offset + 1) - 1),
  dayofmonth: ofDate((date) => date.getUTCDate()),
  dayofweek: ofDate((date) => new KqlTimespan(date.getUTCDay() * DAY)),
  dayofyear: ofDate(dayOfYear),
  hourofday: ofDate((date) => date.getUTCHours()),
  getmonth: ofDate((date) => date.getUTCMonth() + 1),
  monthofyear: ofDate((date) => date.getUTCMonth() + 1),
  getyear: ofDate((date) => date.getUTCFullYear()),
  weekofyear: ofDate(isoWeekOfYear),
  week_of_year: ofDate(isoWeekOfYear),
  datetime_part: (call) => {
    const part = partName(call);
    const [, date] = call.args;
    return (row) => {
      const value = toDatetime(date(row));
      return value === null ? null : datetimePart(part(row), value);
    };
  },
  datetime_add: (call) => {
    const part = partName(call);
    const [, amount, date] = call.args;
    return (row) => {
      const value = toDatetime(date(row));
      const count = toLong(amount(row));
      if (value === null || count === null) {
        return null;
      }
      const time = datetimeAdd(part(row), count, value);
      return time === null ? null : new Date(time);
    };
  },
  datetime_diff: (call) => {
    const part = partName(call);
    const [, first, second] = call.args;
    return (row) => {
      const left = toDatetime(first(row));
      const right = toDatetime(second(row));
      return left === null || right === null ? null : datetimeDiff(part(row), left, right);
    };
  },
  make_datetime: (call) => {
    const parts = call.args;
    return (row) => {
      const values = parts.map((part, index) => (index === 5 ? toReal(part(row)) : toLong(part(row))));
      if (values.some((value) => value === null)) {
        return null;
      }
      const [year, month, day, hour = 0, minute = 0, second = 0] = values as number[];
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        return null;
      }
      const whole = Math.floor(second);
      return new Date(Date.UTC(year, month - 1, day, hour, minute, whole) + (second - whole) * 1000);
    };
  },
  make_timespan: (call) => {
    const parts = call.args;
    return (row) => {
      const values = parts.map((part) => toReal(part(row)));
      if (values.some((value) => value === null)) {
        return null;
      }
      const numbers = values as number[];
      const [days, hours, minutes, seconds] = numbers.length === 4 ? numbers
        : numbers.length === 3 ? [0, ...numbers] : [0, numbers[0], numbers[1] ?? 0, 0];
      return new KqlTimespan(days * DAY + hours * 3_600_000 + minutes * 60_000 + seconds * 1000);
    };
  },
  unixtime_seconds_todatetime: converted1(toReal, (value) => new Date(value * 1000)),
  unixtime_milliseconds_todatetime: converted1(toReal, (value) => new Date(value)),
  unixtime_microseconds_todatetime: converted1(toReal, (value) => new Date(value / 1000)),
  unixtime_nanoseconds_todatetime: converted1(toReal, (value) => new Date(value / 1_000_000)),
  format_datetime: (call) => {
    const [date, format] = call.args;
    return (row) => {
      const value = toDatetime(date(row));
      return value === null ? '' : formatDatetimeWith(value, toKqlString(format(row)));
    };
  },
};
