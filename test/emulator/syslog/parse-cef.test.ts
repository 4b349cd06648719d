import { parseCefExtension, unescapeExtensionValue } from '../../../emulator/syslog/parse-cef-extension';
import { CefEvent, findCefStart, findCefText, parseCef, unescapeHeaderField } from '../../../emulator/syslog/parse-cef';
import { parseSyslog } from '../../../emulator/syslog/parse-syslog';

/** The event of a CEF text that must parse. */
function cefOf(text: string): CefEvent {
  const result = parseCef(text);
  if (!result.ok) {
    throw new Error(`expected CEF, failed at ${result.position}: ${result.expected}`);
  }
  return result.value;
}

describe('CEF header (spec 4.4)', () => {
  test('has seven fields, then the extension', () => {
    expect(cefOf('CEF:0|Mock-test|MOCK|common=event-format-test|end|TRAFFIC|1|rt=Jan 01 2024 00:00:00 dst=10.0.0.1')).toEqual({
      version: '0', deviceVendor: 'Mock-test', deviceProduct: 'MOCK', deviceVersion: 'common=event-format-test',
      signatureId: 'end', name: 'TRAFFIC', severity: '1',
      extension: [{ key: 'rt', value: 'Jan 01 2024 00:00:00' }, { key: 'dst', value: '10.0.0.1' }],
    });
  });

  test('takes spaces after "CEF:", as Barracuda and logger -t CEF send', () => {
    expect(cefOf('CEF: 0|BarracudaNetworks|WAAS|BNWAS-1.0|WAF|WAF|4| cat=TR').version).toBe('0');
    expect(cefOf('CEF:   1|a|b|c|d|e|f|').version).toBe('1');
  });

  test('unescapes \\| and \\\\ in header fields (spec 4.6), keeps other backslashes', () => {
    const event = cefOf('CEF:0|Ven\\|dor|C:\\\\Prod|v\\n1|id|name = x|5|');
    expect(event).toMatchObject({ deviceVendor: 'Ven|dor', deviceProduct: 'C:\\Prod', deviceVersion: 'v\\n1', name: 'name = x' });
    expect(unescapeHeaderField('trailing\\')).toBe('trailing\\');
  });

  test('empty fields are empty strings', () => {
    expect(cefOf('CEF:0||||N/A|URL Access Violation|Substantial|cat=attack')).toMatchObject({
      deviceVendor: '', deviceProduct: '', deviceVersion: '', signatureId: 'N/A', severity: 'Substantial',
    });
  });

  test('a header ending with Severity has an empty extension', () => {
    expect(cefOf('CEF:0|a|b|c|d|e|7')).toMatchObject({ severity: '7', extension: [] });
    expect(cefOf('CEF:0|a|b|c|d|e|7|')).toMatchObject({ severity: '7', extension: [] });
  });

  test.each([
    ['no CEF: prefix', 'LEEF:1.0|a|b|c|d|', 0, '"CEF:"'],
    ['a prefix not at the start', ' CEF:0|a|b|c|d|e|f|', 0, '"CEF:"'],
    ['a header cut after Device Vendor', 'CEF:0|Vendor', 12, '"|" after the CEF header field Device Vendor'],
    ['a header cut after Name', 'CEF:0|a|b|c|d|e', 15, '"|" after the CEF header field Name'],
    ['an escaped last bar', 'CEF:0|a|b|c|d|e\\|', 17, '"|" after the CEF header field Name'],
  ])('fails on %s', (_case, text, position, expected) => {
    expect(parseCef(text)).toEqual({ ok: false, position, expected });
  });
});

