import { INGESTION_PATH_TITLES, IngestionPath } from '../../model/connectors/connector-catalog-entry';
import { SampleRowDifference } from './compare-sample-rows';
import { ConnectorSamplesResult, SamplesReport } from './run-samples';

const MAX_ROW_TEXT = 300;

function valueText(value: unknown): string {
  return value === undefined ? '(no value)' : JSON.stringify(value);
}

function rowText(row: Record<string, unknown>): string {
  const text = JSON.stringify(row);
  return text.length > MAX_ROW_TEXT ? `${text.slice(0, MAX_ROW_TEXT)}...` : text;
}

/** The lines of one difference: which input, which table and row, which column, expected and actual. */
export function formatDifference(difference: SampleRowDifference): string[] {
  const where = `${difference.sample} -> ${difference.table}${difference.rowIndex > 0 ? ` (its row ${difference.rowIndex + 1})` : ''}`;
  switch (difference.kind) {
    case 'missing':
      return [`${where}: expected row not produced`, `  expected: ${rowText(difference.expected)}`];
    case 'unexpected':
      return [`${where}: row not expected`, `  actual:   ${rowText(difference.actual)}`];
    case 'changed':
      return difference.columns.flatMap((column) => [
        `${where}, column ${column.column}:`,
        `  expected: ${valueText(column.expected)}`,
        `  actual:   ${valueText(column.actual)}`,
      ]);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const STATUS_LABELS: Record<ConnectorSamplesResult['status'], string> = {
  'passed': 'ok', 'failed': 'FAIL', 'updated': 'updated', 'skipped': 'skipped', 'no-samples': '-',
};

function headline(result: ConnectorSamplesResult, nameWidth: number): string {
  const pathTitle = result.ingestionPath === undefined ? 'no such connector'
    : INGESTION_PATH_TITLES[result.ingestionPath as IngestionPath] ?? result.ingestionPath;
  const counts = result.status === 'skipped' || result.status === 'no-samples' ? result.note ?? ''
    : `${plural(result.inputs, 'input')}, ${plural(result.rows, 'row')}`
      + (result.differences.length > 0 ? `, ${plural(result.differences.length, 'difference')}` : '')
      + (result.note === undefined ? '' : `; ${result.note}`);
  return `${STATUS_LABELS[result.status].padEnd(8)}${result.name.padEnd(nameWidth)}  ${pathTitle}: ${counts}`;
}

/** The report as the `samples` command prints it: a line per connector, then each difference and problem. */
export function formatSamplesReport(report: SamplesReport): string[] {
  const lines = [`Sample-data tests of stack ${report.stackName} (${report.samplesDir})`, ''];
  const nameWidth = Math.max(...report.connectors.map((result) => result.name.length), 0);
  for (const result of report.connectors) {
    lines.push(headline(result, nameWidth));
    for (const problem of result.problems) {
      lines.push(`          ${problem}`);
    }
    for (const difference of result.differences) {
      lines.push(...formatDifference(difference).map((line) => `          ${line}`));
    }
  }
  const count = (status: ConnectorSamplesResult['status']) => report.connectors.filter((result) => result.status === status).length;
  lines.push('');
  if (report.update) {
    lines.push(report.updatedFiles.length === 0 ? 'No expected rows changed.'
      : `Updated ${plural(report.updatedFiles.length, 'file')}: ${report.updatedFiles.join(', ')}; review the change before you commit it.`);
  }
  const failed = count('failed');
  lines.push(`${plural(count('passed') + count('updated'), 'connector')} passed, ${failed} failed, ${count('skipped')} skipped, `
    + `${count('no-samples')} without samples.`);
  return lines;
}

/** Thrown by {@link expectSamplesToMatch}: the report, and a message that is the printed report. */
export class SamplesMismatchError extends Error {
  public readonly code = 'SENTINEL_CDK_SAMPLES_MISMATCH';

  constructor(public readonly report: SamplesReport) {
    super(formatSamplesReport(report).join('\n'));
    this.name = 'SamplesMismatchError';
  }
}
