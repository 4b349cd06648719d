import {
  COLON, FULL_STOP, HYPHEN_MINUS, LOW_LINE, RIGHT_SQUARE_BRACKET, SPACE, isAlphanumeric, isDigit,
} from './character-codes';
import type { SyslogEvent } from './parse-syslog';
import { parseMonthDayTimestamp, parseRfc3339Timestamp } from './parse-timestamp';

/** The fields of a legacy (RFC 3164) message after its PRI, with its TAG as sent (`openvpn[30264]:`). */
export type Rfc3164Message = Pick<SyslogEvent, 'timestamp' | 'hostName' | 'appName' | 'processId' | 'message'> & { tag?: string };

/** rsyslog's limits (CONF_HOSTNAME_MAXSIZE, CONF_TAG_MAXSIZE): a longer HOSTNAME is no HOSTNAME, a longer TAG ends. */
const MAX_HOSTNAME_CHARACTERS = 511;
const MAX_TAG_CHARACTERS = 510;

/** rsyslog pmrfc3164: characters of a HOSTNAME. */
function isHostNameCharacter(code: number): boolean {
  return isAlphanumeric(code) || code === FULL_STOP || code === LOW_LINE || code === HYPHEN_MINUS;
}

/** A timestamp at `start` that ends the line or is followed by SP, as [time, index after the SP]. */
function timestampAt(line: string, start: number, receivedAt: Date): [Date, number] | undefined {
  const timestamp = isDigit(line.charCodeAt(start))
    ? parseRfc3339Timestamp(line, start)
    : parseMonthDayTimestamp(line, start, receivedAt);
  if (!timestamp.ok) {
    return undefined;
  }
  if (timestamp.next === line.length) {
    return [timestamp.value, timestamp.next];
  }
  return line.charCodeAt(timestamp.next) === SPACE ? [timestamp.value, timestamp.next + 1] : undefined;
}

/**
 * RFC 3164 §4.1.3: TAG is the name of the program, often followed by `[pid]`, then `:`. Sets `appName` and
 * `processId` of `result` from its TAG: `openvpn[30264]:` gives `openvpn` and `30264`; a TAG without brackets is all
 * name.
 */
function splitTag(result: Rfc3164Message, tag: string): void {
  const end = tag.charCodeAt(tag.length - 1) === COLON ? tag.length - 1 : tag.length;
  const open = tag.indexOf('[');
  if (open >= 0 && end > open + 2 && tag.charCodeAt(end - 1) === RIGHT_SQUARE_BRACKET) {
    if (open > 0) {
      result.appName = tag.slice(0, open);
    }
    result.processId = tag.slice(open + 1, end - 1);
  } else if (end > 0) {
    result.appName = tag.slice(0, end);
  }
}

/**
 * RFC 3164 §4.1.2-§4.1.3 from `start` (after PRI): `TIMESTAMP SP HOSTNAME SP TAG[pid]: CONTENT`, read as rsyslog's
 * pmrfc3164 reads it, since rsyslog on the forwarder is what hands messages to the Azure Monitor Agent:
 *
 * - TIMESTAMP: `Mmm dd hh:mm:ss` (also with a year, or an RFC 3339 timestamp; see the timestamp parsers), also after
 *   one stray leading space; missing or malformed, it is left out (the event time becomes the receive time).
 * - HOSTNAME: letters, digits, `.`, `_`, `-`, ending in a letter or digit and followed by SP or the end of the line;
 *   otherwise there is none (the sender's address stands in). As in rsyslog, this is tried even without TIMESTAMP,
 *   so in `<13>hello world` the host is `hello`.
 * - TAG: everything up to `:` (included) or SP (excluded), at most 510 characters.
 * - MSG: the rest, without the one space that separates it from TAG.
 *
 * Never fails: any text is a message.
 */
export function parseRfc3164(line: string, start: number, receivedAt: Date): Rfc3164Message {
  const length = line.length;
  const result: Rfc3164Message = { message: '' };
  let index = start;
  const timestamp = timestampAt(line, index, receivedAt)
    ?? (line.charCodeAt(index) === SPACE ? timestampAt(line, index + 1, receivedAt) : undefined);
  if (timestamp !== undefined) {
    [result.timestamp, index] = timestamp;
  }

  let hostNameEnd = index;
  while (hostNameEnd < length && hostNameEnd - index < MAX_HOSTNAME_CHARACTERS && isHostNameCharacter(line.charCodeAt(hostNameEnd))) {
    hostNameEnd++;
  }
  if (hostNameEnd > index && (hostNameEnd === length
    || (line.charCodeAt(hostNameEnd) === SPACE && isAlphanumeric(line.charCodeAt(hostNameEnd - 1))))) {
    result.hostName = line.slice(index, hostNameEnd);
    index = hostNameEnd === length ? length : hostNameEnd + 1;
  }

  let tagEnd = index;
  while (tagEnd < length && tagEnd - index < MAX_TAG_CHARACTERS) {
    const code = line.charCodeAt(tagEnd);
    if (code === COLON) {
      tagEnd++;
      break;
    }
    if (code === SPACE) {
      break;
    }
    tagEnd++;
  }
  if (tagEnd > index) {
    result.tag = line.slice(index, tagEnd);
    splitTag(result, result.tag);
  }
  index = line.charCodeAt(tagEnd) === SPACE ? tagEnd + 1 : tagEnd;
  result.message = index === 0 ? line : line.slice(index);
  return result;
}

