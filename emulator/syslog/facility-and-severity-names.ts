import { SyslogFacility, SyslogLogLevel } from '../../model/syslog/facilities-and-levels';

/**
 * Facility names by number (spec 4.2; RFC 5424 §6.2.1 table 1), spelled as a DCR's `facilityNames` spells them:
 * 13 is `audit` (log audit), 14 `alert` (log alert), 15 `clock` (clock daemon). `mark` and `nopri` have no number:
 * a message without PRI reaches the agent as user (see `DEFAULT_PRIORITY`), so the parser never yields them.
 */
const FACILITY_NAMES: readonly SyslogFacility[] = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp',
  'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

/**
 * Severity names by number as the Syslog table's `SeverityLevel` holds them: rsyslog's short names (RFC 5424 §6.2.1
 * table 2 gives the meanings). UNCONFIRMED (spec 4.1 and "Not confirmed" 3): no Microsoft page states the stored
 * strings. Chosen because the Log Analytics portal's filter pane, built from stored values, offers `err` and writes
 * `Syslog | where SeverityLevel == "err"` (azure-docs, Log Analytics tutorial "View data"); other Microsoft sample
 * queries write `"error"`, which this choice does not match.
 */
const SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** A value of the Syslog table's `SeverityLevel` column. */
export type SeverityName = (typeof SEVERITY_NAMES)[number];

/**
 * DCR `logLevels` names by severity number (spec 3.2): 0 `Emergency` to 7 `Debug`.
 */
const DATA_COLLECTION_RULE_LEVELS: readonly SyslogLogLevel[] = [
  'Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Info', 'Debug',
];

/**
 * The facility name of a facility number 0-23 (`4` is `auth`, `20` is `local4`). Any other number has no facility:
 * it gets `nopri`, the DCR name for "no PRI" (its mapping is UNCONFIRMED, spec 4.2); the syslog parser never yields one.
 */
export function facilityName(facility: number): SyslogFacility {
  return FACILITY_NAMES[facility] ?? 'nopri';
}

/** The `SeverityLevel` string of a severity number 0-7 (`3` is `err`); only the low three bits are read (PRI & 7). */
export function severityName(severity: number): SeverityName {
  return SEVERITY_NAMES[severity & 7];
}

/**
 * The DCR `logLevels` name of a severity number 0-7 (`3` is `Error`), so that a syslog data source's level set can be
 * matched against a message; only the low three bits are read (PRI & 7).
 */
export function dataCollectionRuleLevel(severity: number): SyslogLogLevel {
  return DATA_COLLECTION_RULE_LEVELS[severity & 7];
}
