import { isSyslogFacility, SYSLOG_LOG_LEVELS } from '../../../model/syslog/facilities-and-levels';
import { dataCollectionRuleLevel, facilityName, severityName } from '../../../emulator/syslog/facility-and-severity-names';

test('facility numbers 0-23 have the names a DCR uses (spec 4.2)', () => {
  const names = Array.from({ length: 24 }, (_, facility) => facilityName(facility));
  expect(names).toEqual([
    'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp',
    'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
  ]);
  expect(names.every(isSyslogFacility)).toBe(true);
});

test('a number without a facility is nopri', () => {
  expect(facilityName(24)).toBe('nopri');
  expect(facilityName(-1)).toBe('nopri');
  expect(facilityName(1.5)).toBe('nopri');
});

test('severities have rsyslog\'s short names in SeverityLevel (UNCONFIRMED choice)', () => {
  expect(Array.from({ length: 8 }, (_, severity) => severityName(severity)))
    .toEqual(['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug']);
});

test('severities map to the DCR logLevels names, so a level set can be matched', () => {
  expect(Array.from({ length: 8 }, (_, severity) => dataCollectionRuleLevel(severity)))
    .toEqual(['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Info', 'Debug']);
  expect([...SYSLOG_LOG_LEVELS].reverse()).toEqual(Array.from({ length: 8 }, (_, severity) => dataCollectionRuleLevel(severity)));
});

test('only the low three bits of a severity are read (PRI & 7)', () => {
  expect(severityName(164)).toBe('warning');
  expect(dataCollectionRuleLevel(164)).toBe('Warning');
});
