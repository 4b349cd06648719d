import {
  parseCefTimestamp, parseMonthDayTimestamp, parseRfc3339Timestamp, timeWithInferredYear,
} from '../../../emulator/syslog/parse-timestamp';

const RECEIVED_AT = new Date('2025-06-01T12:00:00Z');

describe('RFC 3339 timestamps (RFC 5424 §6.2.3)', () => {
  test.each([
    ['1985-04-12T23:20:50.52Z', '1985-04-12T23:20:50.520Z'],
    ['1985-04-12T19:20:50.52-04:00', '1985-04-12T23:20:50.520Z'],
    ['2003-10-11T22:14:15.003Z', '2003-10-11T22:14:15.003Z'],
    ['2003-08-24T05:14:15.000003-07:00', '2003-08-24T12:14:15.000Z'],
    ['2022-05-06T12:31:03+0000', '2022-05-06T12:31:03.000Z'],
    ['2022-07-25T04:56:13-05:00', '2022-07-25T09:56:13.000Z'],
    ['2024-02-29t00:00:00z', '2024-02-29T00:00:00.000Z'],
    ['2024-01-01T00:00:00', '2024-01-01T00:00:00.000Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    const result = parseRfc3339Timestamp(text, 0);
    expect(result).toEqual({ ok: true, value: new Date(iso), next: text.length });
  });

  test.each([
    ['a month 13', '2003-13-11T22:14:15Z', 0],
    ['30 February', '2023-02-30T00:00:00Z', 0],
    ['29 February of a common year', '2023-02-29T00:00:00Z', 0],
    ['a space for T', '2003-10-11 22:14:15Z', 0],
    ['hour 24', '2003-10-11T24:00:00Z', 11],
    ['a leap second', '2003-10-11T23:59:60Z', 11],
    ['a fraction without digits', '2003-10-11T22:14:15.Z', 20],
    ['a bad offset', '2003-10-11T22:14:15+25:00', 19],
    ['a truncated timestamp', '2003-10-11T22:1', 11],
  ])('fails on %s', (_case, text, position) => {
    expect(parseRfc3339Timestamp(text, 0)).toMatchObject({ ok: false, position });
  });
});

describe('RFC 3164 timestamps (§4.1.2)', () => {
  test('stop after the seconds (or a fraction)', () => {
    expect(parseMonthDayTimestamp('Oct 11 22:14:15 host', 0, RECEIVED_AT)).toEqual({ ok: true, value: new Date('2024-10-11T22:14:15Z'), next: 15 });
    expect(parseMonthDayTimestamp('Oct 11 22:14:15.25 host', 0, RECEIVED_AT)).toEqual({ ok: true, value: new Date('2024-10-11T22:14:15.250Z'), next: 18 });
  });

  test('a given year must hold the day', () => {
    expect(parseMonthDayTimestamp('Feb 29 2023 10:00:00', 0, RECEIVED_AT)).toMatchObject({ ok: false });
    expect(parseMonthDayTimestamp('Feb 29 2024 10:00:00', 0, RECEIVED_AT)).toMatchObject({ ok: true, value: new Date('2024-02-29T10:00:00Z') });
  });

  test('a day no month has fails', () => {
    expect(timeWithInferredYear(RECEIVED_AT, 3, 31, 0, 0, 0, 0)).toBeUndefined();
    expect(parseMonthDayTimestamp('Apr 31 10:00:00', 0, RECEIVED_AT)).toMatchObject({ ok: false, expected: 'a date that exists' });
  });
});

describe('CEF dates (spec 4.6)', () => {
  test.each([
    ['1659523775038', '2022-08-03T10:49:35.038Z'],
    ['Aug 03 2022 10:49:35', '2022-08-03T10:49:35.000Z'],
    ['Aug 03 2022 10:49:35.038 UTC', '2022-08-03T10:49:35.038Z'],
    ['Aug 03 2022 10:49:35 GMT', '2022-08-03T10:49:35.000Z'],
    ['Aug 03 2022 10:49:35 +02:00', '2022-08-03T08:49:35.000Z'],
    ['Aug 03 10:49:35', '2024-08-03T10:49:35.000Z'],
    ['2022-07-25T04:56:13-05:00', '2022-07-25T09:56:13.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseCefTimestamp(text, RECEIVED_AT)).toEqual(new Date(iso));
  });

  test.each(['', 'N/A', 'Aug 03 2022 10:49:35 PST', 'Aug 03 2022 10:49:35 +02:00x', '2022-07-25T04:56:13Zjunk', '12:00:00', '-5'])(
    '%j is no CEF date', (text) => {
      expect(parseCefTimestamp(text, RECEIVED_AT)).toBeUndefined();
    },
  );
});
