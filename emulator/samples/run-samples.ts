import { createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Agent, request } from 'node:https';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INGESTION_PATH_TITLES, IngestionPath } from '../../model/connectors/connector-catalog-entry';
import { ConnectorMetadata } from '../../model/connectors/connector-metadata';
import { KqlTimespan } from '../../model/kql/values';
import { generateSelfSignedCertificate } from '../http/self-signed-certificate';
import { RunningEmulator, startEmulator } from '../start-emulator';
import { patternSegments } from '../listeners/text-log-files';
import { variablesUsed } from '../pollers/poller-settings';
import { EmulatedRule, loadTopology } from '../topology/load-topology';
import { readSynthesizedStack } from '../topology/read-synthesized-stacks';
import { compareSampleRows, SampleRowDifference } from './compare-sample-rows';
import { ConnectorSampleFolder, ExpectedSampleRow, expectedRowsText, readSampleFolders, SampleInput } from './sample-directory';

/** What a datetime column holds when its value is the time the emulator received the input. */
export const RECEIVED_TIME_PLACEHOLDER = '<received>';

/**
 * The self-signed certificate of the sample runs' emulators, made once per process: a test suite that runs the samples
 * several times saves the key generation (half a second) each time. It serves 127.0.0.1 only, for the run's length.
 */
let sampleRunCertificate: Promise<{ cert: string; key: string }> | undefined;

/** Options of {@link runSamples}. */
export interface RunSamplesOptions {
  /**
   * The synthesized output (`cdktf synth`).
   *
   * @default 'cdktf.out'
   */
  readonly outDir?: string;
  /**
   * The stack whose connectors the samples are for.
   *
   * @default - the only stack of `outDir`
   */
  readonly stack?: string;
  /**
   * The samples: a folder per connector.
   *
   * @default 'samples'
   */
  readonly samplesDir?: string;
  /**
   * Rewrite each connector's `expected.jsonl` with the rows the samples produced (only the files that change).
   *
   * @default false
   */
  readonly update?: boolean;
  /**
   * How long to wait for the emulator to take one input.
   *
   * @default 5000
   */
  readonly timeoutMs?: number;
}

/** What happened to one connector's samples. */
export type ConnectorSamplesStatus =
  /** every row as expected */
  | 'passed'
  /** rows differ from the expected ones, or the samples could not be sent */
  | 'failed'
  /** `expected.jsonl` was rewritten (update mode) */
  | 'updated'
  /** the folder exists, but the emulator cannot send this connector's data (files, service to service) */
  | 'skipped'
  /** the connector has no folder of samples */
  | 'no-samples';

/** The outcome for one connector (or one folder that names no connector). */
export interface ConnectorSamplesResult {
  /** The folder's name, or the connector's construct id when it has no folder. */
  readonly name: string;
  readonly constructPath?: string;
  readonly connectorId?: string;
  readonly title?: string;
  readonly ingestionPath?: string;
  readonly status: ConnectorSamplesStatus;
  /** Inputs sent (lines and records). */
  readonly inputs: number;
  /** Rows they produced. */
  readonly rows: number;
  readonly differences: readonly SampleRowDifference[];
  /** What prevented a comparison: bad files, an input the emulator refused, no expected rows. */
  readonly problems: readonly string[];
  /** Why a connector was skipped or has no samples. */
  readonly note?: string;
  /** The `expected.jsonl` of the folder. */
  readonly expectedFile?: string;
}

/** The outcome of {@link runSamples}. */
export interface SamplesReport {
  readonly stackName: string;
  readonly samplesDir: string;
  readonly update: boolean;
  readonly connectors: readonly ConnectorSamplesResult[];
  /** The `expected.jsonl` files rewritten (update mode). */
  readonly updatedFiles: readonly string[];
  /** True when no connector failed. */
  readonly passed: boolean;
}

const SYSLOG_PATHS = new Set(['syslog-ama', 'cef-ama']);
const RECORD_PATHS = new Set(['logs-ingestion-api', 'azure-functions', 'codeless-connector']);
const TEXT_FILE_PATH = 'custom-logs-ama';
const CODELESS_PATH = 'codeless-connector';

/** Why the samples of connectors of other paths cannot be run. */
const NOT_SENDABLE: Record<string, string> = {
  'service-to-service': 'Microsoft\'s service sends this data to the workspace; no samples possible',
};

/** `Computer` of the text file rows of a samples run, whatever machine it runs on. */
const SAMPLE_TEXT_FILE_COMPUTER = 'samples-host';

