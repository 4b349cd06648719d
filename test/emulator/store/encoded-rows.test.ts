import { EncodedRows } from '../../../emulator/store/encoded-rows';
import { KqlTimespan, Row } from '../../../model/kql/values';

describe('EncodedRows', () => {
  test('gives back every kind of value as it was written, without the null members', () => {
    const rows = new EncodedRows(10);
    const row: Row = {
      TimeGenerated: new Date('2026-11-25T10:00:00.123Z'), Message: 'héllo \u{1F600} wörld', Empty: '', Count: 42, Ratio: -0.5,
      Big: 9_007_199_254_740_991, Flag: true, Off: false, Properties: { nested: [1, 'two', null], flag: false }, List: ['a', 1],
      Elapsed: new KqlTimespan(1500.25), Missing: null,
    };
    rows.append(row);
    rows.append({ Only: 'one' });
    const [first, second] = [...rows.rows()];
    const { Missing: _missing, ...expected } = row;
    expect(first).toEqual(expected);
    expect(first.Elapsed).toBeInstanceOf(KqlTimespan);
    expect(first.TimeGenerated).toBeInstanceOf(Date);
    expect(second).toEqual({ Only: 'one' });
  });

  test('keeps the newest rowCap rows, oldest first, and reports each one dropped', () => {
    const rows = new EncodedRows(3);
    const dropped = [1, 2, 3, 4, 5].map((index) => rows.append({ Index: index }));
    expect(dropped).toEqual([false, false, false, true, true]);
    expect(rows.size).toBe(3);
    expect([...rows.rows()].map((row) => row.Index)).toEqual([3, 4, 5]);
  });

  test('holds rows larger than a segment, and many rows across segments, dropping the oldest', () => {
    const rows = new EncodedRows(1_000);
    const large = 'x'.repeat(5 * 1024 * 1024);
    rows.append({ Large: large });
    for (let index = 0; index < 20_000; index++) {
      rows.append({ Index: index, Text: `row ${index} ${'y'.repeat(400)}` });
    }
    const held = [...rows.rows()];
    expect(held).toHaveLength(1_000);
    expect(held[0]).toEqual({ Index: 19_000, Text: `row 19000 ${'y'.repeat(400)}` });
    expect(held[999].Index).toBe(19_999);
    // The large row's segment is gone, and the segments of dropped rows too: the newest one or two 4 MiB segments
    // remain, with at most two freed ones kept for reuse.
    expect(rows.bytes).toBeLessThanOrEqual(4 * 4 * 1024 * 1024);
    const fresh = new EncodedRows(2);
    fresh.append({ Large: large });
    expect([...fresh.rows()][0].Large).toHaveLength(large.length);
  });

  test('reuses the segments that dropped rows free, and reads every row back from a reused segment', () => {
    const rows = new EncodedRows(5_000);
    const text = (index: number) => `event ${index} ${'z'.repeat(index % 700)}`;
    // About 180 MiB written through a table that holds under 2 MiB of rows.
    for (let index = 0; index < 500_000; index++) {
      rows.append({ Index: index, Text: text(index), At: new Date(index) });
    }
    const held = [...rows.rows()];
    expect(held).toHaveLength(5_000);
    held.forEach((row, offset) => {
      const index = 495_000 + offset;
      expect(row).toEqual({ Index: index, Text: text(index), At: new Date(index) });
    });
    expect(rows.bytes).toBeLessThanOrEqual(4 * 4 * 1024 * 1024);
  });

  test('writes rows whose members come in ever new orders with their column numbers, and reads them back alike', () => {
    const rows = new EncodedRows(100_000);
    // 17 members in rotating orders, then ever new names: far more shapes than a table numbers.
    const names = Array.from({ length: 17 }, (_, index) => `C${index}`);
    const written: Row[] = [];
    for (let index = 0; index < 70_000; index++) {
      const row: Row = {};
      const first = index % 17;
      for (let step = 0; step < 3; step++) {
        row[names[(first + step) % 17]] = step === 0 ? index : `v${step}`;
      }
      row[`Unique${index}`] = true;
      written.push(row);
      rows.append(row);
    }
    expect([...rows.rows()]).toEqual(written);
  });

  test('refuses a row cap under one', () => {
    expect(() => new EncodedRows(0)).toThrow('a table holds at least one row; the row cap is 0');
  });
});
