import { formatQueryTime } from '../../../emulator/pollers/query-time-format';

describe('formatQueryTime: a query window bound in the poller\'s queryTimeFormat', () => {
  const time = new Date('2026-03-04T05:06:07.089Z');

  test.each([
    [undefined, '2026-03-04T05:06:07Z'],
    ['UnixTimestamp', '1772600767'],
    ['UnixTimestampInMills', '1772600767089'],
    ['yyyy-MM-ddTHH:mm:ss.fffZ', '2026-03-04T05:06:07.089Z'],
    ['yyyy-MM-dd\'T\'HH:mm:ss.fffffffK', '2026-03-04T05:06:07.0890000Z'],
    ['yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz', '2026-03-04T05:06:07.089+00:00'],
    ['M/d/yyyy h:mm:ss tt', '3/4/2026 5:06:07 AM'],
    ['yyMMddHHmmss', '260304050607'],
    ['"day "d\\, \\y', 'day 4, y'],
  ])('%s -> %s', (format, expected) => {
    expect(formatQueryTime(time, format)).toBe(expected);
  });

  test('names of days and months, which the emulator does not write, are refused with the specifier', () => {
    expect(() => formatQueryTime(time, 'dddd, MMMM d')).toThrow('queryTimeFormat "dddd, MMMM d": the emulator does not write "dddd"');
    expect(() => formatQueryTime(time, "yyyy'T")).toThrow('the quote at 5 is not closed');
  });
});
