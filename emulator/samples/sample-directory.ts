import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Name of the file of expected rows in a connector's sample folder. */
export const EXPECTED_ROWS_FILE = 'expected.jsonl';

/**
 * One input of a connector's samples, sent on its own so that the rows it produces can be told apart:
 * a line of a `.syslog` file (a syslog or CEF message), or a record of a `.json` file.
 */
export interface SampleInput {
  /**
   * Where it comes from, as expected rows name it: `auth.syslog:3` (line 3), `records.json[0]` (record 0),
   * `access.txt:2` (line 2), `page.response.json` (the whole file).
   */
  readonly sample: string;
  readonly file: string;
  readonly kind: 'syslog' | 'record' | 'line' | 'response';
  /**
   * The syslog message (kind `syslog`), the JSON record (`record`), a line for a text file (`line`), or the body of a
   * recorded API response that a codeless poller reads (`response`, as text).
   */
  readonly value: unknown;
  /** For records: the stream the file names (`<stream>.json`), if it names one. */
  readonly stream?: string;
}

/** A row the samples are expected to produce (one line of `expected.jsonl`). */
export interface ExpectedSampleRow {
  /** The input that produced the row, as {@link SampleInput.sample}. */
  readonly sample: string;
  /** The table the row is in (`<workspace>/<table>` in a stack with several workspaces). */
  readonly table: string;
  /** The row's columns that have a value (not null, not ""), as JSON: datetimes in ISO 8601, the receive time as `<received>`. */
  readonly row: Record<string, unknown>;
}

/** The sample folder of one connector: `<samples>/<connector>/`. */
export interface ConnectorSampleFolder {
  /** The folder's name: the connector's construct id (`LinuxAuth`) or its catalog id (`SyslogAma`). */
  readonly name: string;
  readonly directory: string;
  readonly inputs: readonly SampleInput[];
  /** The path of `expected.jsonl`, whether or not it exists. */
  readonly expectedFile: string;
  /** The expected rows, or undefined when the file does not exist. */
  readonly expected?: readonly ExpectedSampleRow[];
  /** Mistakes in the folder's files, each naming the file and line. */
  readonly problems: readonly string[];
}

/** Stream names start with `Custom-` or `Microsoft-`; a `.json` file so named is posted to that stream. */
const STREAM_FILE = /^(Custom|Microsoft)-[A-Za-z0-9_-]+$/;

function linesOf(file: string, relative: string): SampleInput[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((raw, index): SampleInput[] => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Blank lines and `#` comments document the samples; they are not sent.
    if (line.trim() === '' || line.startsWith('#')) {
      return [];
    }
    return [{ sample: `${relative}:${index + 1}`, file: relative, kind: 'syslog', value: line }];
  });
}

/** The lines of a `.txt` file, each appended to a file the connector's text source watches; only blank lines are skipped. */
function textLinesOf(file: string, relative: string): SampleInput[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((raw, index): SampleInput[] => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    return line.trim() === '' ? [] : [{ sample: `${relative}:${index + 1}`, file: relative, kind: 'line', value: line }];
  });
}

function recordsOf(file: string, relative: string, problems: string[]): SampleInput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${relative}: not valid JSON: ${(error as Error).message}`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push(`${relative}: expected a JSON array of records, got ${parsed === null ? 'null' : typeof parsed}`);
    return [];
  }
  const baseName = path.basename(relative, '.json');
  const stream = STREAM_FILE.test(baseName) ? baseName : undefined;
  return parsed.map((record, index) => ({
    sample: `${relative}[${index}]`, file: relative, kind: 'record' as const, value: record, ...(stream === undefined ? {} : { stream }),
  }));
}

function expectedRowsOf(text: string, relative: string, problems: string[]): ExpectedSampleRow[] {
  return text.split('\n').flatMap((line, index): ExpectedSampleRow[] => {
    if (line.trim() === '') {
      return [];
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      problems.push(`${relative}:${index + 1}: not valid JSON: ${(error as Error).message}`);
      return [];
    }
    const entry = parsed as Partial<ExpectedSampleRow> | null;
    if (entry === null || typeof entry !== 'object' || typeof entry.sample !== 'string' || typeof entry.table !== 'string'
      || entry.row === null || typeof entry.row !== 'object' || Array.isArray(entry.row)) {
      problems.push(`${relative}:${index + 1}: expected {"sample": "<file>:<line>", "table": "<table>", "row": {...}}`);
      return [];
    }
    return [{ sample: entry.sample, table: entry.table, row: entry.row }];
  });
}

/**
 * Reads a samples folder: one sub-folder per connector, with `.syslog` files (one syslog or CEF message a line), `.json`
 * files (an array of records for the connector's stream, or for the stream the file is named after), `.txt` files
 * (lines a text file connector's file receives), `.response.json` files (a response of the API a codeless poller
 * reads) and `expected.jsonl`. Other files (a README) are ignored, but a `.log` file is reported: `*.log` is commonly
 * git-ignored, so samples so named may never reach the repository. Inputs are in file-name order, then line or record
 * order.
 */
export function readSampleFolders(samplesDir: string): ConnectorSampleFolder[] {
  if (!existsSync(samplesDir) || !statSync(samplesDir).isDirectory()) {
    throw new SamplesFolderError(`${samplesDir} is not a folder; make one with a sub-folder per connector (see "Sample-data tests" in the README)`);
  }
  return readdirSync(samplesDir).sort()
    .filter((name) => !name.startsWith('.') && statSync(path.join(samplesDir, name)).isDirectory())
    .map((name) => {
      const directory = path.join(samplesDir, name);
      const problems: string[] = [];
      const inputs = readdirSync(directory).sort().flatMap((file) => {
        const full = path.join(directory, file);
        if (file.endsWith('.syslog')) {
          return linesOf(full, file);
        }
        if (file.endsWith('.log')) {
          problems.push(`${file}: name files of syslog samples *.syslog, not *.log (which is commonly git-ignored, so the file might `
            + 'never reach the repository)');
        }
        if (file.endsWith('.response.json')) {
          return [{ sample: file, file, kind: 'response' as const, value: readFileSync(full, 'utf8') }];
        }
        if (file.endsWith('.json')) {
          return recordsOf(full, file, problems);
        }
        if (file.endsWith('.txt')) {
          return textLinesOf(full, file);
        }
        return [];
      });
      const expectedFile = path.join(directory, EXPECTED_ROWS_FILE);
      const expectedText = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : undefined;
      return {
        name, directory, inputs, expectedFile, problems,
        ...(expectedText === undefined ? {} : { expected: expectedRowsOf(expectedText, `${name}/${EXPECTED_ROWS_FILE}`, problems) }),
      };
    });
}

/** A samples folder that does not exist. */
export class SamplesFolderError extends Error {
  public readonly code = 'SENTINEL_CDK_SAMPLES_FOLDER';

  constructor(message: string) {
    super(message);
    this.name = 'SamplesFolderError';
  }
}

/** The text of `expected.jsonl` for rows: one JSON object a line, keys in the order given. */
export function expectedRowsText(rows: readonly ExpectedSampleRow[]): string {
  return rows.map((entry) => JSON.stringify({ sample: entry.sample, table: entry.table, row: entry.row })).join('\n') + (rows.length > 0 ? '\n' : '');
}