/** The value every `${var.NAME}` of a poller takes in a samples run: the local API takes any key. */
const SAMPLE_VARIABLE_VALUE = 'sentinel-cdk-samples';

/**
 * The API that codeless pollers poll in a samples run: the recorded response of the input being sent, to the first
 * request of its poll, and an empty object after it (no events, no next page); a token for a request that looks like
 * an OAuth2 token request.
 */
class RecordedApi {
  private response: string | undefined;
  private constructor(private readonly server: Server, public readonly origin: string) {}

  public static start(): Promise<RecordedApi> {
    let api: RecordedApi | undefined;
    const server = createServer((incoming, outgoing) => {
      incoming.resume();
      incoming.on('end', () => {
        if (incoming.method === 'POST' && String(incoming.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
          outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: SAMPLE_VARIABLE_VALUE, expires_in: 3600 }));
          return;
        }
        const body = api?.response ?? '{}';
        if (api !== undefined) {
          api.response = undefined;
        }
        outgoing.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        api = new RecordedApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        resolve(api);
      });
    });
  }

  /** The response of the next request. */
  public answerNext(body: string): void {
    this.response = body;
  }

  public close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A file a text source's pattern matches, under the root: each wildcard made a plain name. */
function fileForPattern(root: string, pattern: string): string {
  const segments = patternSegments(pattern);
  if (typeof segments === 'string') {
    throw new Error(segments);
  }
  return path.join(root, ...segments.map((segment) => segment.replace(/\*/g, 'sample').replace(/\?/g, 'x')));
}

function pathTitle(ingestionPath: string): string {
  return INGESTION_PATH_TITLES[ingestionPath as IngestionPath] ?? ingestionPath;
}

function constructIdOf(connector: ConnectorMetadata): string {
  return connector.constructPath.split('/').pop() as string;
}

/** One input's rows, before they are read back: the table, and which of its rows (by rows ever written). */
interface WrittenRange {
  readonly workspace: string;
  readonly table: string;
  readonly from: number;
  readonly to: number;
}

interface SentInput {
  readonly input: SampleInput;
  readonly ranges: readonly WrittenRange[];
  /** The emulator's clock could stamp the input's rows between these two times. */
  readonly startMs: number;
  readonly endMs: number;
}

function rowsWrittenByTable(emulator: RunningEmulator): Map<string, number> {
  return new Map(emulator.stats().workspaces.flatMap((workspace) => workspace.tables
    .map((table): [string, number] => [`${workspace.workspaceName}\u0000${table.tableName}`, table.rowsWritten])));
}

function rangesBetween(before: Map<string, number>, after: Map<string, number>): WrittenRange[] {
  return [...after].flatMap(([key, to]) => {
    const from = before.get(key) ?? 0;
    const [workspace, table] = key.split('\u0000');
    return to > from ? [{ workspace, table, from, to }] : [];
  });
}

/** A value as `expected.jsonl` holds it; a datetime in the window of its input's receipt is {@link RECEIVED_TIME_PLACEHOLDER}. */
function jsonValue(value: unknown, window: { startMs: number; endMs: number }): unknown {
  if (value instanceof Date) {
    const time = value.getTime();
    return time >= window.startMs && time <= window.endMs ? RECEIVED_TIME_PLACEHOLDER : value.toISOString();
  }
  if (value instanceof KqlTimespan) {
    return value.toString();
  }
  return value;
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Posts JSON over HTTPS to the emulator, trusting its certificate; resolves with the status and body. */
function postJson(agent: Agent, url: string, headers: Record<string, string>, body: Buffer, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.setTimeout(timeoutMs, () => sent.destroy(new Error(`no answer from ${new URL(url).pathname} within ${timeoutMs} ms`)));
    sent.end(body);
  });
}

/** The rule a connector's records go to: the one under the connector's construct that takes the stream, else the only one. */
function ruleForStream(rules: readonly EmulatedRule[], connector: ConnectorMetadata, stream: string): EmulatedRule | undefined {
  const takes = rules.filter((rule) => rule.streamDeclarations.has(stream) || rule.dataFlows.some((flow) => flow.streams.includes(stream)));
  const own = takes.filter((rule) => rule.constructPath?.startsWith(`${connector.constructPath}/`) === true);
  return own[0] ?? (takes.length === 1 ? takes[0] : undefined);
}

/** Sends one connector's inputs, one at a time, through the protocol its ingestion path uses. */
class ConnectorSender {
  private socket?: Socket;

