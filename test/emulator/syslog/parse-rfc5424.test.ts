import { parseRfc5424 } from '../../../emulator/syslog/parse-rfc5424';
import { parseStructuredData, unescapeParameterValue } from '../../../emulator/syslog/parse-structured-data';
import { parseSyslog } from '../../../emulator/syslog/parse-syslog';

const RECEIVED_AT = new Date('2025-06-01T12:00:00Z');

/** The RFC 5424 fields of `line` after its PRI. */
function fieldsOf(line: string) {
  const result = parseSyslog(line, RECEIVED_AT);
  if (!result.ok || result.value.format !== 'rfc5424') {
    throw new Error(`expected an RFC 5424 message: ${line}`);
  }
  return result.value;
}

describe('RFC 5424 §6.5 examples', () => {
  test('example 2: fraction of microseconds, an offset, nil MSGID and STRUCTURED-DATA', () => {
    expect(fieldsOf('<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It\'s time to make the do-nuts.')).toEqual({
      facility: 20, severity: 5, hasPriority: true, format: 'rfc5424',
      timestamp: new Date('2003-08-24T12:14:15.000Z'), hostName: '192.0.2.1', appName: 'myproc', processId: '8710',
      message: '%% It\'s time to make the do-nuts.',
    });
  });

  test('example 3: structured data, then a BOM before MSG', () => {
    const event = fieldsOf('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 '
      + '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...');
    expect(event.structuredData).toEqual([
      { id: 'exampleSDID@32473', parameters: { iut: '3', eventSource: 'Application', eventID: '1011' } },
    ]);
    expect(event).toMatchObject({ appName: 'evntslog', messageId: 'ID47', message: 'An application event log entry...' });
    expect(event.processId).toBeUndefined();
  });

  test('example 4: two SD-ELEMENTs and no MSG', () => {
    const event = fieldsOf('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 '
      + '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]');
    expect(event.structuredData?.map((element) => element.id)).toEqual(['exampleSDID@32473', 'examplePriority@32473']);
    expect(event.structuredData?.[1].parameters).toEqual({ class: 'high' });
    expect(event.message).toBe('');
  });
});

describe('header fields (RFC 5424 §6.2)', () => {
  test('every NILVALUE header field is left out', () => {
    expect(fieldsOf('<13>1 - - - - - - text')).toEqual({
      facility: 1, severity: 5, hasPriority: true, format: 'rfc5424', message: 'text',
    });
  });

  test('a malformed TIMESTAMP is left out, the other fields stay', () => {
    const event = fieldsOf('<13>1 2003-13-11T22:14:15Z host app 12 ID - text');
    expect(event.timestamp).toBeUndefined();
    expect(event).toMatchObject({ hostName: 'host', appName: 'app', processId: '12', messageId: 'ID', message: 'text' });
  });

  test('a truncated line keeps the fields that arrived', () => {
    expect(fieldsOf('<165>1 2003-10-11T22:14:15.003Z mymachine')).toMatchObject({
      hostName: 'mymachine', message: '', timestamp: new Date('2003-10-11T22:14:15.003Z'),
    });
    expect(fieldsOf('<165>1 ')).toMatchObject({ format: 'rfc5424', message: '' });
    expect(fieldsOf('<165>1 - host app')).toMatchObject({ hostName: 'host', appName: 'app', message: '' });
  });

  test('fails on another VERSION, so the caller reads the line as RFC 3164', () => {
    expect(parseRfc5424('2 2003-10-11T22:14:15.003Z host', 0)).toEqual({ ok: false, position: 0, expected: 'VERSION 1 and a space' });
    expect(parseSyslog('<13>2 text', RECEIVED_AT)).toMatchObject({ ok: true, value: { format: 'unknown' } });
  });
});

describe('STRUCTURED-DATA (RFC 5424 §6.3)', () => {
  test('unescapes \\", \\\\ and \\] in PARAM-VALUE; another backslash stays (§6.3.3)', () => {
    const line = '[id@1 a="say \\"hi\\"" b="C:\\\\temp" c="[x\\]" d="keep \\n as is"]';
    const result = parseStructuredData(line, 0);
    expect(result).toEqual({
      ok: true, next: line.length,
      value: [{ id: 'id@1', parameters: { a: 'say "hi"', b: 'C:\\temp', c: '[x]', d: 'keep \\n as is' } }],
    });
    expect(unescapeParameterValue('\\')).toBe('\\');
  });

  test('takes an unescaped ] inside a quoted value as text', () => {
    expect(parseStructuredData('[id a="x]y"]', 0)).toMatchObject({ ok: true, value: [{ parameters: { a: 'x]y' } }] });
  });

  test('a parameter named __proto__ is an ordinary parameter', () => {
    const result = parseStructuredData('[id __proto__="x"]', 0);
    expect(result.ok && result.value[0].parameters.__proto__).toBe('x');
  });

  test.each([
    ['an unclosed element', '[id a="1"', 9],
    ['an unclosed value', '[id a="1', 8],
    ['no SD-ID', '[ a="1"]', 1],
    ['a value without quotes', '[id a=1]', 5],
    ['a parameter without a value', '[i d]', 4],
    ['nothing', '', 0],
  ])('fails on %s, at the position of the fault', (_case, text, position) => {
    expect(parseStructuredData(text, 0)).toMatchObject({ ok: false, position });
  });

  test('malformed STRUCTURED-DATA is left out and the rest of the line is kept as MSG', () => {
    const event = fieldsOf('<13>1 - host app - - [broken text here');
    expect(event.structuredData).toBeUndefined();
    expect(event.message).toBe('[broken text here');
  });

  test('STRUCTURED-DATA must be followed by SP or the end', () => {
    const event = fieldsOf('<13>1 - host app - - [id a="1"]text');
    expect(event.structuredData).toBeUndefined();
    expect(event.message).toBe('[id a="1"]text');
  });
});
