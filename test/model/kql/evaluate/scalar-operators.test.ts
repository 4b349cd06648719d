import { runQuery } from '../../../../model/kql/evaluate/run-query';
import { KqlTimespan, KqlValue } from '../../../../model/kql/values';

const NOW = new Date('2024-05-01T10:00:00Z');

/** The value of a scalar expression, by `print`. */
function evaluate(expression: string): KqlValue {
  return runQuery(`print Value = ${expression}`, [], { now: NOW }).rows[0][0];
}

describe('string equality', () => {
  test.each([
    ['"aBc" == "aBc"', true],
    ['"abc" == "ABC"', false],
    ['"abc" != "ABC"', true],
    ['"abc" =~ "ABC"', true],
    ['"aBc" !~ "xyz"', true],
    ['"abc" !~ "ABC"', false],
    ['tostring(int(null)) == ""', true],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });
});

describe('contains, startswith, endswith: substrings, case-insensitive unless _cs', () => {
  test.each([
    ['"FabriKam" contains "BRik"', true],
    ['"Fabrikam" !contains "xyz"', true],
    ['"FabriKam" contains_cs "Kam"', true],
    ['"FabriKam" contains_cs "kam"', false],
    ['"Fabrikam" !contains_cs "Kam"', true],
    ['"Fabrikam" startswith "fab"', true],
    ['"Fabrikam" !startswith "kam"', true],
    ['"Fabrikam" startswith_cs "fab"', false],
    ['"Fabrikam" !startswith_cs "fab"', true],
    ['"Fabrikam" endswith "KAM"', true],
    ['"Fabrikam" !endswith "brik"', true],
    ['"Fabrikam" endswith_cs "kam"', true],
    ['"Fabrikam" !endswith_cs "Kam"', true],
    ['"a.b*c" contains ".b*"', true],
    ['tostring(int(null)) contains ""', true],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });
});

describe('has: whole terms (runs of ASCII letters and digits), case-insensitive unless _cs', () => {
  test.each([
    ['"North America" has "america"', true],
    ['"North America" has "amer"', false],
    ['"North America" !has "amer"', true],
    ['"North America" has_cs "America"', true],
    ['"North America" has_cs "america"', false],
    ['"North America" !has_cs "america"', true],
    ['"user_name=alice" has "alice"', true],
    ['"user_name=alice" has "name"', true],
    ['"username=alice" has "name"', false],
    ['"ad67d136-c1db-4f9f" has "c1db"', true],
    ['"ad67d136-c1db-4f9f" has "c1db-4f9f"', true],
    ['"heartbeats" has "heartbeat"', false],
    ['"a heartbeat." has "heartbeat"', true],
    ['"10.0.0.1:443" has "10.0.0.1"', true],
    ['"10.0.0.11" has "10.0.0.1"', false],
    ['"North America" hasprefix "amer"', true],
    ['"North America" hassuffix "rica"', true],
    ['"North America" hasprefix "rica"', false],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  test('has_any and has_all', () => {
    expect(evaluate('"failed login from x" has_any ("login", "logon")')).toBe(true);
    expect(evaluate('"failed login from x" has_all ("login", "logon")')).toBe(false);
  });
});

describe('matches regex, in, between', () => {
  test.each([
    ['"Failed password for root" matches regex "^Failed password"', true],
    ['"abc" matches regex "(?i)^ABC$"', true],
    ['"abc" matches regex @"\\d"', false],
    ['5 in (1, 5, 7)', true],
    ['5 !in (1, 5, 7)', false],
    ['"err" in ("err", "crit")', true],
    ['"ERR" in ("err", "crit")', false],
    ['"ERR" in~ ("err", "crit")', true],
    ['"ERR" !in~ ("err", "crit")', false],
    ['int(null) in (1, 2)', false],
    ['2 in (parse_json("[1, 2]"))', true],
    ['5 between (1 .. 5)', true],
    ['6 between (1 .. 5)', false],
    ['6 !between (1 .. 5)', true],
    ['datetime(2024-05-01T10:30:00Z) between (datetime(2024-05-01T10:00:00Z) .. 1h)', true],
    ['datetime(2024-05-01T11:30:00Z) between (datetime(2024-05-01T10:00:00Z) .. 1h)', false],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });
});

describe('logical operators: three-valued', () => {
  test.each([
    ['true and false', false],
    ['true and bool(null)', null],
    ['false and bool(null)', false],
    ['true or bool(null)', true],
    ['false or bool(null)', null],
    ['not(true)', false],
    ['not(bool(null))', null],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });
});

describe('comparison and null ("Equality and inequality of null values")', () => {
  test.each([
    ['1 < 2', true],
    ['2 <= 2', true],
    ['3 > 4', false],
    ['1.5 >= 1', true],
    ['datetime(2024-01-02) > datetime(2024-01-01)', true],
    ['2h > 90m', true],
    ['int(null) > 3', null],
    ['int(null) == int(null)', null],
    ['int(null) == 5', false],
    ['int(null) != int(null)', null],
    ['int(null) != 5', true],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });
});

describe('arithmetic', () => {
  test.each([
    ['1 + 2', 3],
    ['5 - 7', -2],
    ['6 * 7', 42],
    ['7 / 2', 3],
    ['-7 / 2', -3],
    ['7.0 / 2', 3.5],
    ['7 % 3', 1],
    ['1 / 0', null],
    ['int(null) + 1', null],
    ['-(5)', -5],
    ['1h / 30m', 2],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  test.each([
    ['datetime(2024-01-01) + 1h', new Date('2024-01-01T01:00:00Z')],
    ['1d + datetime(2024-01-01)', new Date('2024-01-02T00:00:00Z')],
    ['datetime(2024-01-01) - 30m', new Date('2023-12-31T23:30:00Z')],
    ['datetime(2024-01-02) - datetime(2024-01-01)', new KqlTimespan(86_400_000)],
    ['2h * 3', new KqlTimespan(21_600_000)],
    ['1h + 30m', new KqlTimespan(5_400_000)],
    ['-2h', new KqlTimespan(-7_200_000)],
    ['1h / 4', new KqlTimespan(900_000)],
  ])('%s is %p (datetime and timespan arithmetic)', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });
});

describe('literals', () => {
  test.each([
    ['datetime(2024-05-01 08:30:00)', new Date('2024-05-01T08:30:00Z')],
    ['datetime("2024-05-01T08:30:00.25Z")', new Date('2024-05-01T08:30:00.250Z')],
    ['timespan(1.02:03:04)', new KqlTimespan(93_784_000)],
    ['time(10m)', new KqlTimespan(600_000)],
    ['3d', new KqlTimespan(259_200_000)],
    ['250ms', new KqlTimespan(250)],
    ['0x1F', 31],
    ['1.5e3', 1500],
    ['real(+inf)', Number.POSITIVE_INFINITY],
    ['int(-3)', -3],
    ['guid(6F1C8E5C-9B57-4B9B-8C5E-1F0B6A2D3C4E)', '6f1c8e5c-9b57-4b9b-8c5e-1f0b6a2d3c4e'],
    ['@"c:\\temp"', 'c:\\temp'],
    ['"a" "b"', 'ab'],
    ['dynamic({"a": [1, "x"]})', { a: [1, 'x'] }],
    ['long(null)', null],
    ['datetime(null)', null],
  ])('%s', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });
});
