import { compareSampleRows } from '../../../emulator/samples/compare-sample-rows';
import { formatDifference } from '../../../emulator/samples/format-samples-report';
import { ExpectedSampleRow } from '../../../emulator/samples/sample-directory';

const row = (sample: string, values: Record<string, unknown>, table = 'Syslog'): ExpectedSampleRow => ({ sample, table, row: values });

describe('compareSampleRows', () => {
  test('equal rows have no difference; an absent column, null and "" are the same; objects compare by value', () => {
    const expected = [row('a.log:1', { Facility: 'auth', Extra: { b: 1, a: [1, 2] } })];
    const actual = [row('a.log:1', { Facility: 'auth', Extra: { a: [1, 2], b: 1 }, HostName: '', ProcessID: null })];
    expect(compareSampleRows(expected, actual, ['a.log:1'])).toEqual([]);
  });

  test('names the column that changed, with both values, and one that appeared or vanished', () => {
    const differences = compareSampleRows(
      [row('a.log:1', { Facility: 'auth', SeverityLevel: 'info', ProcessID: 42 })],
      [row('a.log:1', { Facility: 'auth', SeverityLevel: 'notice', HostIP: '127.0.0.1' })],
      ['a.log:1'],
    );
    expect(differences).toEqual([{
      kind: 'changed', sample: 'a.log:1', table: 'Syslog', rowIndex: 0, columns: [
        { column: 'SeverityLevel', expected: 'info', actual: 'notice' },
        { column: 'ProcessID', expected: 42, actual: undefined },
        { column: 'HostIP', expected: undefined, actual: '127.0.0.1' },
      ],
    }]);
    expect(formatDifference(differences[0])).toEqual([
      'a.log:1 -> Syslog, column SeverityLevel:', '  expected: "info"', '  actual:   "notice"',
      'a.log:1 -> Syslog, column ProcessID:', '  expected: 42', '  actual:   (no value)',
      'a.log:1 -> Syslog, column HostIP:', '  expected: (no value)', '  actual:   "127.0.0.1"',
    ]);
  });

  test('an input that lost its row does not shift the rows of the next inputs; differences come in input order', () => {
    const expected = [row('a.log:1', { M: 'one' }), row('a.log:2', { M: 'two' }), row('a.log:3', { M: 'three' })];
    const actual = [row('a.log:1', { M: 'one' }), row('a.log:3', { M: 'three' }), row('a.log:3', { M: 'three' }, 'CommonSecurityLog')];
    expect(compareSampleRows(expected, actual, ['a.log:1', 'a.log:2', 'a.log:3'])).toEqual([
      { kind: 'missing', sample: 'a.log:2', table: 'Syslog', rowIndex: 0, expected: { M: 'two' } },
      { kind: 'unexpected', sample: 'a.log:3', table: 'CommonSecurityLog', rowIndex: 0, actual: { M: 'three' } },
    ]);
  });

  test('a second row of the same input and table is reported as its row 2', () => {
    const differences = compareSampleRows([row('r.json[0]', { M: 'x' })], [row('r.json[0]', { M: 'x' }), row('r.json[0]', { M: 'y' })], ['r.json[0]']);
    expect(differences.map(formatDifference)).toEqual([['r.json[0] -> Syslog (its row 2): row not expected', '  actual:   {"M":"y"}']]);
  });
});
