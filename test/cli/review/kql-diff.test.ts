import { kqlDiff, kqlOperatorLines, unifiedLineDiff } from '../../../cli/review/kql-diff';

describe('KQL diffs', () => {
  test('each top-level pipe starts a line; pipes in strings, comments and brackets stay', () => {
    expect(kqlOperatorLines('source | where Message has "a | b" | extend X = iff(A, "x", "y") | project-away RawData')).toBe(
      'source\n| where Message has "a | b"\n| extend X = iff(A, "x", "y")\n| project-away RawData');
    expect(kqlOperatorLines('source // a | comment\n| where A == @"c:\\|" | take 1')).toBe('source // a | comment\n| where A == @"c:\\|"\n| take 1');
    expect(kqlOperatorLines('let T = (source | where A); T | count')).toBe('let T = (source | where A); T\n| count');
  });

  test('a transform diff shows the operator that changed', () => {
    expect(kqlDiff('source | where Activity !has "heartbeat"', 'source | where Activity !has "heartbeat" | project-away AdditionalExtensions'))
      .toBe(' source\n | where Activity !has "heartbeat"\n+| project-away AdditionalExtensions');
  });

  test('a long diff keeps the changed lines and three lines of context, as hunks', () => {
    const before = Array.from({ length: 60 }, (_, index) => `line ${index + 1}`).join('\n');
    const after = before.replace('line 30', 'line thirty');
    expect(unifiedLineDiff(before, after)).toBe(
      '@@ -27,7 +27,7 @@\n line 27\n line 28\n line 29\n-line 30\n+line thirty\n line 31\n line 32\n line 33');
  });
});
