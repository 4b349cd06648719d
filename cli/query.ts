import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CommandIo, UsageError } from './command-io';
import { formatTable } from './format-table';

export const QUERY_USAGE = `Usage: sentinel-cdk query [--workspace NAME] [--out DIR] [--timespan ISO8601] [--format table|json|csv] [--all-columns] KQL

Queries a running emulator through its Log Analytics query API and prints the result. The emulator writes its
address and certificate to <out>/emulator/connection.json when it starts.

  --workspace NAME   the workspace, by name or id (default: the only one)
  --out DIR          the synthesized output the emulator runs on (default: cdktf.out)
  --timespan T       an ISO 8601 duration or interval (e.g. PT1H), as the API takes it
  --format F         table (default: aligned columns), json (an array of objects, one a row) or csv (RFC 4180)
  --all-columns      every column of the result; by default the columns no row has a value in are left out (a
                     CommonSecurityLog row has 164 columns, most of them empty)`;

/** Output formats of the command. */
const FORMATS = ['table', 'json', 'csv'] as const;

interface Connection {
  httpsUrl: string;
  certificatePath: string;
  workspaces: Array<{ name: string; customerId: string }>;
}

interface QueryResponse {
  tables?: Array<{ columns: Array<{ name: string; type: string }>; rows: unknown[][] }>;
  error?: { code: string; message: string; innererror?: { code?: string; message?: string } };
}

/** A cell as text: empty for no value, JSON for dynamic values. */
function cellText(value: unknown): string {
  return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function post(url: URL, ca: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST', ca,
      headers: { 'content-type': 'application/json', 'authorization': 'Bearer sentinel-cdk-emulator', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** `sentinel-cdk query`: returns the exit code. */
export async function runQueryCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      out: { type: 'string', default: 'cdktf.out' },
      timespan: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'all-columns': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(QUERY_USAGE);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: "${values.format}" is not a format; expected ${FORMATS.join(', ')}`);
  }
  const kql = positionals.join(' ').trim();
  if (kql === '') {
    throw new UsageError('give the KQL to run, e.g. sentinel-cdk query \'CommonSecurityLog | take 10\'');
  }
  const connectionFile = path.join(values.out as string, 'emulator', 'connection.json');
  let connection: Connection;
  try {
    connection = JSON.parse(readFileSync(connectionFile, 'utf8')) as Connection;
  } catch {
    throw new UsageError(`${connectionFile} is missing; start the emulator first (\`npm start\` or \`sentinel-cdk emulator\`)`);
  }
  const workspace = values.workspace === undefined
    ? (connection.workspaces.length === 1 ? connection.workspaces[0] : undefined)
    : connection.workspaces.find((candidate) => candidate.name === values.workspace || candidate.customerId === values.workspace);
  if (workspace === undefined) {
    throw new UsageError(values.workspace === undefined
      ? `the emulator has several workspaces; choose one with --workspace (${connection.workspaces.map((entry) => entry.name).join(', ')})`
      : `no workspace "${values.workspace}"; workspaces: ${connection.workspaces.map((entry) => entry.name).join(', ')}`);
  }
  let response: { status: number; body: string };
  try {
    response = await post(new URL(`/v1/workspaces/${workspace.customerId}/query`, connection.httpsUrl), readFileSync(connection.certificatePath, 'utf8'),
      JSON.stringify({ query: kql, ...(values.timespan === undefined ? {} : { timespan: values.timespan }) }));
  } catch (error) {
    io.stderr(`sentinel-cdk query: cannot reach the emulator at ${connection.httpsUrl}: ${(error as Error).message}`);
    return 1;
  }
  const parsed = JSON.parse(response.body) as QueryResponse;
  if (response.status !== 200 || parsed.error !== undefined) {
    const inner = parsed.error?.innererror;
    io.stderr(`${parsed.error?.code ?? response.status}: ${parsed.error?.message ?? response.body}`
      + (inner?.message === undefined ? '' : `\n${inner.code ?? ''}: ${inner.message}`));
    return 1;
  }
  const table = parsed.tables?.[0];
  if (table === undefined) {
    io.stdout('(no result)');
    return 0;
  }
  // Kusto has no null string: "" is no value, as are nulls of the other types.
  const shown = table.columns.map((column, index) => ({ name: column.name, index }))
    .filter(({ index }) => values['all-columns'] === true || table.rows.some((row) => cellText(row[index]) !== ''));
  const rows = table.rows.map((row) => shown.map(({ index }) => row[index]));
  if (format === 'json') {
    io.stdout(JSON.stringify(rows.map((row) => Object.fromEntries(shown.map(({ name }, column) => [name, row[column] ?? null])
      .filter(([, value]) => values['all-columns'] === true || cellText(value) !== ''))), null, 2));
    return 0;
  }
  if (format === 'csv') {
    [shown.map(({ name }) => name), ...rows.map((row) => row.map(cellText))].forEach((cells) => io.stdout(cells.map(csvField).join(',')));
    return 0;
  }
  formatTable(shown.map(({ name }) => name), rows.map((row) => row.map((value) => cellText(value).replace(/[\r\n\t]+/g, ' ')))).forEach((line) => io.stdout(line));
  const hidden = table.columns.length - shown.length;
  io.stdout(`(${table.rows.length} row${table.rows.length === 1 ? '' : 's'}`
    + (hidden === 0 ? ')' : `; ${hidden} column${hidden === 1 ? '' : 's'} without a value left out, --all-columns shows them)`));
  return 0;
}
