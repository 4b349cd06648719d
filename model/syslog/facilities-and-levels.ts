/**
 * Facility names a DCR syslog data source accepts (`facilityNames`), as azurerm 4.55 lists them.
 * `*` means every facility.
 */
export const SYSLOG_FACILITY_NAMES = [
  '*', 'alert', 'audit', 'auth', 'authpriv', 'clock', 'cron', 'daemon', 'ftp', 'kern',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
  'lpr', 'mail', 'mark', 'news', 'nopri', 'ntp', 'syslog', 'user', 'uucp',
] as const;

/** A syslog facility name as a DCR spells it. */
export type SyslogFacility = (typeof SYSLOG_FACILITY_NAMES)[number];

/**
 * Log levels a DCR syslog data source accepts (`logLevels`), from the least to the most severe.
 * `*` means every level.
 */
export const SYSLOG_LOG_LEVELS = ['Debug', 'Info', 'Notice', 'Warning', 'Error', 'Critical', 'Alert', 'Emergency'] as const;

/** A syslog level as a DCR spells it. */
export type SyslogLogLevel = (typeof SYSLOG_LOG_LEVELS)[number];

/** Every value of `logLevels`: the levels and the `*` wildcard. */
export type SyslogLogLevelValue = SyslogLogLevel | '*';

/** At most this many facility names per syslog data source (Azure Monitor DCR limits). */
export const MAX_FACILITY_NAMES_PER_SYSLOG_SOURCE = 20;

/** True when `value` is a facility name a DCR accepts. */
export function isSyslogFacility(value: string): value is SyslogFacility {
  return (SYSLOG_FACILITY_NAMES as readonly string[]).includes(value);
}

/** True when `value` is a level or `*`. */
export function isSyslogLogLevelValue(value: string): value is SyslogLogLevelValue {
  return value === '*' || (SYSLOG_LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * The explicit level set for a minimum level: that level and every more severe one, as the portal writes it.
 *
 * In a DCR `logLevels` is a set, not a minimum; `Warning` expands to
 * `["Warning", "Error", "Critical", "Alert", "Emergency"]`.
 */
export function expandMinimumLevel(minimumLevel: SyslogLogLevel): SyslogLogLevel[] {
  return SYSLOG_LOG_LEVELS.slice(SYSLOG_LOG_LEVELS.indexOf(minimumLevel));
}
