import { parseRfc3164 } from '../../../emulator/syslog/parse-rfc3164';

const RECEIVED_AT = new Date('2025-06-01T12:00:00Z');

describe('RFC 3164 §4.1.2 HEADER', () => {
  test('reads TIMESTAMP and HOSTNAME, the year from the receive time', () => {
    expect(parseRfc3164('Oct 11 22:14:15 mymachine su: \'su root\' failed', 0, RECEIVED_AT)).toEqual({
      timestamp: new Date('2024-10-11T22:14:15Z'), hostName: 'mymachine', tag: 'su:', appName: 'su', message: '\'su root\' failed',
    });
    expect(parseRfc3164('May 18 16:02:00 radiflow-labs-isid radiflow-labs-isid[1] CEF:0|radiflow', 0, RECEIVED_AT)).toMatchObject({
      timestamp: new Date('2025-05-18T16:02:00Z'), hostName: 'radiflow-labs-isid',
    });
  });

  test('takes a space-padded day, a zero-padded day and any letter case', () => {
    expect(parseRfc3164('Aug  3 10:49:35 Barracuda x', 0, RECEIVED_AT).timestamp).toEqual(new Date('2024-08-03T10:49:35Z'));
    expect(parseRfc3164('May 06 12:31:17 host x', 0, RECEIVED_AT).timestamp).toEqual(new Date('2025-05-06T12:31:17Z'));
    expect(parseRfc3164('MAY 6 12:31:17 host x', 0, RECEIVED_AT).timestamp).toEqual(new Date('2025-05-06T12:31:17Z'));
  });

  test('takes a year between day and time (Cisco) and an RFC 3339 timestamp, as rsyslog does', () => {
    expect(parseRfc3164('Mar 29 2021 10:00:00 asa01 : %ASA-6-302013: Built', 0, RECEIVED_AT)).toMatchObject({
      timestamp: new Date('2021-03-29T10:00:00Z'), hostName: 'asa01', message: '%ASA-6-302013: Built',
    });
    expect(parseRfc3164('2024-01-02T03:04:05+01:00 host app: text', 0, RECEIVED_AT)).toMatchObject({
      timestamp: new Date('2024-01-02T02:04:05Z'), hostName: 'host', appName: 'app', message: 'text',
    });
  });

  test('skips one stray space before the timestamp (HP ProCurve, as rsyslog)', () => {
    expect(parseRfc3164(' Oct 11 22:14:15 host app: x', 0, RECEIVED_AT).hostName).toBe('host');
  });

  test('a malformed timestamp is no timestamp', () => {
    expect(parseRfc3164('Oct 32 22:14:15 host app: x', 0, RECEIVED_AT).timestamp).toBeUndefined();
    expect(parseRfc3164('Oct 11 24:14:15 host app: x', 0, RECEIVED_AT).timestamp).toBeUndefined();
    expect(parseRfc3164('Oct 11 22:14:15host app: x', 0, RECEIVED_AT).timestamp).toBeUndefined();
    expect(parseRfc3164('Foo 11 22:14:15 host app: x', 0, RECEIVED_AT).timestamp).toBeUndefined();
  });
});

describe('the year of a timestamp without one', () => {
  test('is the year of the receive time', () => {
    expect(parseRfc3164('Jan  1 23:00:00 h a', 0, new Date('2025-01-01T00:10:00Z')).timestamp).toEqual(new Date('2025-01-01T23:00:00Z'));
  });

  test('rolls back a year when the timestamp would be more than a day in the future', () => {
    expect(parseRfc3164('Dec 31 23:59:00 h a', 0, new Date('2025-01-01T00:10:00Z')).timestamp).toEqual(new Date('2024-12-31T23:59:00Z'));
    expect(parseRfc3164('Jan  2 01:00:00 h a', 0, new Date('2025-01-01T00:10:00Z')).timestamp).toEqual(new Date('2024-01-02T01:00:00Z'));
  });

  test('puts 29 February in the latest leap year that fits', () => {
    expect(parseRfc3164('Feb 29 10:00:00 h a', 0, new Date('2025-03-05T00:00:00Z')).timestamp).toEqual(new Date('2024-02-29T10:00:00Z'));
    expect(parseRfc3164('Feb 29 10:00:00 h a', 0, new Date('2024-03-01T00:00:00Z')).timestamp).toEqual(new Date('2024-02-29T10:00:00Z'));
  });
});

