import { GREATER_THAN_SIGN, LESS_THAN_SIGN, DIGIT_ZERO, isDigit } from './character-codes';
import { ParseResult, failed, parsed } from './parse-result';

/** Facility and severity of a syslog message. */
export interface SyslogPriority {
  /** 0 (kern) to 23 (local7). */
  readonly facility: number;
  /** 0 (emergency) to 7 (debug). */
  readonly severity: number;
}

/** The highest PRI: facility 23 (local7) × 8 + severity 7 (debug) (RFC 5424 §6.2.1). */
export const MAX_PRIORITY = 191;

/**
 * The priority of a message without a valid PRI: RFC 3164 §4.3.3 has a relay give it PRI 13, facility 1 (user) and
 * severity 5 (notice); rsyslog, which forwards to the Azure Monitor Agent, does the same (`DEFUPRI`).
 */
export const DEFAULT_PRIORITY: SyslogPriority = { facility: 1, severity: 5 };

/**
 * RFC 5424 §6.2.1: `<PRI>` with PRI = facility × 8 + severity, 1 to 3 digits, at most 191. Leading zeros are taken
 * (`<013>`), as rsyslog takes them; RFC 5424 forbids them but senders write them.
 */
export function parsePriority(line: string, start: number): ParseResult<SyslogPriority> {
  const expected = '<PRI> with PRI from 0 to 191';
  if (line.charCodeAt(start) !== LESS_THAN_SIGN) {
    return failed(start, expected);
  }
  let index = start + 1;
  let value = 0;
  for (; index < start + 4 && isDigit(line.charCodeAt(index)); index++) {
    value = value * 10 + (line.charCodeAt(index) - DIGIT_ZERO);
  }
  if (index === start + 1 || value > MAX_PRIORITY) {
    return failed(start + 1, expected);
  }
  if (line.charCodeAt(index) !== GREATER_THAN_SIGN) {
    return failed(index, expected);
  }
  return parsed({ facility: value >> 3, severity: value & 7 }, index + 1);
}
