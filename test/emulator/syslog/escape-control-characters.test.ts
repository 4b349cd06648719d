import { escapeControlCharacters } from '../../../emulator/syslog/escape-control-characters';

test('writes control characters as # and three octal digits, as rsyslog does on receipt', () => {
  expect(escapeControlCharacters('SrcMac=00:30:DE:40:D0:8D\nDstMac=x')).toBe('SrcMac=00:30:DE:40:D0:8D#012DstMac=x');
  expect(escapeControlCharacters('a\tb\rc\u0000d\u001fe')).toBe('a#011b#015c#000d#037e');
});

test('drops one trailing NUL, then one trailing LF', () => {
  expect(escapeControlCharacters('text\n')).toBe('text');
  expect(escapeControlCharacters('text\n\u0000')).toBe('text');
  expect(escapeControlCharacters('text\n\n')).toBe('text#012');
  expect(escapeControlCharacters('text\r\n')).toBe('text#015');
});

test('leaves other text as it is, #012 already in it included', () => {
  const text = 'CEF:0|radiflow|isid|7.0.2.28|2|New Link Detected|Medium|SrcMac=00:30:DE:40:D0:8D#012 ünïcödé \u007f';
  expect(escapeControlCharacters(text)).toBe(text);
  expect(escapeControlCharacters('')).toBe('');
});
