import { CARRIAGE_RETURN, LINE_FEED, NUL } from './character-codes';
import { DEFAULT_PRIORITY, parsePriority } from './parse-priority';
import { ParseResult, failed, parsed } from './parse-result';
import { parseRfc3164 } from './parse-rfc3164';
import { isRfc5424Version, parseRfc5424 } from './parse-rfc5424';
import { StructuredDataElement } from './parse-structured-data';

export { dataCollectionRuleLevel, facilityName, severityName } from './facility-and-severity-names';

/** One syslog message, its header fields parsed. */
export interface SyslogEvent {
  /** 0 (kern) to 23 (local7); 1 (user) when the message has no valid PRI. */
  facility: number;
  /** 0 (emergency) to 7 (debug); 5 (notice) when the message has no valid PRI. */
  severity: number;
  /** False when the line had no valid `<PRI>` and got the default user.notice (RFC 3164 §4.3.3). */
  hasPriority: boolean;
  /** `rfc5424` with a VERSION 1 header; `rfc3164` with a legacy timestamp; `unknown` when neither was found. */
  format: 'rfc5424' | 'rfc3164' | 'unknown';
  /** TIMESTAMP of the header, when there was a valid one. */
  timestamp?: Date;
  /** HOSTNAME of the header. */
  hostName?: string;
  /** APP-NAME (RFC 5424) or the TAG's program name (RFC 3164). */
  appName?: string;
  /** PROCID (RFC 5424) or the TAG's `[pid]` (RFC 3164). */
  processId?: string;
  /** MSGID (RFC 5424 only). */
  messageId?: string;
  /** STRUCTURED-DATA elements (RFC 5424 only); undefined for the NILVALUE. */
  structuredData?: StructuredDataElement[];
  /** MSG: the text after the header. */
  message: string;
}

/**
 * The end of `line` without the trailer rsyslog drops on receipt (runtime/parser.c sanitizeMessage): one NUL, then
 * one LF (with the CR of a CRLF).
 */
function endWithoutTrailer(line: string): number {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === NUL) {
    end--;
  }
  if (end > 0 && line.charCodeAt(end - 1) === LINE_FEED) {
    end--;
    if (end > 0 && line.charCodeAt(end - 1) === CARRIAGE_RETURN) {
      end--;
    }
  }
  return end;
}

/**
 * One syslog message, as the forwarder (rsyslog, then the Azure Monitor Agent) reads it:
 *
 * - `<PRI>` (RFC 5424 §6.2.1); without a valid one (none, above 191, not digits, no `>`) the event gets
 *   facility user and severity notice (RFC 3164 §4.3.3, PRI 13) and the whole line is parsed as the rest;
 * - VERSION `1` after PRI: RFC 5424 (see {@link parseRfc5424});
 * - anything else: RFC 3164 (see {@link parseRfc3164}), with the year of a legacy timestamp taken from `receivedAt`.
 *
 * Fails only on an empty line; every other line, binary garbage included, is a message.
 */
export function parseSyslog(line: string, receivedAt: Date): ParseResult<SyslogEvent> {
  const end = endWithoutTrailer(line);
  if (end === 0) {
    return failed(0, 'a syslog message');
  }
  const text = end === line.length ? line : line.slice(0, end);
  const priority = parsePriority(text, 0);
  const { facility, severity } = priority.ok ? priority.value : DEFAULT_PRIORITY;
  const start = priority.ok ? priority.next : 0;
  if (priority.ok && isRfc5424Version(text, start)) {
    const header = parseRfc5424(text, start);
    if (header.ok) {
      return parsed({ facility, severity, hasPriority: true, format: 'rfc5424', ...header.value }, line.length);
    }
  }
  const header = parseRfc3164(text, start, receivedAt);
  const format = header.timestamp === undefined ? 'unknown' : 'rfc3164';
  const event: SyslogEvent = { facility, severity, hasPriority: priority.ok, format, message: header.message };
  if (header.timestamp !== undefined) {
    event.timestamp = header.timestamp;
  }
  if (header.hostName !== undefined) {
    event.hostName = header.hostName;
  }
  if (header.appName !== undefined) {
    event.appName = header.appName;
  }
  if (header.processId !== undefined) {
    event.processId = header.processId;
  }
  return parsed(event, line.length);
}