  constructor(private readonly emulator: RunningEmulator, private readonly agent: Agent, private readonly connector: ConnectorMetadata,
    private readonly timeoutMs: number, private readonly run: { readonly logRoot: string; readonly api: RecordedApi }) {}

  /** Sends an input and resolves once the emulator has taken it (its rows are then stored). */
  public async send(input: SampleInput): Promise<void> {
    const { ingestionPath } = this.connector.catalogEntry;
    if (ingestionPath === TEXT_FILE_PATH) {
      if (input.kind !== 'line') {
        throw new Error(`${input.file}: this connector (${pathTitle(ingestionPath)}) takes lines of its text files in .txt files`);
      }
      return this.appendLine(input.value as string);
    }
    if (input.kind === 'response') {
      if (ingestionPath !== CODELESS_PATH) {
        throw new Error(`${input.file}: a recorded API response (.response.json) is for a codeless connector's poller`);
      }
      return this.poll(input);
    }
    if (input.kind === 'line') {
      throw new Error(`${input.file}: lines of text files (.txt) are for a text file connector`);
    }
    if (SYSLOG_PATHS.has(ingestionPath)) {
      if (input.kind !== 'syslog') {
        throw new Error(`${input.file}: this connector (${pathTitle(ingestionPath)}) takes syslog lines in .syslog files, not JSON records`);
      }
      return this.sendSyslog(input.value as string);
    }
    if (input.kind !== 'record') {
      throw new Error(`${input.file}: this connector (${pathTitle(ingestionPath)}) takes JSON records in .json files, not syslog lines`);
    }
    return ingestionPath === 'data-collector-api' ? this.sendToDataCollector(input) : this.sendToLogsIngestion(input);
  }

  public close(): void {
    this.socket?.destroy();
  }

  /** The rules under the connector's construct. */
  private ownRules(): EmulatedRule[] {
    return this.emulator.topology.rules.filter((rule) => rule.constructPath?.startsWith(`${this.connector.constructPath}/`) === true);
  }

  /** Appends a line to a file the connector's text source watches, and waits until the emulator has read it. */
  private async appendLine(line: string): Promise<void> {
    const rule = this.ownRules().find((candidate) => candidate.logFileSources.length > 0);
    const source = rule?.logFileSources[0];
    if (rule === undefined || source === undefined || source.filePatterns.length === 0) {
      throw new Error(`the connector has no text file source in the synthesized stack`);
    }
    const file = fileForPattern(this.run.logRoot, source.filePatterns[0]);
    mkdirSync(path.dirname(file), { recursive: true });
    const name = `${rule.ruleName}/${source.name}`;
    const read = () => this.emulator.stats().textFiles.find((entry) => entry.source === name)?.linesRead ?? 0;
    const before = read();
    appendFileSync(file, `${line}\n`);
    await waitUntil(() => read() > before, this.timeoutMs, `the text file source ${name} did not read the line`);
  }

  /** One poll of the connector's poller, whose API answers with the recorded response. */
  private async poll(input: SampleInput): Promise<void> {
    const resources = new Set(Array.isArray(this.connector.resources) ? this.connector.resources : []);
    const poller = this.emulator.topology.pollers.find((candidate) => resources.has(candidate.address));
    if (poller === undefined) {
      throw new Error(`${input.file}: the connector has no poller in the synthesized stack`);
    }
    this.run.api.answerNext(input.value as string);
    const outcome = await this.emulator.pollers.poll(poller.name);
    if (outcome.error !== undefined) {
      throw new Error(`${input.sample}: the poll stopped: ${outcome.error}`);
    }
  }

  /** The forwarder whose rules include the connector's rule. */
  private forwarder() {
    // The rule's construct path is recorded in the details; its azurerm resource is the `Resource` child.
    const recorded = this.connector.details?.dataCollectionRule;
    const rulePath = typeof recorded === 'string' ? recorded : `${this.connector.constructPath}/`;
    const rules = this.emulator.topology.rules.filter((candidate) => candidate.constructPath === rulePath
      || candidate.constructPath?.startsWith(rulePath.endsWith('/') ? rulePath : `${rulePath}/`) === true);
    const machine = this.emulator.topology.forwarders.find((candidate) => rules.some((rule) => candidate.ruleAddresses.includes(rule.address)));
    const forwarder = this.emulator.forwarders.find((candidate) => candidate.key === machine?.key);
    if (forwarder === undefined) {
      throw new Error(`no log forwarder of the stack applies the connector's rule (${rulePath}); attach the connector to an AmaForwarder`);
    }
    return forwarder;
  }

