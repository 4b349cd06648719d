import { compileTransformation, TransformationNotSupportedError } from '../../../../model/kql/evaluate/compile-transformation';
import { KqlQueryError, runQuery } from '../../../../model/kql/evaluate/run-query';
import { compileKqlRegex, kqlRegexProblem } from '../../../../model/kql/evaluate/regular-expressions';
import { KqlValue } from '../../../../model/kql/values';

/** The value of a scalar expression, by `print`. */
function evaluate(expression: string): KqlValue {
  return runQuery(`print Value = ${expression}`, []).rows[0][0];
}

describe('KQL regular expressions are RE2', () => {
  test('a pattern that backtracks exponentially in JavaScript runs in linear time (issue: extract("(a+)+$") never returned)', () => {
    const text = `${'a'.repeat(100_000)}b`;
    const started = process.hrtime.bigint();
    expect(evaluate(`extract("(a+)+$", 0, strcat(strrep("a", 1000), "b"))`)).toBe('');
    expect(compileKqlRegex('(a+)+$')?.test(text)).toBe(false);
    expect(compileKqlRegex('(x+x+)+y')?.test('x'.repeat(50_000))).toBe(false);
    // A generous bound that only a backtracking engine misses (it would take longer than the age of the universe).
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(20);
  });

  test.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'a(?=b)'],
    ['a negative lookahead', 'a(?!b)'],
    ['a lookbehind', '(?<=a)b'],
    ['a repeat count over 1000', 'a{1001}'],
    ['an unclosed group', '(ab'],
  ])('RE2 refuses %s, as Kusto does', (_description, pattern) => {
    expect(kqlRegexProblem(pattern)).toEqual(expect.stringContaining('error parsing regexp'));
    expect(compileKqlRegex(pattern)).toBeUndefined();
  });

  test.each([
    ['named groups as RE2 writes them', 'extract("(?P<user>[a-z]+)@", 1, "alice@contoso.com")', 'alice'],
    ['POSIX classes', 'extract("[[:digit:]]+", 0, "port 5514")', '5514'],
    ['\\A and \\z', 'extract("\\\\A[a-z]+\\\\z", 0, "abc")', 'abc'],
    ['Unicode classes', 'extract("\\\\p{Greek}+", 0, "alpha αβγ")', 'αβγ'],
    ['inline flags', 'extract("(?i)ERROR", 0, "an error")', 'error'],
    ['ungreedy flag', 'extract("(?U)a+", 0, "aaa")', 'a'],
    ['$ only at the end of the text without (?m)', 'extract("a$", 0, "a\\nb")', ''],
    ['$ at each line end with (?m)', 'extract("(?m)a$", 0, "a\\nb")', 'a'],
    ['. stops at a line break without (?s)', 'extract("a.b", 0, "a\\nb")', ''],
    ['. crosses a line break with (?s)', 'extract("(?s)a.b", 0, "a\\nb")', 'a\nb'],
  ])('%s', (_description, expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  test('extract_all, countof, replace_regex, trim and matches regex walk every match without overlap', () => {
    expect(evaluate('extract_all("(\\\\d+)", "a1b22c333")')).toEqual(['1', '22', '333']);
    expect(evaluate('extract_all("x*", "ab")')).toEqual(['', '', '']);
    expect(evaluate('countof("aaaa", "aa", "regex")')).toBe(2);
    expect(evaluate('replace_regex("a1b22", "(\\\\d+)", "<\\\\1>")')).toBe('a<1>b<22>');
    expect(evaluate('replace_regex("abc", "", "-")')).toBe('-a-b-c-');
    expect(evaluate('trim("[ab]", "abxba")')).toBe('x');
    expect(evaluate('"Failed password" matches regex "(?i)failed\\\\s+pass"')).toBe(true);
  });

  test('a constant pattern RE2 refuses is a query error that names it and its position', () => {
    let error: unknown;
    try {
      runQuery('print x = extract("(a)\\\\1", 0, "aa")', []);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KqlQueryError);
    expect((error as KqlQueryError).message).toMatch(/^Line 1, position 19: The regular expression '\(a\)\\1' is not RE2 syntax, which Kusto uses: error parsing regexp: invalid escape sequence/);
    expect(() => runQuery('print x = "a" matches regex "a(?=b)"', [])).toThrow(/not RE2 syntax/);
  });

  test('a transformation with a pattern RE2 refuses is refused at load, with its line and column', () => {
    const compile = () => compileTransformation('source\n| where RawData matches regex "(?<!x)y"', [{ name: 'RawData', type: 'string' }]);
    expect(compile).toThrow(TransformationNotSupportedError);
    expect(compile).toThrow(/The regular expression '\(\?<!x\)y' is not RE2 syntax.*\(line 2, column 31\)/);
  });

  test('a pattern must be a constant, as the language service requires', () => {
    expect(() => runQuery('print p = "(a" | extend x = extract(p, 0, "a")', [])).toThrow(/must be a constant/);
  });
});
