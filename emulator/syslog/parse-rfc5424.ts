import { BYTE_ORDER_MARK, DIGIT_ZERO, HYPHEN_MINUS, SPACE } from './character-codes';
import { ParseResult, failed, parsed } from './parse-result';
import { parseStructuredData } from './parse-structured-data';
import type { SyslogEvent } from './parse-syslog';
import { parseRfc3339Timestamp } from './parse-timestamp';

/** The fields of an RFC 5424 message after its PRI. */
export type Rfc5424Message = Pick<SyslogEvent, 'timestamp' | 'hostName' | 'appName' | 'processId' | 'messageId' | 'structuredData' | 'message'>;

/** RFC 5424 §6.2: the header fields after TIMESTAMP, in order. */
const HEADER_FIELDS = ['hostName', 'appName', 'processId', 'messageId'] as const;

/** The index of the next SP at or after `start`, or the length of `line`. */
function tokenEnd(line: string, start: number): number {
  const space = line.indexOf(' ', start);
  return space < 0 ? line.length : space;
}

/** RFC 5424 §6.2: whether `line[start, end)` is the NILVALUE `-` or empty. */
function isNil(line: string, start: number, end: number): boolean {
  return end === start || (end === start + 1 && line.charCodeAt(start) === HYPHEN_MINUS);
}

/** RFC 5424 §6.4: MSG, without the BOM that marks it as UTF-8. */
function messageFrom(line: string, start: number): string {
  return line.charCodeAt(start) === BYTE_ORDER_MARK ? line.slice(start + 1) : line.slice(start);
}

/** True when an RFC 5424 VERSION `1` and SP start at `start` (RFC 5424 §6.2.2; rsyslog tests the same two characters). */
export function isRfc5424Version(line: string, start: number): boolean {
  return line.charCodeAt(start) === DIGIT_ZERO + 1 && line.charCodeAt(start + 1) === SPACE;
}

/**
 * RFC 5424 §6: what follows PRI, `VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP
 * STRUCTURED-DATA [SP MSG]`, from `start` (the VERSION). Fails only when VERSION is not `1`; past it, parsing is
 * best-effort: a field missing from a truncated line stays undefined, a malformed TIMESTAMP is left out (the event
 * time becomes the receive time), and malformed STRUCTURED-DATA is left out with the rest of the line kept as MSG.
 */
export function parseRfc5424(line: string, start: number): ParseResult<Rfc5424Message> {
  if (!isRfc5424Version(line, start)) {
    return failed(start, 'VERSION 1 and a space');
  }
  const length = line.length;
  const result: Rfc5424Message = { message: '' };
  let index = start + 2;
  let end = tokenEnd(line, index);
  if (!isNil(line, index, end)) {
    const timestamp = parseRfc3339Timestamp(line, index);
    if (timestamp.ok && timestamp.next === end) {
      result.timestamp = timestamp.value;
    }
  }
  for (const field of HEADER_FIELDS) {
    if (end >= length) {
      return parsed(result, length);
    }
    index = end + 1;
    end = tokenEnd(line, index);
    if (!isNil(line, index, end)) {
      result[field] = line.slice(index, end);
    }
  }
  if (end >= length) {
    return parsed(result, length);
  }
  index = end + 1;
  const structuredData = parseStructuredData(line, index);
  if (!structuredData.ok || (structuredData.next < length && line.charCodeAt(structuredData.next) !== SPACE)) {
    result.message = messageFrom(line, index);
    return parsed(result, length);
  }
  if (structuredData.value.length > 0) {
    result.structuredData = structuredData.value;
  }
  if (structuredData.next < length) {
    result.message = messageFrom(line, structuredData.next + 1);
  }
  return parsed(result, length);
}