  /** RFC 6587 octet counting over TCP (reliable, and a message may hold any character but its length comes first). */
  private async sendSyslog(line: string): Promise<void> {
    const forwarder = this.forwarder();
    if (this.socket === undefined) {
      const socket = connect({ host: forwarder.tcp.host, port: forwarder.tcp.port });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      // A connection lost later shows as a line the forwarder did not receive, within the timeout.
      socket.on('error', () => undefined);
      this.socket = socket;
    }
    const received = () => this.emulator.stats().forwarders.find((candidate) => candidate.key === forwarder.key)?.received ?? 0;
    const before = received();
    this.socket.write(`${Buffer.byteLength(line, 'utf8')} ${line}`);
    await waitUntil(() => received() > before, this.timeoutMs, `forwarder ${forwarder.name} did not receive the line`);
  }

  private async sendToLogsIngestion(input: SampleInput): Promise<void> {
    const stream = input.stream ?? this.connector.details?.streamName;
    if (typeof stream !== 'string') {
      throw new Error(`${input.file}: the connector names no stream; name the file after one (<stream>.json)`);
    }
    const rule = ruleForStream(this.emulator.topology.rules, this.connector, stream);
    if (rule === undefined) {
      throw new Error(`${input.file}: no rule of the stack takes the stream ${stream}`);
    }
    const url = `${this.emulator.httpsUrl}/dataCollectionRules/${rule.immutableId}/streams/${encodeURIComponent(stream)}?api-version=2023-01-01`;
    const answer = await postJson(this.agent, url, { 'authorization': 'Bearer sentinel-cdk-samples', 'content-type': 'application/json' },
      Buffer.from(JSON.stringify([input.value])), this.timeoutMs);
    if (answer.status !== 204) {
      throw new Error(`${input.sample}: the Logs Ingestion API answered ${answer.status} ${answer.text}`);
    }
  }

  /** Signed as Microsoft documents the HTTP Data Collector API, with the workspace's emulated primary key. */
  private async sendToDataCollector(input: SampleInput): Promise<void> {
    const workspace = this.emulator.topology.workspaces.find((candidate) => candidate.address === this.connector.workspace)
      ?? (this.emulator.topology.workspaces.length === 1 ? this.emulator.topology.workspaces[0] : undefined);
    const logType = this.connector.details?.logType;
    if (workspace === undefined || typeof logType !== 'string') {
      throw new Error(`${input.file}: the connector's workspace or Log-Type is not in the synthesized stack`);
    }
    const body = Buffer.from(JSON.stringify([input.value]));
    const date = new Date().toUTCString();
    const stringToSign = `POST\n${body.length}\napplication/json\nx-ms-date:${date}\n/api/logs`;
    const signature = createHmac('sha256', Buffer.from(workspace.primarySharedKey, 'base64')).update(stringToSign, 'utf8').digest('base64');
    const answer = await postJson(this.agent, `${this.emulator.httpsUrl}/api/logs?api-version=2016-04-01`, {
      'content-type': 'application/json', 'x-ms-date': date, 'log-type': logType, 'authorization': `SharedKey ${workspace.customerId}:${signature}`,
    }, body, this.timeoutMs);
    if (answer.status !== 200) {
      throw new Error(`${input.sample}: the HTTP Data Collector API answered ${answer.status} ${answer.text}`);
    }
  }
}

/** The rows the inputs produced, read back from the tables and made into expected-row form. */
function readRows(emulator: RunningEmulator, sent: readonly SentInput[]): ExpectedSampleRow[] {
  const severalWorkspaces = emulator.workspaces.length > 1;
  const tables = new Map<string, { columns: Map<string, string>; rows: Array<Record<string, unknown>>; evicted: number }>();
  const statistics = emulator.stats().workspaces;
  const tableOf = (workspace: string, table: string) => {
    const key = `${workspace}\u0000${table}`;
    let read = tables.get(key);
    if (read === undefined) {
      // Table names are letters, digits and `_`; `['...']` quotes them all the same.
      const result = emulator.query(`['${table}']`, workspace);
      const evicted = statistics.find((entry) => entry.workspaceName === workspace)?.tables.find((entry) => entry.tableName === table)?.rowsEvicted ?? 0;
      read = { columns: new Map(result.columns.map((column) => [column.name, column.type])), rows: result.rows, evicted };
      tables.set(key, read);
    }
    return read;
  };
  return sent.flatMap(({ input, ranges, startMs, endMs }) => ranges.flatMap((range) => {
    const read = tableOf(range.workspace, range.table);
    const rows: ExpectedSampleRow[] = [];
    for (let index = range.from; index < range.to; index++) {
      const stored = read.rows[index - read.evicted];
      if (stored === undefined) {
        continue;
      }
      const row: Record<string, unknown> = {};
      for (const column of read.columns.keys()) {
        const value = stored[column];
        // Kusto has no null string: an empty one is a string column without a value, left out like nulls.
        if (value !== null && value !== undefined && value !== '') {
          row[column] = jsonValue(value, { startMs, endMs });
        }
      }
      rows.push({ sample: input.sample, table: severalWorkspaces ? `${range.workspace}/${range.table}` : range.table, row });
    }
    return rows;
  }));
}

