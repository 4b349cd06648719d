import { SYSLOG_TABLE } from '../../../model/tables/syslog';
import { parseSyslog } from '../../../emulator/syslog/parse-syslog';
import { hostAddress, processIdNumber, toSyslogRow } from '../../../emulator/syslog/syslog-to-row';

const CONTEXT = { receivedAt: new Date('2025-06-01T12:00:00Z'), senderAddress: '10.0.0.7', collectorHostName: 'forwarder-1' };

function rowOf(line: string, context = CONTEXT) {
  const result = parseSyslog(line, context.receivedAt);
  if (!result.ok) {
    throw new Error('syslog failed');
  }
  return toSyslogRow(result.value, context);
}

test('fills every writable Syslog column (spec 4.1)', () => {
  const row = rowOf('<86>May 21 11:17:33 demo-host.local sshd[30264]: Accepted publickey for azureuser');
  expect(row).toEqual({
    TimeGenerated: CONTEXT.receivedAt, Computer: 'demo-host.local', EventTime: new Date('2025-05-21T11:17:33Z'),
    Facility: 'authpriv', HostName: 'demo-host.local', SeverityLevel: 'info', SyslogMessage: 'Accepted publickey for azureuser',
    ProcessID: 30264, HostIP: '10.0.0.7', ProcessName: 'sshd', CollectorHostName: 'forwarder-1', SourceSystem: 'Linux',
  });
  const writable = SYSLOG_TABLE.columns.filter((column) => column.reserved !== true).map((column) => column.name);
  expect(Object.keys(row).sort()).toEqual([...writable].sort());
});

test('without HOSTNAME or TIMESTAMP, the sender\'s address and the receive time stand in', () => {
  expect(rowOf('<13>CEF:0|x')).toMatchObject({
    HostName: '10.0.0.7', Computer: '10.0.0.7', EventTime: CONTEXT.receivedAt, ProcessName: 'CEF', ProcessID: null,
  });
});

test('an RFC 5424 message stores MSG only', () => {
  expect(rowOf('<165>1 2003-10-11T22:14:15.003Z host evntslog 77 ID47 [id a="1"] text')).toMatchObject({
    SyslogMessage: 'text', ProcessName: 'evntslog', ProcessID: 77, Facility: 'local4', SeverityLevel: 'notice',
    EventTime: new Date('2003-10-11T22:14:15.003Z'),
  });
});

test('ProcessID is a number only when the PID is one that fits an int', () => {
  expect([processIdNumber('1'), processIdNumber('2147483647')]).toEqual([1, 2_147_483_647]);
  expect([undefined, '', 'abc', '-1', '+1', '2147483648', '1.5'].map(processIdNumber)).toEqual(Array(7).fill(null));
});

test('an IPv4-mapped sender address is written as IPv4', () => {
  expect(hostAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
  expect(hostAddress('::ffff:abcd')).toBe('::ffff:abcd');
  expect(hostAddress('fe80::1')).toBe('fe80::1');
  expect(rowOf('<13>x y', { ...CONTEXT, senderAddress: '::ffff:10.1.2.3' }).HostIP).toBe('10.1.2.3');
});