describe('HOSTNAME, as rsyslog (pmrfc3164) reads it', () => {
  test('is letters, digits, ".", "_" and "-", ending in a letter or digit, then SP', () => {
    expect(parseRfc3164('Oct 11 22:14:15 10.0.0.99 Use the BFG!', 0, RECEIVED_AT)).toMatchObject({
      hostName: '10.0.0.99', appName: 'Use', message: 'the BFG!',
    });
    expect(parseRfc3164('Oct 11 22:14:15 host- app: x', 0, RECEIVED_AT).hostName).toBeUndefined();
  });

  test('is not there when the first word ends with ":" (the TAG of a header-less line)', () => {
    expect(parseRfc3164('CEF:0|F-Secure|x', 0, RECEIVED_AT)).toEqual({ tag: 'CEF:', appName: 'CEF', message: '0|F-Secure|x' });
    expect(parseRfc3164('%ASA-6-302013: Built', 0, RECEIVED_AT)).toEqual({
      tag: '%ASA-6-302013:', appName: '%ASA-6-302013', message: 'Built',
    });
  });

  test('is the first word of a header-less line when a space follows it, as in rsyslog', () => {
    expect(parseRfc3164('hello world', 0, RECEIVED_AT)).toEqual({ hostName: 'hello', tag: 'world', appName: 'world', message: '' });
    expect(parseRfc3164('lonely', 0, RECEIVED_AT)).toEqual({ hostName: 'lonely', message: '' });
  });
});

describe('TAG (RFC 3164 §4.1.3)', () => {
  test('splits the program name and [pid], then ":"', () => {
    expect(parseRfc3164('Jun 21 11:17:33 demo-host.local openvpn[30264]: 1.2.3.4:41445 peer info', 0, RECEIVED_AT)).toMatchObject({
      tag: 'openvpn[30264]:', appName: 'openvpn', processId: '30264', message: '1.2.3.4:41445 peer info',
    });
  });

  test('ends at a space too, then the space is not part of MSG', () => {
    expect(parseRfc3164('Jul 25 09:56:42 syslog.fortiweb-cloud.com syslogng[9] CEF:0||||', 0, RECEIVED_AT)).toMatchObject({
      tag: 'syslogng[9]', appName: 'syslogng', processId: '9', message: 'CEF:0||||',
    });
  });

  test('keeps a TAG that is not name[pid] whole', () => {
    expect(parseRfc3164('Oct 11 22:14:15 h a[1]b: x', 0, RECEIVED_AT)).toMatchObject({ appName: 'a[1]b', message: 'x' });
    expect(parseRfc3164('Oct 11 22:14:15 h [7]: x', 0, RECEIVED_AT)).toMatchObject({ processId: '7', message: 'x' });
    expect(parseRfc3164('Oct 11 22:14:15 h : x', 0, RECEIVED_AT)).toEqual({
      timestamp: new Date('2024-10-11T22:14:15Z'), hostName: 'h', tag: ':', message: 'x',
    });
  });

  test('stops after 510 characters, as in rsyslog; the rest is MSG', () => {
    const result = parseRfc3164(`Oct 11 22:14:15 h ${'t'.repeat(600)}`, 0, RECEIVED_AT);
    expect(result.tag).toHaveLength(510);
    expect(result.message).toBe('t'.repeat(90));
  });

  test('only one space is taken off MSG', () => {
    expect(parseRfc3164('Oct 11 22:14:15 h app:   x', 0, RECEIVED_AT).message).toBe('  x');
  });
});
