import { DEFAULT_PRIORITY, parsePriority } from '../../../emulator/syslog/parse-priority';
import { parseSyslog, SyslogEvent } from '../../../emulator/syslog/parse-syslog';

const RECEIVED_AT = new Date('2025-06-01T12:00:00Z');

/** The event of a line that must parse. */
function eventOf(line: string, receivedAt: Date = RECEIVED_AT): SyslogEvent {
  const result = parseSyslog(line, receivedAt);
  if (!result.ok) {
    throw new Error(`expected ${JSON.stringify(line)} to parse, failed at ${result.position}: ${result.expected}`);
  }
  return result.value;
}

describe('PRI (RFC 5424 §6.2.1)', () => {
  test('splits PRI into facility × 8 + severity', () => {
    expect(parsePriority('<164>CEF:0|', 0)).toEqual({ ok: true, value: { facility: 20, severity: 4 }, next: 5 });
    expect(parsePriority('<0>x', 0)).toEqual({ ok: true, value: { facility: 0, severity: 0 }, next: 3 });
    expect(parsePriority('<191>x', 0)).toEqual({ ok: true, value: { facility: 23, severity: 7 }, next: 5 });
  });

  test('takes leading zeros, as rsyslog does', () => {
    expect(parsePriority('<013>x', 0)).toMatchObject({ ok: true, value: { facility: 1, severity: 5 } });
  });

  test.each([
    ['above 191', '<192>text', 1],
    ['more than three digits', '<0013>text', 4],
    ['no digits', '<>text', 1],
    ['not digits', '<1a>text', 2],
    ['no closing >', '<13 text', 3],
    ['a sign', '<-1>text', 1],
    ['no <', '13>text', 0],
    ['the end of the line', '<1', 2],
  ])('fails on %s, with the position and what was expected', (_case, line, position) => {
    expect(parsePriority(line, 0)).toEqual({ ok: false, position, expected: '<PRI> with PRI from 0 to 191' });
  });
});

describe('lines without a valid PRI (RFC 3164 §4.3.3)', () => {
  test('get facility user and severity notice (PRI 13), the default rsyslog gives them', () => {
    expect(DEFAULT_PRIORITY).toEqual({ facility: 1, severity: 5 });
    const event = eventOf('Jun 21 11:17:33 demo-host.local openvpn: peer info');
    expect(event).toMatchObject({ facility: 1, severity: 5, hasPriority: false, format: 'rfc3164', hostName: 'demo-host.local' });
  });

  test.each(['<192>Oct 11 22:14:15 host app: text', '<1a>text', '<13 text', '<>text'])(
    'a bad PRI leaves the whole line as the rest: %s', (line) => {
      const event = eventOf(line);
      expect(event).toMatchObject({ facility: 1, severity: 5, hasPriority: false });
      expect(`${event.hostName ?? ''}${event.appName ?? ''}${event.message}`.length).toBeGreaterThan(0);
    },
  );

  test('a bad PRI is not read as a header: the <...> stays in the text', () => {
    const event = eventOf('<999>hello world');
    expect(event.hasPriority).toBe(false);
    expect(event.appName).toBe('<999>hello');
    expect(event.message).toBe('world');
  });
});

describe('dispatch between RFC 5424 and RFC 3164', () => {
  test('VERSION 1 after PRI is RFC 5424', () => {
    const event = eventOf('<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF\'su root\' failed for lonvick on /dev/pts/8');
    expect(event).toEqual({
      facility: 4, severity: 2, hasPriority: true, format: 'rfc5424',
      timestamp: new Date('2003-10-11T22:14:15.003Z'), hostName: 'mymachine.example.com', appName: 'su', messageId: 'ID47',
      message: '\'su root\' failed for lonvick on /dev/pts/8',
    });
  });

  test('anything else is RFC 3164, "unknown" when no timestamp was found', () => {
    expect(eventOf('<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8')).toEqual({
      facility: 4, severity: 2, hasPriority: true, format: 'rfc3164',
      timestamp: new Date('2024-10-11T22:14:15Z'), hostName: 'mymachine', appName: 'su',
      message: '\'su root\' failed for lonvick on /dev/pts/8',
    });
    expect(eventOf('<164>CEF:0|Mock-test|MOCK|common=event-format-test|end|TRAFFIC|1|rt=x')).toMatchObject({
      facility: 20, severity: 4, format: 'unknown', appName: 'CEF', message: '0|Mock-test|MOCK|common=event-format-test|end|TRAFFIC|1|rt=x',
    });
  });

  test('a line that is only <PRI> and text is a message', () => {
    expect(eventOf('<13>just some text')).toMatchObject({ facility: 1, severity: 5, hasPriority: true, format: 'unknown' });
    expect(eventOf('<13>')).toMatchObject({ hasPriority: true, message: '' });
  });

  test('"1 " without PRI is not RFC 5424', () => {
    expect(eventOf('1 2003-10-11T22:14:15.003Z host app - - - text').format).not.toBe('rfc5424');
  });
});

describe('trailers and bad input', () => {
  test('drops one trailing NUL and one trailing LF (or CRLF), as rsyslog does on receipt', () => {
    expect(eventOf('<13>Oct 11 22:14:15 host app: text\n').message).toBe('text');
    expect(eventOf('<13>Oct 11 22:14:15 host app: text\r\n').message).toBe('text');
    expect(eventOf('<13>Oct 11 22:14:15 host app: text\n\u0000').message).toBe('text');
    expect(eventOf('<13>Oct 11 22:14:15 host app: text\n\n').message).toBe('text\n');
  });

  test('fails only on an empty line', () => {
    expect(parseSyslog('', RECEIVED_AT)).toEqual({ ok: false, position: 0, expected: 'a syslog message' });
    expect(parseSyslog('\n', RECEIVED_AT)).toMatchObject({ ok: false });
  });

  test.each([
    ['a truncated RFC 5424 header', '<165>1 2003-10-11T22:14:15.003Z mymachine'],
    ['a truncated RFC 3164 timestamp', '<13>Oct 11 22:1'],
    ['binary garbage', '\u0000\u0001\uFFFD\uFFFD<\u00ff>\u0007'],
    ['lone brackets', '<'],
    ['a 64 KiB line', `<13>Oct 11 22:14:15 host app: ${'x'.repeat(65_536)}`],
    ['a 64 KiB line without spaces', 'y'.repeat(65_536)],
    ['a 64 KiB RFC 5424 line', `<13>1 - - - - - [${'a'.repeat(65_536)}`],
  ])('parses %s without throwing', (_case, line) => {
    const result = parseSyslog(line, RECEIVED_AT);
    expect(result.ok).toBe(true);
  });

  test('a 64 KiB line keeps all its text', () => {
    const text = 'x'.repeat(65_536);
    expect(eventOf(`<13>Oct 11 22:14:15 host app: ${text}`).message).toBe(text);
  });
});
