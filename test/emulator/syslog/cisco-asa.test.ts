import { findCiscoAsaText, parseCiscoAsa, toCiscoAsaCommonSecurityLogRow } from '../../../emulator/syslog/cisco-asa';
import { parseSyslog } from '../../../emulator/syslog/parse-syslog';

const CONTEXT = { receivedAt: new Date('2025-06-01T12:00:00Z'), senderAddress: '10.0.0.1', collectorHostName: 'forwarder-1' };

test('parses %ASA-<severity>-<id>: text', () => {
  expect(parseCiscoAsa('%ASA-6-302013: Built outbound TCP connection 1 for outside:1.2.3.4/443')).toEqual({
    ok: true, next: 70,
    value: { product: 'ASA', severity: 6, messageId: '302013', message: 'Built outbound TCP connection 1 for outside:1.2.3.4/443' },
  });
  expect(parseCiscoAsa(': %FTD-4-106023: Deny tcp src')).toMatchObject({ ok: true, value: { product: 'FTD', severity: 4, messageId: '106023' } });
});

test.each([
  ['no marker', 'Built outbound TCP connection', 0],
  ['a severity above 7', '%ASA-8-302013: x', 5],
  ['no message ID', '%ASA-6-: x', 7],
  ['no colon after the ID', '%ASA-6-302013 x', 13],
  ['a cut line', '%ASA-6', 5],
])('fails on %s', (_case, message, position) => {
  expect(parseCiscoAsa(message)).toMatchObject({ ok: false, position });
});

test('finds the message after a syslog header, and when the syslog parser took it for the TAG', () => {
  const withHeader = parseSyslog('<166>Mar 29 2024 10:00:00 asa01 : %ASA-6-302013: Built outbound', CONTEXT.receivedAt);
  const bare = parseSyslog('<166>%ASA-6-302013: Built outbound', CONTEXT.receivedAt);
  if (!withHeader.ok || !bare.ok) {
    throw new Error('syslog failed');
  }
  expect(findCiscoAsaText(withHeader.value)).toBe('%ASA-6-302013: Built outbound');
  expect(findCiscoAsaText(bare.value)).toBe('%ASA-6-302013: Built outbound');
  const asa = parseCiscoAsa(findCiscoAsaText(withHeader.value));
  expect(asa.ok && toCiscoAsaCommonSecurityLogRow(asa.value, withHeader.value, CONTEXT)).toEqual({
    TimeGenerated: CONTEXT.receivedAt, Computer: 'asa01', CollectorHostName: 'forwarder-1', SourceSystem: 'OpsManager',
    DeviceVendor: 'Cisco', DeviceProduct: 'ASA', DeviceEventClassID: '302013', LogSeverity: '6', Message: 'Built outbound',
  });
});
