/**
 * A query window's bound as a Codeless Connector poller writes it (`request.queryTimeFormat`): `UnixTimestamp`
 * (seconds), `UnixTimestampInMills` (milliseconds), or a .NET custom date and time format string, always in UTC.
 * The .NET specifiers read here are those a query time needs: `yyyy`, `yy`, `MM`, `M`, `dd`, `d`, `HH`, `H`, `hh`,
 * `h`, `mm`, `m`, `ss`, `s`, `f` to `fffffff` and `F` to `FFFFFFF`, `tt`, `K`, `z`, `zz`, `zzz`, quoted literals
 * (`'T'`, `"Z"`), `\` escapes and the `:` and `/` separators (invariant culture); any other character is a literal,
 * as in .NET. ("Custom date and time format strings", .NET docs.)
 */

/** The format when a poller names none: ISO 8601 in UTC to the second. */
export const DEFAULT_QUERY_TIME_FORMAT = 'yyyy-MM-ddTHH:mm:ssZ';

/** Specifiers the formatter does not read: a poller that uses them is refused at load with their name. */
const UNSUPPORTED = /^(ddd+|MMM+|g+)$/;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Writes `time` in `format`; throws for a specifier it cannot write (day and month names, eras). */
export function formatQueryTime(time: Date, format: string = DEFAULT_QUERY_TIME_FORMAT): string {
  if (format === 'UnixTimestamp') {
    return String(Math.floor(time.getTime() / 1000));
  }
  if (format === 'UnixTimestampInMills') {
    return String(time.getTime());
  }
  let out = '';
  for (let at = 0; at < format.length;) {
    const char = format[at];
    if (char === '\'' || char === '"') {
      const end = format.indexOf(char, at + 1);
      if (end < 0) {
        throw new Error(`queryTimeFormat "${format}": the quote at ${at + 1} is not closed`);
      }
      out += format.slice(at + 1, end);
      at = end + 1;
      continue;
    }
    if (char === '\\') {
      out += format[at + 1] ?? '';
      at += 2;
      continue;
    }
    let run = 1;
    while (format[at + run] === char) {
      run++;
    }
    const token = format.slice(at, at + run);
    out += specifier(time, token, format);
    at += run;
  }
  return out;
}

function specifier(time: Date, token: string, format: string): string {
  if (UNSUPPORTED.test(token)) {
    throw new Error(`queryTimeFormat "${format}": the emulator does not write "${token}" (names of days, months or eras)`);
  }
  const fraction = String(time.getUTCMilliseconds()).padStart(3, '0') + '0000';
  switch (token[0]) {
    case 'y': return token.length === 2 ? pad(time.getUTCFullYear() % 100, 2) : pad(time.getUTCFullYear(), Math.max(token.length, 1));
    case 'M': return pad(time.getUTCMonth() + 1, token.length);
    case 'd': return pad(time.getUTCDate(), token.length);
    case 'H': return pad(time.getUTCHours(), token.length);
    case 'h': return pad(time.getUTCHours() % 12 === 0 ? 12 : time.getUTCHours() % 12, token.length);
    case 'm': return pad(time.getUTCMinutes(), token.length);
    case 's': return pad(time.getUTCSeconds(), token.length);
    case 'f': return fraction.slice(0, Math.min(token.length, 7));
    case 'F': return fraction.slice(0, Math.min(token.length, 7)).replace(/0+$/, '');
    case 't': return (time.getUTCHours() < 12 ? 'AM' : 'PM').slice(0, token.length);
    case 'K': return 'Z'.repeat(token.length);
    case 'z': return token.length === 1 ? '+0' : token.length === 2 ? '+00' : '+00:00';
    default: return token;
  }
}
