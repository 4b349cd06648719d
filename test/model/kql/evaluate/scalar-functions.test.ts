import { compileTransformation } from '../../../../model/kql/evaluate/compile-transformation';
import { SCALAR_FUNCTIONS } from '../../../../model/kql/evaluate/functions/function-registry';
import { runQuery } from '../../../../model/kql/evaluate/run-query';
import { SUPPORTED_SCALAR_FUNCTIONS } from '../../../../model/kql/transformation-subset';
import { KqlTimespan, KqlValue } from '../../../../model/kql/values';
import { applyAndRead } from './read-row';

const NOW = new Date('2024-05-01T10:00:00Z');

/** The value of a scalar expression, by `print`. */
function evaluate(expression: string): KqlValue {
  return runQuery(`print Value = ${expression}`, [], { now: NOW }).rows[0][0];
}

/** The value and type of a scalar expression. */
function typed(expression: string): { value: KqlValue; type: string } {
  const result = runQuery(`print Value = ${expression}`, [], { now: NOW });
  return { value: result.rows[0][0], type: result.columns[0].type };
}

test('every function a transformation may call is implemented (columnifexists by the expression compiler)', () => {
  expect([...SUPPORTED_SCALAR_FUNCTIONS].filter((name) => !SCALAR_FUNCTIONS.has(name))).toEqual(['columnifexists']);
});

