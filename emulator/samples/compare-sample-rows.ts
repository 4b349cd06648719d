import { ExpectedSampleRow } from './sample-directory';

/** A column whose value differs; `undefined` stands for a column the row does not have (or has as null or ""). */
export interface ColumnDifference {
  readonly column: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** How the rows of one input in one table differ from the expected ones. */
export type SampleRowDifference =
  | { readonly kind: 'changed'; readonly sample: string; readonly table: string; readonly rowIndex: number; readonly columns: readonly ColumnDifference[] }
  | { readonly kind: 'missing'; readonly sample: string; readonly table: string; readonly rowIndex: number; readonly expected: Record<string, unknown> }
  | { readonly kind: 'unexpected'; readonly sample: string; readonly table: string; readonly rowIndex: number; readonly actual: Record<string, unknown> };

/** JSON text with the keys of objects sorted, so that equal values have equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Kusto has no null string: an empty string and a null are the same absence of a value. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The columns of two rows whose values differ, in the order the expected row lists them, then the actual row's others. */
export function columnDifferences(expected: Record<string, unknown>, actual: Record<string, unknown>): ColumnDifference[] {
  const columns = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
  return columns.flatMap((column) => {
    const wanted = present(expected[column]) ? expected[column] : undefined;
    const found = present(actual[column]) ? actual[column] : undefined;
    return canonical(wanted) === canonical(found) ? [] : [{ column, expected: wanted, actual: found }];
  });
}

function groupKey(entry: { sample: string; table: string }): string {
  return `${entry.sample}\u0000${entry.table}`;
}

function groups(rows: readonly ExpectedSampleRow[]): Map<string, ExpectedSampleRow[]> {
  const grouped = new Map<string, ExpectedSampleRow[]>();
  for (const row of rows) {
    const key = groupKey(row);
    grouped.set(key, [...(grouped.get(key) ?? []), row]);
  }
  return grouped;
}

/**
 * Compares the rows the samples produced with the expected ones. Rows are matched by the input that produced them
 * and their table, then in order: an input that lost a row reports that row missing, and the rows of other inputs
 * still line up. A column absent, null or the empty string is the same.
 *
 * @param sampleOrder the inputs in the order they were sent, to report differences in that order
 */
export function compareSampleRows(expected: readonly ExpectedSampleRow[], actual: readonly ExpectedSampleRow[],
  sampleOrder: readonly string[]): SampleRowDifference[] {
  const wanted = groups(expected);
  const found = groups(actual);
  const position = new Map(sampleOrder.map((sample, index) => [sample, index]));
  const keys = [...new Set([...found.keys(), ...wanted.keys()])];
  const sampleOf = (key: string) => key.split('\u0000')[0];
  keys.sort((a, b) => (position.get(sampleOf(a)) ?? Number.MAX_SAFE_INTEGER) - (position.get(sampleOf(b)) ?? Number.MAX_SAFE_INTEGER));
  const differences: SampleRowDifference[] = [];
  for (const key of keys) {
    const expectedRows = wanted.get(key) ?? [];
    const actualRows = found.get(key) ?? [];
    const { sample, table } = (expectedRows[0] ?? actualRows[0]);
    for (let rowIndex = 0; rowIndex < Math.max(expectedRows.length, actualRows.length); rowIndex++) {
      const wantedRow = expectedRows[rowIndex];
      const foundRow = actualRows[rowIndex];
      if (foundRow === undefined) {
        differences.push({ kind: 'missing', sample, table, rowIndex, expected: wantedRow.row });
      } else if (wantedRow === undefined) {
        differences.push({ kind: 'unexpected', sample, table, rowIndex, actual: foundRow.row });
      } else {
        const columns = columnDifferences(wantedRow.row, foundRow.row);
        if (columns.length > 0) {
          differences.push({ kind: 'changed', sample, table, rowIndex, columns });
        }
      }
    }
  }
  return differences;
}