/** Which connectors a folder names: by construct id first, then by catalog id. */
function connectorsNamedBy(name: string, connectors: readonly ConnectorMetadata[]): ConnectorMetadata[] {
  const byConstructId = connectors.filter((connector) => constructIdOf(connector) === name);
  return byConstructId.length > 0 ? byConstructId : connectors.filter((connector) => connector.catalogEntry.connectorId === name);
}

async function runConnectorSamples(emulator: RunningEmulator, agent: Agent, connector: ConnectorMetadata, folder: ConnectorSampleFolder,
  options: { update: boolean; timeoutMs: number; logRoot: string; api: RecordedApi }): Promise<ConnectorSamplesResult> {
  const { catalogEntry } = connector;
  const base = {
    name: folder.name, constructPath: connector.constructPath, connectorId: catalogEntry.connectorId, title: catalogEntry.title,
    ingestionPath: catalogEntry.ingestionPath, expectedFile: folder.expectedFile,
  };
  const notSendable = NOT_SENDABLE[catalogEntry.ingestionPath]
    ?? (SYSLOG_PATHS.has(catalogEntry.ingestionPath) || RECORD_PATHS.has(catalogEntry.ingestionPath)
      || catalogEntry.ingestionPath === 'data-collector-api' || catalogEntry.ingestionPath === TEXT_FILE_PATH
      ? undefined : `the emulator cannot send data of the ingestion path ${catalogEntry.ingestionPath}`);
  if (notSendable !== undefined) {
    return { ...base, status: 'skipped', inputs: 0, rows: 0, differences: [], problems: [], note: notSendable };
  }
  const problems = [...folder.problems];
  const sender = new ConnectorSender(emulator, agent, connector, options.timeoutMs, options);
  const sent: SentInput[] = [];
  try {
    for (const input of folder.inputs) {
      const before = rowsWrittenByTable(emulator);
      const startMs = Date.now();
      try {
        await sender.send(input);
      } catch (error) {
        problems.push((error as Error).message);
        break;
      }
      sent.push({ input, ranges: rangesBetween(before, rowsWrittenByTable(emulator)), startMs, endMs: Date.now() });
    }
  } finally {
    sender.close();
  }
  const actual = readRows(emulator, sent);
  const counts = { inputs: sent.length, rows: actual.length };
  if (folder.inputs.length === 0) {
    problems.push(`${folder.name}: no inputs (.syslog files of syslog lines, .json files of records, .txt files of text file lines, `
      + 'or .response.json files of API responses)');
  }
  if (problems.length > 0) {
    return { ...base, ...counts, status: 'failed', differences: [], problems };
  }
  const order = folder.inputs.map((input) => input.sample);
  const differences = compareSampleRows(folder.expected ?? [], actual, order);
  if (options.update) {
    // Only a file whose rows change is written (one that differs in layout alone is left as it is).
    if (folder.expected !== undefined && differences.length === 0) {
      return { ...base, ...counts, status: 'passed', differences: [], problems };
    }
    writeFileSync(folder.expectedFile, expectedRowsText(actual));
    // A new file has no differences worth listing: every row would be one.
    return { ...base, ...counts, status: 'updated', differences: folder.expected === undefined ? [] : differences, problems,
      ...(folder.expected === undefined ? { note: 'new expected.jsonl' } : {}) };
  }
  if (folder.expected === undefined) {
    return {
      ...base, ...counts, status: 'failed', differences: [],
      problems: [`${folder.name}/expected.jsonl does not exist; write it with \`sentinel-cdk samples --update\` and review it`],
    };
  }
  return { ...base, ...counts, status: differences.length === 0 ? 'passed' : 'failed', differences, problems };
}