describe('CEF extension (spec 4.6)', () => {
  test('a value runs until the next " key=", spaces and unescaped "=" included', () => {
    expect(parseCefExtension('msg=lang=en requestContext="-" src=1.2.3.4 requestClientApplication=Mozilla/5.0 (Windows NT 10.0; Win64) x', 0)).toEqual([
      { key: 'msg', value: 'lang=en' },
      { key: 'requestContext', value: '"-"' },
      { key: 'src', value: '1.2.3.4' },
      { key: 'requestClientApplication', value: 'Mozilla/5.0 (Windows NT 10.0; Win64) x' },
    ]);
  });

  test('unescapes \\=, \\\\, \\n and \\r; keeps other backslashes', () => {
    expect(parseCefExtension('a=x\\=y b=C:\\\\dir c=one\\ntwo\\rthree d=\\| e=end\\', 0)).toEqual([
      { key: 'a', value: 'x=y' }, { key: 'b', value: 'C:\\dir' }, { key: 'c', value: 'one\ntwo\rthree' },
      { key: 'd', value: '\\|' }, { key: 'e', value: 'end\\' },
    ]);
    expect(unescapeExtensionValue('no escapes')).toBe('no escapes');
  });

  test('an escaped "=" does not start a key', () => {
    expect(parseCefExtension('msg=a b\\=c d=1', 0)).toEqual([{ key: 'msg', value: 'a b=c' }, { key: 'd', value: '1' }]);
  });

  test('a backslash before a space is a plain backslash, so an unescaped Windows path ends at the next key', () => {
    expect(parseCefExtension('a=x\\ b=1', 0)).toEqual([{ key: 'a', value: 'x\\' }, { key: 'b', value: '1' }]);
    expect(parseCefExtension('fname=C:\\dir\\ act=blocked', 0)).toEqual([{ key: 'fname', value: 'C:\\dir\\' }, { key: 'act', value: 'blocked' }]);
    expect(parseCefExtension('fname=C:\\\\dir\\\\ act=blocked', 0)).toEqual([{ key: 'fname', value: 'C:\\dir\\' }, { key: 'act', value: 'blocked' }]);
  });

  test('keys are letters, digits, "_" and "." (WithSecure details_x, ArcSight ad.x)', () => {
    expect(parseCefExtension('details_alertType=x ad.arcSightEventPath=y cs1Label=z', 0).map((field) => field.key))
      .toEqual(['details_alertType', 'ad.arcSightEventPath', 'cs1Label']);
    expect(parseCefExtension('a=1 2b=2 -c=3', 0)).toEqual([{ key: 'a', value: '1 2b=2 -c=3' }]);
  });

  test('drops spaces around pairs and keeps empty values', () => {
    expect(parseCefExtension('   a=1   b=  c= d=', 0)).toEqual([
      { key: 'a', value: '1' }, { key: 'b', value: '' }, { key: 'c', value: '' }, { key: 'd', value: '' },
    ]);
  });

  test('best-effort on a truncated extension: the last pair keeps what arrived', () => {
    expect(parseCefExtension('cs1=abc cs2', 0)).toEqual([{ key: 'cs1', value: 'abc cs2' }]);
    expect(parseCefExtension('cs1=abc cs2=', 0)).toEqual([{ key: 'cs1', value: 'abc' }, { key: 'cs2', value: '' }]);
    expect(parseCefExtension('cs1=abc\\', 0)).toEqual([{ key: 'cs1', value: 'abc\\' }]);
  });

  test('text before the first key is dropped; a key given twice is kept twice', () => {
    expect(parseCefExtension('junk without keys a=1 a=2', 0)).toEqual([{ key: 'a', value: '1' }, { key: 'a', value: '2' }]);
    expect(parseCefExtension('no keys at all', 0)).toEqual([]);
    expect(parseCefExtension('', 0)).toEqual([]);
  });

  test('keeps rsyslog\'s #012 (an escaped line feed) as text', () => {
    expect(parseCefExtension('SrcMac=00:30:DE:40:D0:8D#012 DstMac=B8:27:EB:11:DE:24', 0)[0].value).toBe('00:30:DE:40:D0:8D#012');
  });

  test('scans a 64 KiB value of backslashes in one pass', () => {
    const value = '\\\\'.repeat(32_768);
    const started = Date.now();
    expect(parseCefExtension(`a=${value} b=1`, 0)).toEqual([{ key: 'a', value: '\\'.repeat(32_768) }, { key: 'b', value: '1' }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('finding CEF in a syslog message', () => {
  test('findCefStart finds CEF: followed by a version', () => {
    expect(findCefStart('CEF:0|a')).toBe(0);
    expect(findCefStart('radiflow-labs-isid[1] CEF:0|radiflow')).toBe(22);
    expect(findCefStart('CEF: 0|a')).toBe(0);
    expect(findCefStart('note CEF: is a format; CEF:1|a')).toBe(23);
    expect(findCefStart('CEF:')).toBe(-1);
    expect(findCefStart('no cef here')).toBe(-1);
  });

  const receivedAt = new Date('2025-06-01T12:00:00Z');
  const cefTextOf = (line: string) => {
    const result = parseSyslog(line, receivedAt);
    return result.ok ? findCefText(result.value) : 'syslog failed';
  };

  test('findCefText finds CEF in MSG', () => {
    expect(cefTextOf('May 18 16:02:00 radiflow-labs-isid radiflow-labs-isid[1] CEF:0|radiflow|isid|'))
      .toBe('CEF:0|radiflow|isid|');
  });

  test('findCefText puts back a CEF: that the syslog parser took as the TAG', () => {
    expect(cefTextOf('<164>CEF:0|Mock-test|MOCK|x|end|TRAFFIC|1|rt=1')).toBe('CEF:0|Mock-test|MOCK|x|end|TRAFFIC|1|rt=1');
    expect(cefTextOf('<164>Jan  1 00:00:00 host CEF: 0|Mock-test|MOCK|x|end|TRAFFIC|1|rt=1')).toBe('CEF:0|Mock-test|MOCK|x|end|TRAFFIC|1|rt=1');
    expect(cefTextOf('Aug  3 10:49:35 Barracuda CEF: 0|BarracudaNetworks|WAAS|')).toBe('CEF:0|BarracudaNetworks|WAAS|');
    expect(cefTextOf('<13>1 - host CEF - - - 0|a|b|c|d|e|f|')).toBe('CEF:0|a|b|c|d|e|f|');
  });

  test('findCefText is undefined for a message without CEF', () => {
    expect(cefTextOf('<13>Oct 11 22:14:15 host CEF: not a cef message')).toBeUndefined();
    expect(cefTextOf('<13>Oct 11 22:14:15 host app: text')).toBeUndefined();
  });
});
