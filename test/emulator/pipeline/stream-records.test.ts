import {
  MAX_FIELD_VALUE_BYTES, recordReader, RecordNotDeclaredShapeError, truncatedFieldValue,
} from '../../../emulator/pipeline/stream-records';
import { ColumnDefinition } from '../../../model/tables/table-schema';

const columns: ColumnDefinition[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Message', type: 'string' },
  { name: 'Count', type: 'int' },
  { name: 'Bytes', type: 'long' },
  { name: 'Ratio', type: 'real' },
  { name: 'Flag', type: 'boolean' },
  { name: 'Properties', type: 'dynamic' },
];
const read = recordReader(columns);

function refusal(record: unknown): RecordNotDeclaredShapeError {
  try {
    read(record, 4);
  } catch (error) {
    if (error instanceof RecordNotDeclaredShapeError) {
      return error;
    }
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(record)}`);
}

describe('recordReader', () => {
  test('converts each declared column to its type, leaves out missing and null values and undeclared properties', () => {
    expect(read({
      TimeGenerated: '2026-11-25T10:00:00.123Z', Message: 'hello', Count: '42', Bytes: 9_007_199_254_740_991, Ratio: '0.5', Flag: 'TRUE',
      Properties: { nested: [1, 2] }, Undeclared: 'dropped',
    }, 0)).toEqual({
      TimeGenerated: new Date('2026-11-25T10:00:00.123Z'), Message: 'hello', Count: 42, Bytes: 9_007_199_254_740_991, Ratio: 0.5, Flag: true,
      Properties: { nested: [1, 2] },
    });
    expect(read({ Message: null, Count: 1 }, 0)).toEqual({ Count: 1 });
  });

  test('writes numbers, booleans and objects sent for a string column as JSON text', () => {
    expect(read({ Message: 12.5 }, 0)).toEqual({ Message: '12.5' });
    expect(read({ Message: false }, 0)).toEqual({ Message: 'false' });
    expect(read({ Message: { a: 1 } }, 0)).toEqual({ Message: '{"a":1}' });
  });

  test('reads datetimes without a zone as UTC, and dates alone', () => {
    expect(read({ TimeGenerated: '2026-11-25T10:00:00' }, 0)).toEqual({ TimeGenerated: new Date('2026-11-25T10:00:00Z') });
    expect(read({ TimeGenerated: '2026-11-25' }, 0)).toEqual({ TimeGenerated: new Date('2026-11-25T00:00:00Z') });
    expect(read({ TimeGenerated: '2026-11-25T10:00:00+02:00' }, 0)).toEqual({ TimeGenerated: new Date('2026-11-25T08:00:00Z') });
  });

  test('reads the canonical UTC form as Date.parse does, and leaves every other form to the general reading', () => {
    const texts = [
      '2026-11-25T10:00:00Z', '2026-11-25T10:00:00.123Z', '1999-12-31T23:59:59.999Z', '2024-02-29T12:00:00.000Z',
      '2026-02-30T00:00:00Z', '2026-11-25T10:00:00.1234Z', '2026-11-25T10:00:00.1Z', '2026-11-25 10:00:00Z', '2026-11-25T10:00:00z',
    ];
    for (const text of texts) {
      expect([text, (read({ TimeGenerated: text }, 0).TimeGenerated as Date).getTime()]).toEqual([text, Date.parse(text)]);
    }
    for (const text of ['2026-13-25T10:00:00Z', '2026-11-25T1a:00:00Z', '2026-11-25T10:00:00.12aZ', '2026-11-25T10:-1:00Z', '2026-11-25T25:00:00Z']) {
      expect(refusal({ TimeGenerated: text }).message).toContain('is not a datetime');
    }
  });

  test.each([
    [{ TimeGenerated: 'yesterday' }, 'record 4, column TimeGenerated: "yesterday" is not a datetime (ISO 8601 text expected)'],
    [{ TimeGenerated: 1_764_000_000 }, 'record 4, column TimeGenerated: 1764000000 is not a datetime (ISO 8601 text expected)'],
    [{ Count: 1.5 }, 'record 4, column Count: 1.5 is not an int'],
    [{ Count: 2_147_483_648 }, 'record 4, column Count: 2147483648 is not an int'],
    [{ Bytes: 'many' }, 'record 4, column Bytes: "many" is not a long'],
    [{ Ratio: 'NaN' }, 'record 4, column Ratio: "NaN" is not a real'],
    [{ Flag: 'yes' }, 'record 4, column Flag: "yes" is not a boolean'],
    ['text', 'record 4: expected a JSON object, received "text"'],
    [[1, 2], 'record 4: expected a JSON object, received [1,2]'],
  ])('refuses %j: %s', (record, message) => {
    expect(refusal(record).message).toBe(message);
  });
});

describe('truncatedFieldValue', () => {
  test('keeps values up to 64 KB and cuts longer ones at a character boundary', () => {
    const fits = 'a'.repeat(MAX_FIELD_VALUE_BYTES);
    expect(truncatedFieldValue(fits)).toBe(fits);
    expect(truncatedFieldValue(`${fits}b`)).toBe(fits);
    // 'é' takes two bytes: 32,768 of them fill 64 KB exactly; one byte less leaves the last one out whole.
    const accents = `a${'é'.repeat(32_768)}`;
    const cut = truncatedFieldValue(accents);
    expect(Buffer.byteLength(cut)).toBe(MAX_FIELD_VALUE_BYTES - 1);
    expect(cut).toBe(`a${'é'.repeat(32_767)}`);
    expect(read({ Message: `${fits}tail` }, 0)).toEqual({ Message: fits });
  });
});