describe('conversion functions', () => {
  test.each([
    ['tostring(int(null))', ''],
    ['tostring(42)', '42'],
    ['tostring(1.5)', '1.5'],
    ['tostring(true)', 'true'],
    ['tostring(datetime(2024-01-02T03:04:05Z))', '2024-01-02T03:04:05Z'],
    ['tostring(datetime(2024-01-02T03:04:05.25Z))', '2024-01-02T03:04:05.25Z'],
    ['tostring(90m)', '01:30:00'],
    ['tostring(parse_json(\'{"a":[1,2]}\'))', '{"a":[1,2]}'],
    ['toint("12")', 12],
    ['toint("x")', null],
    ['toint(2.7)', 2],
    ['toint(" 7 ")', 7],
    ['tolong("12.5")', null],
    ['tolong(true)', 1],
    ['toreal("1.5e3")', 1500],
    ['todouble("abc")', null],
    ['tobool("TRUE")', true],
    ['tobool("no")', null],
    ['tobool(0)', false],
    ['toguid("{6F1C8E5C-9B57-4B9B-8C5E-1F0B6A2D3C4E}")', '6f1c8e5c-9b57-4b9b-8c5e-1f0b6a2d3c4e'],
    ['toguid("not a guid")', null],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  test.each([
    ['todatetime("2024-01-02T03:04:05Z")', new Date('2024-01-02T03:04:05Z')],
    ['todatetime("2024-01-02 03:04:05")', new Date('2024-01-02T03:04:05Z')],
    ['todatetime("2024-01-02T05:04:05+02:00")', new Date('2024-01-02T03:04:05Z')],
    ['todatetime("2024-01-02")', new Date('2024-01-02T00:00:00Z')],
    ['todatetime("Tue, 10 Oct 2024 13:55:36 GMT")', new Date('2024-10-10T13:55:36Z')],
    ['todatetime("yesterday")', null],
    ['totimespan("1.02:03:04")', new KqlTimespan(93_784_000)],
    ['totimespan("00:00:01.5")', new KqlTimespan(1500)],
    ['totimespan("90s")', new KqlTimespan(90_000)],
    ['totimespan("soon")', null],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  test('parse_json parses JSON text, and keeps text that is not JSON', () => {
    expect(evaluate('parse_json(\'{"a":{"b":[1,2]}}\')')).toEqual({ a: { b: [1, 2] } });
    expect(evaluate('parse_json("not json")')).toBe('not json');
    expect(evaluate('parse_json("42")')).toBe(42);
  });

  test('gettype, isnull, isnotnull', () => {
    expect(evaluate('gettype(1)')).toBe('long');
    expect(evaluate('gettype("a")')).toBe('string');
    expect(evaluate('gettype(parse_json("[1]"))')).toBe('array');
    expect(evaluate('gettype(parse_json("{}"))')).toBe('dictionary');
    expect(evaluate('isnull(int(null))')).toBe(true);
    expect(evaluate('isnull("")')).toBe(false);
    expect(evaluate('isnotnull(1)')).toBe(true);
  });
});

describe('string functions', () => {
  test.each([
    ['strlen("héllo")', 5],
    ['strlen(tostring(int(null)))', 0],
    ['tolower("AbC")', 'abc'],
    ['toupper("abc")', 'ABC'],
    ['substring("abcdef", 2, 3)', 'cde'],
    ['substring("abcdef", 2)', 'cdef'],
    ['substring("abcdef", 10)', ''],
    ['indexof("abcdef", "cd")', 2],
    ['indexof("abcdef", "z")', -1],
    ['indexof("abcabc", "bc", 2)', 4],
    ['indexof("abcabc", "bc", 0, -1, 2)', 4],
    ['isempty("")', true],
    ['isempty(int(null))', true],
    ['isempty(" ")', false],
    ['isnotempty("a")', true],
    ['isnotempty("")', false],
    ['strcat("a", 1, true, int(null), "z")', 'a1truez'],
    ['strcat_delim("-", "a", "b", 3)', 'a-b-3'],
    ['extract(@"x=(\\d+)", 1, "a x=42 b")', '42'],
    ['extract(@"x=(\\d+)", 0, "a x=42 b")', 'x=42'],
    ['extract(@"y=(\\d+)", 1, "a x=42 b")', ''],
    ['extract(@"x=(\\d+)", 1, "a x=42 b", typeof(long))', 42],
    ['countof("aaa", "a")', 3],
    ['countof("aaa", "aa")', 2],
    ['countof("a1b22", @"\\d+", "regex")', 2],
    ['base64_encodestring("hello")', 'aGVsbG8='],
    ['base64_decodestring("aGVsbG8=")', 'hello'],
    ['hash_sha256("abc")', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['trim(@"\\s+", "  a b  ")', 'a b'],
    ['trim_start("x", "xxaxx")', 'axx'],
    ['replace_string("a-b-c", "-", "+")', 'a+b+c'],
    ['replace_regex("a1b22", @"(\\d+)", @"<\\1>")', 'a<1>b<22>'],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  test.each([
    ['split("a,b,c", ",")', ['a', 'b', 'c']],
    ['split("a,b,c", ",", 1)', ['b']],
    ['split("a,b,c", ",", 5)', []],
    ['split("", ",")', ['']],
    ['extract_all(@"(\\d+)", "a1b22c333")', ['1', '22', '333']],
    ['extract_all(@"(\\w)(\\d)", "a1b2")', [['a', '1'], ['b', '2']]],
    ['extract_all(@"(\\d+)", "none")', null],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });
});

describe('datetime functions', () => {
  test.each([
    ['now()', NOW],
    ['now(-1d)', new Date('2024-04-30T10:00:00Z')],
    ['ago(1h)', new Date('2024-05-01T09:00:00Z')],
    ['ago(7d)', new Date('2024-04-24T10:00:00Z')],
    ['startofday(datetime(2024-05-01T10:17:00Z))', new Date('2024-05-01T00:00:00Z')],
    ['startofday(datetime(2024-05-01T10:17:00Z), -1)', new Date('2024-04-30T00:00:00Z')],
    ['startofweek(datetime(2024-05-01))', new Date('2024-04-28T00:00:00Z')],
    ['startofmonth(datetime(2024-05-17))', new Date('2024-05-01T00:00:00Z')],
    ['startofyear(datetime(2024-05-17))', new Date('2024-01-01T00:00:00Z')],
    ['endofday(datetime(2024-05-01T10:00:00Z))', new Date('2024-05-01T23:59:59.999Z')],
    ['endofmonth(datetime(2024-02-10))', new Date('2024-02-29T23:59:59.999Z')],
    ['datetime_add("month", 1, datetime(2024-01-31))', new Date('2024-02-29T00:00:00Z')],
    ['datetime_add("hour", -2, datetime(2024-01-01))', new Date('2023-12-31T22:00:00Z')],
    ['make_datetime(2024, 2, 29, 1, 2, 3.5)', new Date('2024-02-29T01:02:03.500Z')],
    ['make_datetime(2024, 13, 1)', null],
    ['unixtime_seconds_todatetime(1700000000)', new Date('2023-11-14T22:13:20Z')],
    ['dayofweek(datetime(2024-05-01))', new KqlTimespan(3 * 86_400_000)],
    ['make_timespan(1, 30)', new KqlTimespan(5_400_000)],
    ['make_timespan(1, 2, 3, 4)', new KqlTimespan(93_784_000)],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  test.each([
    ['dayofmonth(datetime(2024-05-17))', 17],
    ['dayofyear(datetime(2024-02-01))', 32],
    ['hourofday(datetime(2024-05-01T13:45:00Z))', 13],
    ['getmonth(datetime(2024-05-01))', 5],
    ['getyear(datetime(2024-05-01))', 2024],
    ['weekofyear(datetime(2024-01-01))', 1],
    ['weekofyear(datetime(2021-01-01))', 53],
    ['datetime_diff("day", datetime(2024-01-10), datetime(2024-01-01))', 9],
    ['datetime_diff("month", datetime(2024-03-01), datetime(2023-12-31))', 3],
    ['datetime_diff("year", datetime(2024-01-01), datetime(2023-12-31))', 1],
    ['datetime_diff("minute", datetime(2024-01-01T00:10:00Z), datetime(2024-01-01))', 10],
    ['datetime_part("hour", datetime(2024-01-01T13:00:00Z))', 13],
    ['datetime_part("quarter", datetime(2024-05-01))', 2],
    ['format_datetime(datetime(2024-01-02T03:04:05.678Z), "yyyy-MM-dd HH:mm:ss.fff")', '2024-01-02 03:04:05.678'],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });
});

describe('math and bitwise functions', () => {
  test.each([
    ['bin(7, 5)', 5],
    ['bin(-1, 5)', -5],
    ['bin(7.5, 0.5)', 7.5],
    ['floor(12.3, 5)', 10],
    ['bin(7, 0)', null],
    ['abs(-3)', 3],
    ['ceiling(1.2)', 2],
    ['exp(0)', 1],
    ['exp10(2)', 100],
    ['exp2(3)', 8],
    ['log(1)', 0],
    ['log10(1000)', 3],
    ['log2(8)', 3],
    ['pow(2, 10)', 1024],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(3.14159, 2)', 3.14],
    ['sign(-4)', -1],
    ['isnan(real(nan))', true],
    ['isinf(real(-inf))', true],
    ['isfinite(1.0)', true],
    ['binary_and(12, 10)', 8],
    ['binary_or(12, 10)', 14],
    ['binary_xor(12, 10)', 6],
    ['binary_not(0)', -1],
    ['binary_shift_left(1, 4)', 16],
    ['binary_shift_right(256, 4)', 16],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  test.each([
    ['bin(datetime(2024-05-01T10:17:00Z), 1h)', new Date('2024-05-01T10:00:00Z')],
    ['bin(datetime(2024-05-01T10:17:00Z), 15m)', new Date('2024-05-01T10:15:00Z')],
    ['floor(datetime(2024-05-01T10:17:00Z), 1d)', new Date('2024-05-01T00:00:00Z')],
    // KQL counts from 0001-01-01, a Monday: week bins start on Mondays.
    ['bin(datetime(2024-05-01T10:17:00Z), 7d)', new Date('2024-04-29T00:00:00Z')],
    ['bin(95m, 1h)', new KqlTimespan(3_600_000)],
    ['abs(-2h)', new KqlTimespan(7_200_000)],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  test('bin keeps the type of its input', () => {
    expect(typed('bin(7, 5)')).toEqual({ value: 5, type: 'long' });
    expect(typed('bin(datetime(2024-05-01T10:17:00Z), 1h)').type).toBe('datetime');
  });
});

describe('conditional functions', () => {
  test.each([
    ['iif(1 > 2, "a", "b")', 'b'],
    ['iff(true, "a", "b")', 'a'],
    ['iif(bool(null), "a", "b")', 'b'],
    ['case(1 > 2, "a", 2 > 1, "b", "c")', 'b'],
    ['case(false, "a", "else")', 'else'],
    ['max_of(1, 5, int(null), 3)', 5],
    ['min_of(4, 2, 8)', 2],
    ['coalesce("", "b", "c")', 'b'],
    ['coalesce(int(null), 7)', 7],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });
});

describe('dynamic and array functions', () => {
  test.each([
    ['array_length(pack_array(1, 2, 3))', 3],
    ['array_length(parse_json("{}"))', null],
    ['pack_array(1, "a", datetime(2024-01-01))', [1, 'a', '2024-01-01T00:00:00Z']],
    ['pack("a", 1, "b", "x")', { a: 1, b: 'x' }],
    ['bag_pack("n", int(null))', { n: null }],
    ['array_concat(pack_array(1), pack_array(2, 3))', [1, 2, 3]],
    ['zip(pack_array(1, 2), pack_array("a"))', [[1, 'a'], [2, null]]],
    ['parse_xml(\'<a x="1"><b>2</b><b>3</b><c/></a>\')', { a: { '@x': '1', b: ['2', '3'], c: null } }],
    ['parse_xml("<unclosed>")', null],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });
});

describe('functions only transformations know', () => {
  const transformation = compileTransformation(
    'source | project Cef = parse_cef_dictionary(Message), Geo = geo_location(Address), Country = tostring(geo_location(Address).Country), '
    + 'Source = tostring(parse_cef_dictionary(Message).Extension.src)',
    [{ name: 'Message', type: 'string' }, { name: 'Address', type: 'string' }]);

  test('parse_cef_dictionary puts the CEF extension under "Extension", values unescaped', () => {
    const output = applyAndRead(transformation, {
      Message: 'CEF:0|Fortinet|FortiGate|7.2|13|traffic\\|forward|5|src=10.0.0.1 dst=198.51.100.2 msg=a = b\\=c\\\\d cs1Label=Policy',
      Address: '',
    });
    expect(output?.Cef).toEqual({ Extension: { src: '10.0.0.1', dst: '198.51.100.2', msg: 'a = b=c\\d', cs1Label: 'Policy' } });
    expect(output?.Source).toBe('10.0.0.1');
  });

  test('parse_cef_dictionary reads a bare extension too', () => {
    expect(applyAndRead(transformation, { Message: 'act=blocked suser=alice smith', Address: '' })?.Cef)
      .toEqual({ Extension: { act: 'blocked', suser: 'alice smith' } });
  });

  test('geo_location is a placeholder with the documented members, all null', () => {
    const output = applyAndRead(transformation, { Message: '', Address: '203.0.113.9' });
    expect(output?.Geo).toEqual({ Country: null, Region: null, State: null, City: null, Latitude: null, Longitude: null });
    expect(output?.Country).toBe('');
  });
});