/**
 * Runs the sample-data tests of a synthesized stack: starts the emulator on free ports of 127.0.0.1, sends every
 * connector's samples through the protocol of its ingestion path (syslog over TCP to the forwarder that applies the
 * connector's rule, records over HTTPS to the Logs Ingestion API or the HTTP Data Collector API), reads the rows each
 * input produced, and compares them with `expected.jsonl`, or rewrites it (`update`). Stops the emulator.
 */
export async function runSamples(options: RunSamplesOptions = {}): Promise<SamplesReport> {
  const samplesDir = options.samplesDir ?? 'samples';
  const update = options.update ?? false;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const folders = readSampleFolders(samplesDir);
  const stateDir = mkdtempSync(path.join(tmpdir(), 'sentinel-cdk-samples-'));
  let emulator: RunningEmulator | undefined;
  let agent: Agent | undefined;
  let api: RecordedApi | undefined;
  const logRoot = path.join(stateDir, 'log-root');
  try {
    mkdirSync(logRoot);
    api = await RecordedApi.start();
    sampleRunCertificate ??= generateSelfSignedCertificate();
    const { cert, key } = await sampleRunCertificate;
    const certificate = { certificateFile: path.join(stateDir, 'certificate.pem'), keyFile: path.join(stateDir, 'key.pem') };
    writeFileSync(certificate.certificateFile, cert);
    writeFileSync(certificate.keyFile, key, { mode: 0o600 });
    const outDir = options.outDir ?? 'cdktf.out';
    // Every poller polls the recorded API, with a placeholder for each variable; every text source reads under the run's root.
    const { terraform } = readSynthesizedStack(outDir, options.stack);
    const pollers = loadTopology(terraform, { stackName: '', httpsBaseUrl: 'https://127.0.0.1' }).pollers;
    emulator = await startEmulator({
      outDir, stack: options.stack, host: '127.0.0.1', ports: { syslog: 0, https: 0 }, stateDir, certificate, logRoot, schedulePolls: false,
      // Rows must not depend on the machine the samples run on.
      textFileComputer: SAMPLE_TEXT_FILE_COMPUTER,
      pollOrigins: Object.fromEntries(pollers.map((poller) => [poller.name, (api as RecordedApi).origin])),
      variables: Object.fromEntries(pollers.flatMap((poller) => variablesUsed(poller.properties)).map((name) => [name, SAMPLE_VARIABLE_VALUE])),
    });
    agent = new Agent({ keepAlive: true, ca: readFileSync(emulator.certificatePath) });
    const connectors = emulator.topology.connectors;
    const results: ConnectorSamplesResult[] = [];
    const claimed = new Set<ConnectorMetadata>();
    for (const folder of folders) {
      const named = connectorsNamedBy(folder.name, connectors);
      if (named.length !== 1) {
        const known = connectors.map(constructIdOf).join(', ');
        results.push({
          name: folder.name, status: 'failed', inputs: 0, rows: 0, differences: [], expectedFile: folder.expectedFile,
          problems: [named.length === 0
            ? `no connector "${folder.name}" in stack ${emulator.topology.stackName}; name the folder after a connector's construct id (${known})`
            : `"${folder.name}" names ${named.length} connectors (${named.map((connector) => connector.constructPath).join(', ')}); name the folder after one's construct id`],
        });
        continue;
      }
      claimed.add(named[0]);
      results.push(await runConnectorSamples(emulator, agent, named[0], folder, { update, timeoutMs, logRoot, api }));
    }
    for (const connector of connectors.filter((candidate) => !claimed.has(candidate))) {
      const { catalogEntry } = connector;
      results.push({
        name: constructIdOf(connector), constructPath: connector.constructPath, connectorId: catalogEntry.connectorId, title: catalogEntry.title,
        ingestionPath: catalogEntry.ingestionPath, status: 'no-samples', inputs: 0, rows: 0, differences: [], problems: [],
        note: NOT_SENDABLE[catalogEntry.ingestionPath] ?? `no samples (add ${path.join(samplesDir, constructIdOf(connector))}/)`,
      });
    }
    return {
      stackName: emulator.topology.stackName, samplesDir, update, connectors: results,
      updatedFiles: results.filter((result) => result.status === 'updated').map((result) => result.expectedFile as string),
      passed: results.every((result) => result.status !== 'failed'),
    };
  } finally {
    agent?.destroy();
    await emulator?.stop();
    await api?.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
