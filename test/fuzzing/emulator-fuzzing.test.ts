import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connect as connectTls } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { App } from 'cdktf';
import { LegacyDataCollectorConnector } from '../../constructs/connectors/legacy-data-collector-connector';
import { RunningEmulator, startEmulator } from '../../emulator/start-emulator';
import { ExampleStack } from '../../stacks/example-stack';
import { buildSignature } from '../e2e/clients/data-collector-client';
import { readTestdata } from '../support/shared-testdata';
import { fuzzCases, pick, seededRandom } from './seeded-random';

/**
 * The emulator under fuzzed clients (issue 19): syslog and CEF over UDP and TCP, Logs Ingestion and Data Collector
 * bodies, query texts and raw HTTP framing, each case derived from the seed and its index (so that a failure
 * reproduces alone: SENTINEL_FUZZ_SEED, SENTINEL_FUZZ_CASE). Every HTTP case must get a status line below 500 within
 * its bound; valid traffic sent in between must be stored; the process must stay within its memory.
 *
 * `npm test` runs a few thousand cases; `npm run fuzz` a million.
 */
const CASES = fuzzCases(3_000);
const SEED = Number(process.env.SENTINEL_FUZZ_SEED ?? 19);
const ONLY_CASE = process.env.SENTINEL_FUZZ_CASE === undefined ? undefined : Number(process.env.SENTINEL_FUZZ_CASE);
/** The first case to run (SENTINEL_FUZZ_FROM): a failure that needs the cases run beside it reproduces from its batch. */
const FROM_CASE = Number(process.env.SENTINEL_FUZZ_FROM ?? 0);
const CONCURRENCY = 16;
/** Valid traffic after every this many cases. */
const VALID_EVERY = 100;
/** How long a case may wait for its answer. */
const ANSWER_BOUND_MS = 15_000;
/** The query API's per-query timeout in this suite. */
const QUERY_TIMEOUT_SECONDS = 2;
/**
 * A query's bound: it may wait behind every other case of its batch, each a $batch of two queries run to the
 * timeout, on the two query workers.
 */
const QUERY_ANSWER_BOUND_MS = ANSWER_BOUND_MS + (CONCURRENCY * 2 * QUERY_TIMEOUT_SECONDS * 1000) / 2;
/** The bound on the process's resident memory (the test process holds the emulator and its query workers). */
const MEMORY_BOUND_BYTES = 3 * 1024 ** 3;

type Family = 'syslog-udp' | 'syslog-tcp' | 'logs-ingestion' | 'data-collector' | 'query' | 'http-framing';
const FAMILIES: readonly Family[] = ['syslog-udp', 'syslog-tcp', 'logs-ingestion', 'data-collector', 'query', 'http-framing'];

interface Failure {
  readonly case: number;
  readonly family: Family;
  readonly input: string;
  readonly problem: string;
}

// ---------------------------------------------------------------------------------------------------------------------
// Mutations

/** Fragments a hostile client puts anywhere. */
const HOSTILE: readonly string[] = [
  '\u0000', '\r\n', '\n', '\r', '\t', '\u001b[31m', '%ZZ', '%00', '%', '"', '\'', '\\', '\\\\', '\\"', '{', '}', '[', ']', '|', '=',
  '==', '<', '>', '<999>', '<-1>', '<1', 'CEF:0|', 'CEF:', '|||||||', '=' .repeat(50), '\\='.repeat(20), 'x='.repeat(200),
  '\u00e9', '\ud83d\ude00', '\ud800', '\udfff', '\u202e', '\ufeff', '\uffff', '1e308', '-0', 'NaN', 'null', 'true', '9223372036854775808',
  '-9223372036854775809', '0x7fffffff', 'a'.repeat(1_000), 'a'.repeat(40_000), ' '.repeat(300), '\u0085', '<script>alert(1)</script>',
  '__proto__', 'constructor', 'toString', '${file("/etc/passwd")}', '../../../../etc/passwd', 'Dec  7 12:00:00', '2026-12-07T12:00:00Z',
  '1 2026-12-07T12:00:00.000000+00:00', '- - -', '[x@1 a="b"]', '[', '5 <13>', '999999999 ', '0 ',
];

/** Byte sequences that are not UTF-8. */
const INVALID_UTF8: readonly Buffer[] = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82])];

/** One to four edits of `input`: a byte changed, a range dropped or doubled, a hostile fragment or a non-UTF-8 sequence put in, a cut. */
function mutateBytes(random: () => number, input: Buffer): Buffer {
  let bytes = input;
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (bytes.length + 1));
    const length = Math.floor(random() * Math.min(64, bytes.length - at + 1));
    switch (Math.floor(random() * 6)) {
      case 0:
        if (bytes.length > 0) {
          bytes = Buffer.from(bytes);
          bytes[Math.min(at, bytes.length - 1)] = Math.floor(random() * 256);
        }
        break;
      case 1:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + length)]);
        break;
      case 2:
        bytes = Buffer.concat([bytes.subarray(0, at + length), bytes.subarray(at, at + length), bytes.subarray(at + length)]);
        break;
      case 3:
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(random, HOSTILE), 'utf8'), bytes.subarray(at)]);
        break;
      case 4:
        bytes = Buffer.concat([bytes.subarray(0, at), pick(random, INVALID_UTF8), bytes.subarray(at)]);
        break;
      default:
        bytes = bytes.subarray(0, at);
    }
  }
  return bytes;
}

/** A JSON value of any shape, a few levels deep (sometimes very deep or very wide). */
function randomJson(random: () => number, depth = 0): unknown {
  const choice = Math.floor(random() * (depth > 3 ? 6 : 9));
  switch (choice) {
    case 0: return null;
    case 1: return random() < 0.5;
    case 2: return pick(random, [0, -1, 1.5, 1e308, -1e-308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 3: return pick(random, HOSTILE);
    case 4: return new Date(Date.now() - random() * 10 * 86_400_000).toISOString();
    case 5: return `s${Math.floor(random() * 1000)}`;
    case 6: return Array.from({ length: Math.floor(random() * 5) }, () => randomJson(random, depth + 1));
    case 7: {
      const width = random() < 0.02 ? 600 : Math.floor(random() * 6);
      return Object.fromEntries(Array.from({ length: width }, (_, index) => [random() < 0.2 ? pick(random, HOSTILE) : `k${index}`,
        randomJson(random, depth + 1)]));
    }
    default: return random() < 0.05 ? JSON.parse('['.repeat(200) + ']'.repeat(200)) : { TimeGenerated: new Date().toISOString(), RawData: pick(random, HOSTILE) };
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Corpora

const CEF_LINES = readTestdata('cef/samples.log').split('\n').filter((line) => line.trim() !== '');
const SYSLOG_LINES = readTestdata('syslog/samples.log').split('\n').filter((line) => line.trim() !== '');

const QUERIES: readonly string[] = [
  'Syslog | where Facility == "auth" | project TimeGenerated, SyslogMessage | take 10',
  'CommonSecurityLog | summarize count() by DeviceVendor, bin(TimeGenerated, 1h)',
  'ContosoApp_CL | where Message has "x" | extend n = strlen(Message) | order by n desc',
  'print x = extract("([a-z]+)=([0-9]+)", 2, "a=1 b=2"), y = parse_json(\'{"a":[1,2]}\').a[1]',
  'Syslog | parse SyslogMessage with * "user=" User " " * | summarize make_set(User, 10)',
  'range i from 1 to 100 step 7 | extend s = strcat("a", tostring(i)) | where s matches regex "a[0-9]+"',
  'let t = datatable(a:int, b:string)[1, "x", 2, "y"]; t | join kind=inner (t | project a, c = b) on a',
  'union Syslog, CommonSecurityLog | summarize arg_max(TimeGenerated, *) by Computer',
  'Syslog | mv-expand x = split(SyslogMessage, " ") | summarize dcount(tostring(x))',
  'print d = datetime(2026-12-07) - ago(1d), t = todatetime("2026-12-07T00:00:00Z"), b = bin(now(), 5m)',
  'CommonSecurityLog | where DeviceAction in~ ("blocked", "deny") and SourceIP startswith "10." | top 5 by TimeGenerated',
  'print r = replace_regex("aaa", @"a+", "b"), c = countof("abab", "ab"), e = extract_all(@"(\\d)", "a1b2")',
  'Syslog | extend p = pack("a", 1, "b", SyslogMessage) | project p.a, bag_keys(p)',
  'print toint("12") + tolong(1) * toreal(2.5) / 0, iff(true, "y", "n"), case(1 == 2, "a", "b")',
];

const QUERY_TOKENS: readonly string[] = [
  'Syslog', 'CommonSecurityLog', 'ContosoApp_CL', 'Nope_CL', '|', 'where', 'project', 'extend', 'summarize', 'by', 'count()', 'take', '10',
  'parse', 'with', '*', 'mv-expand', 'join', 'kind=inner', 'on', 'union', 'range', 'from', 'to', 'step', 'print', 'let', '=', ';', '(', ')',
  ',', '"', '\'', '@"', '==', '!=', '=~', 'has', 'contains', 'matches regex', 'and', 'or', 'not(', 'strlen(', 'extract(', 'parse_json(',
  'todynamic(', 'bin(', 'ago(1d)', 'datetime(', 'make_list(', 'strcat(', 'strrep(', 'split(', 'toscalar(', 'materialize(', '[', ']',
  '{', '}', '.', '1', '-1', '0', '1e308', '9223372036854775807', '//', '\n', 'dynamic(', 'x', 'y', 'TimeGenerated', 'SyslogMessage',
  'order', 'asc', 'desc', 'top', 'sort', 'distinct', 'evaluate', 'invoke', 'as', 'render', 'timechart', 'externaldata', 'cluster(',
];

function randomQuery(random: () => number): string {
  if (random() < 0.35) {
    return Array.from({ length: 1 + Math.floor(random() * 30) }, () => pick(random, QUERY_TOKENS)).join(random() < 0.5 ? ' ' : '');
  }
  if (random() < 0.03) {
    return `print ${'('.repeat(5_000)}1${')'.repeat(5_000)}`;
  }
  return mutateBytes(random, Buffer.from(pick(random, QUERIES))).toString('utf8');
}

// ---------------------------------------------------------------------------------------------------------------------

const preview = (input: Buffer | string) => {
  const text = typeof input === 'string' ? input : input.toString('latin1');
  const limit = Number(process.env.SENTINEL_FUZZ_PREVIEW ?? 240);
  return JSON.stringify(text.length > limit ? `${text.slice(0, limit)}... (${text.length} bytes)` : text);
};

describe('the emulator under fuzzed clients (issue 19)', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let ca: string;
  let agent: Agent;
  let rule: { immutableId: string; ingestionEndpoint: string };
  let legacy: { customerId: string; dataCollector: { url: string; primarySharedKey: string } };
  let workspaceId: string;
  const httpsHost = () => new URL(emulator.httpsUrl);

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'emulator-fuzzing-'));
    const app = new App({ outdir });
    const stack = new ExampleStack(app, 'fuzzing');
    new LegacyDataCollectorConnector(stack, 'Legacy', {
      workspace: stack.workspace, connectorId: 'FuzzLegacy', title: 'Fuzzed legacy sender', logType: 'FuzzLegacy',
    });
    app.synth();
    emulator = await startEmulator({
      outDir: outdir, logsIngestionLimits: { requestsPerMinute: Infinity, bytesPerMinute: Infinity },
      queryTimeoutSeconds: QUERY_TIMEOUT_SECONDS, queryMemoryMb: 256,
    });
    ca = readFileSync(emulator.certificatePath, 'utf8');
    agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca });
    const topology = JSON.parse((await call('GET', '/emulator/topology')).body.toString('utf8'));
    rule = topology.dataCollectionRules.find((candidate: { streams: string[] }) => candidate.streams.includes('Custom-ContosoAppRaw'));
    legacy = topology.workspaces.find((workspace: { dataCollector: { localAuthenticationEnabled: boolean } }) => workspace.dataCollector.localAuthenticationEnabled);
    workspaceId = legacy.customerId;
  }, 120_000);

  afterAll(async () => {
    agent?.destroy();
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  /** One HTTPS request; rejects past the answer bound. */
  function call(method: string, target: string, body?: Buffer | string, headers: Record<string, string> = {}, bound = ANSWER_BOUND_MS):
    Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const outgoing = request(`${emulator.httpsUrl}${target}`, { method, agent, headers, timeout: bound }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${bound} ms`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  /** Checks an HTTP answer: below 500 (504 only as the query API's own GatewayTimeout), and a JSON error body for an error. */
  function problemOf(answer: { status: number; body: Buffer }, queryApi = false): string | undefined {
    if (answer.status >= 500) {
      const isQueryTimeout = queryApi && answer.status === 504 && answer.body.toString('utf8').includes('"GatewayTimeout"');
      return isQueryTimeout ? undefined : `status ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`;
    }
    if (answer.status >= 400 && answer.body.length > 0) {
      try {
        JSON.parse(answer.body.toString('utf8'));
      } catch {
        return `status ${answer.status} with a body that is not JSON: ${answer.body.toString('utf8').slice(0, 200)}`;
      }
    }
    return undefined;
  }

  const ingestionTarget = (immutableId: string, stream: string, apiVersion = '2023-01-01') =>
    `/dataCollectionRules/${immutableId}/streams/${stream}?api-version=${apiVersion}`;

  function dataCollectorHeaders(body: Buffer, logType: string, contentType = 'application/json'): Record<string, string> {
    const date = new Date().toUTCString();
    return {
      'content-type': contentType, 'x-ms-date': date, 'log-type': logType, 'content-length': String(body.length),
      authorization: buildSignature(legacy.customerId, legacy.dataCollector.primarySharedKey, date, body.length, 'POST', contentType, '/api/logs'),
    };
  }

  function sendUdp(port: number, bytes: Buffer): Promise<void> {
    return new Promise((resolve) => {
      const socket = createSocket('udp4');
      // A datagram past what UDP carries fails to send (EMSGSIZE); that is the sender's error, not a case.
      socket.send(bytes, port, '127.0.0.1', () => socket.close(() => resolve()));
    });
  }

  function sendTcp(port: number, bytes: Buffer): Promise<string | undefined> {
    return new Promise((resolve) => {
      const socket = connectTcp({ host: '127.0.0.1', port }, () => socket.end(bytes));
      const timer = setTimeout(() => { socket.destroy(); resolve(`TCP connection not closed within ${ANSWER_BOUND_MS} ms`); }, ANSWER_BOUND_MS);
      socket.on('data', () => undefined);
      socket.on('error', (error) => { clearTimeout(timer); resolve(`TCP error: ${error.message}`); });
      socket.on('close', () => { clearTimeout(timer); resolve(undefined); });
    });
  }

  /** Writes raw bytes over TLS in pieces, half-closes, and reads until the server closes. */
  function sendRaw(pieces: Buffer[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connectTls({ host: '127.0.0.1', port: Number(httpsHost().port), ca, servername: 'localhost' }, async () => {
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((next) => setImmediate(next));
        }
        socket.end();
      });
      let text = '';
      const timer = setTimeout(() => { socket.destroy(); reject(new Error(`connection not closed within ${ANSWER_BOUND_MS} ms; read ${preview(text)}`)); },
        ANSWER_BOUND_MS);
      socket.on('data', (chunk: Buffer) => { text += chunk.toString('latin1'); });
      socket.on('close', () => { clearTimeout(timer); resolve(text); });
      socket.on('error', (e) => { text += `[client error ${e.message}]`; });
    });
  }

  /** A complete, valid request of one of the server's endpoints, as raw bytes. */
  function validRawRequest(random: () => number): Buffer {
    const choices: Array<() => { method: string; target: string; headers: Record<string, string>; body: Buffer }> = [
      () => ({ method: 'POST', target: `/v1/workspaces/${workspaceId}/query`, headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ query: pick(random, QUERIES) })) }),
      () => ({ method: 'POST', target: ingestionTarget(rule.immutableId, 'Custom-ContosoAppRaw'),
        headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify([{ TimeGenerated: new Date().toISOString(), RawData: 'INFO user=fuzz msg=raw' }])) }),
      () => {
        const body = Buffer.from(JSON.stringify([{ field: 'raw' }]));
        return { method: 'POST', target: '/api/logs?api-version=2016-04-01', headers: dataCollectorHeaders(body, 'FuzzRaw'), body };
      },
      () => ({ method: 'GET', target: '/emulator/topology', headers: {}, body: Buffer.alloc(0) }),
      () => ({ method: 'GET', target: '/', headers: {}, body: Buffer.alloc(0) }),
    ];
    const { method, target, headers, body } = pick(random, choices)();
    const framing = random() < 0.25 && body.length > 0
      ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) };
    const head = [`${method} ${target} HTTP/1.1`, `Host: ${httpsHost().host}`,
      ...Object.entries({ ...headers, ...framing }).filter(([name]) => name !== 'content-length' || !('transfer-encoding' in framing))
        .map(([name, value]) => `${name}: ${value}`)].join('\r\n');
    const payload = 'transfer-encoding' in framing ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
    return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload]);
  }

  /** Runs case `index`; returns what went wrong, if anything. */
  async function runCase(index: number): Promise<Failure | undefined> {
    const random = seededRandom(SEED * 1_000_003 + index);
    const family = pick(random, FAMILIES);
    const forwarder = emulator.forwarders[0];
    const fail = (input: Buffer | string, problem: string): Failure => ({ case: index, family, input: preview(input), problem });
    switch (family) {
      case 'syslog-udp':
      case 'syslog-tcp': {
        const line = random() < 0.5 ? `<${pick(random, [164, 132, 38, 86])}>${pick(random, CEF_LINES)}` : `<${pick(random, [38, 13, 85])}>${pick(random, SYSLOG_LINES)}`;
        let bytes = mutateBytes(random, Buffer.from(line));
        if (family === 'syslog-udp') {
          await sendUdp(forwarder.udp.port, bytes.subarray(0, 65_507));
          return undefined;
        }
        const framing = random();
        bytes = framing < 0.3 ? Buffer.concat([Buffer.from(`${bytes.length + Math.floor(random() * 5) - 2} `), bytes])
          : framing < 0.8 ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes;
        const problem = await sendTcp(forwarder.tcp.port, bytes);
        return problem === undefined ? undefined : fail(bytes, problem);
      }
      case 'logs-ingestion': {
        const valid = [{ TimeGenerated: new Date().toISOString(), RawData: 'WARN user=alice src=10.0.0.1 duration_ms=3 msg=fuzz' }];
        let body: Buffer = random() < 0.5 ? Buffer.from(JSON.stringify(randomJson(random))) : mutateBytes(random, Buffer.from(JSON.stringify(valid)));
        const headers: Record<string, string> = { authorization: 'Bearer x', 'content-type': random() < 0.9 ? 'application/json' : pick(random, HOSTILE).replace(/[^\x20-\x7e]/g, '') };
        if (random() < 0.2) {
          body = random() < 0.5 ? gzipSync(body) : mutateBytes(random, gzipSync(body));
          headers['content-encoding'] = 'gzip';
        }
        const target = random() < 0.8 ? ingestionTarget(rule.immutableId, 'Custom-ContosoAppRaw')
          : mutateBytes(random, Buffer.from(ingestionTarget(rule.immutableId, 'Custom-ContosoAppRaw'))).toString('latin1').replace(/[^\x21-\x7e]/g, '%20');
        try {
          const problem = problemOf(await call('POST', target.startsWith('/') ? target : `/${target}`, body, headers));
          return problem === undefined ? undefined : fail(body, problem);
        } catch (error) {
          return fail(body, (error as Error).message);
        }
      }
      case 'data-collector': {
        const body = random() < 0.5 ? Buffer.from(JSON.stringify(randomJson(random))) : mutateBytes(random, Buffer.from(JSON.stringify([{ user: 'a', n: 1 }])));
        // Log-Types from a small set, as a sender would use them, and now and then a hostile one.
        const logType = random() < 0.95 ? `Fuzz${Math.floor(random() * 20)}` : mutateBytes(random, Buffer.from('FuzzType')).toString('latin1').replace(/[^\x20-\x7e]/g, '');
        const headers = dataCollectorHeaders(body, logType);
        if (random() < 0.2) {
          headers['time-generated-field'] = pick(random, ['TimeGenerated', 'n', 'user', ...HOSTILE.slice(0, 10)]).replace(/[^\x20-\x7e]/g, '');
        }
        try {
          const problem = problemOf(await call('POST', '/api/logs?api-version=2016-04-01', body, headers));
          return problem === undefined ? undefined : fail(body, problem);
        } catch (error) {
          return fail(body, (error as Error).message);
        }
      }
      case 'query': {
        const text = randomQuery(random);
        const batch = random() < 0.1;
        const body = batch
          ? JSON.stringify({ requests: [{ id: '1', workspace: workspaceId, body: { query: text } }, { id: '2', workspace: workspaceId, body: { query: 'print 1' } }] })
          : JSON.stringify(random() < 0.2 ? { query: text, timespan: pick(random, ['P1D', 'PT1H', 'P', 'x', '2026-01-01/2026-02-01', 'P1D/P1D']) } : { query: text });
        try {
          const answer = await call('POST', batch ? '/v1/$batch' : `/v1/workspaces/${workspaceId}/query`, body,
            { authorization: 'Bearer x', 'content-type': 'application/json' }, QUERY_ANSWER_BOUND_MS);
          const problem = problemOf(answer, true);
          return problem === undefined ? undefined : fail(text, problem);
        } catch (error) {
          // What the query workers were doing, for a query that got no answer.
          return fail(text, `${(error as Error).message}; query workers: ${JSON.stringify(emulator.stats().queries)}`);
        }
      }
      default: {
        const bytes = random() < 0.9 ? mutateBytes(random, validRawRequest(random)) : Buffer.concat([validRawRequest(random), mutateBytes(random, validRawRequest(random))]);
        const cuts = Array.from({ length: Math.floor(random() * 3) }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b);
        const pieces = [0, ...cuts, bytes.length].slice(1).map((end, at, ends) => bytes.subarray(at === 0 ? 0 : ends[at - 1], end));
        try {
          const answer = await sendRaw(pieces);
          const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
          if (statuses.length === 0 && bytes.toString('latin1').trim() !== '') {
            return fail(bytes, `no status line; read ${preview(answer)}`);
          }
          const server = statuses.find((status) => status >= 500 && !(status === 504 && answer.includes('"GatewayTimeout"')));
          return server === undefined ? undefined : fail(bytes, `status ${server}: ${preview(answer)}`);
        } catch (error) {
          return fail(bytes, (error as Error).message);
        }
      }
    }
  }

  /** Valid traffic: a syslog line over TCP, a Logs Ingestion record and a Data Collector record, each with a marker. */
  async function sendValid(round: number, sent: { syslog: string[]; logsIngestion: string[]; dataCollector: string[] }): Promise<string | undefined> {
    const marker = `valid-${SEED}-${round}`;
    const tcpProblem = await sendTcp(emulator.forwarders[0].tcp.port, Buffer.from(`<38>Dec  7 12:00:00 fuzz-host sshd: accepted ${marker}\n`));
    if (tcpProblem !== undefined) {
      return `valid syslog ${marker}: ${tcpProblem}`;
    }
    sent.syslog.push(marker);
    const record = JSON.stringify([{ TimeGenerated: new Date().toISOString(), RawData: `WARN user=valid src=10.0.0.2 duration_ms=${round} msg=${marker}` }]);
    const ingestion = await call('POST', ingestionTarget(rule.immutableId, 'Custom-ContosoAppRaw'), record, { authorization: 'Bearer x', 'content-type': 'application/json' });
    if (ingestion.status !== 204) {
      return `valid Logs Ingestion ${marker}: status ${ingestion.status} ${ingestion.body.toString('utf8')}`;
    }
    sent.logsIngestion.push(marker);
    const legacyBody = Buffer.from(JSON.stringify([{ marker }]));
    const collected = await call('POST', '/api/logs?api-version=2016-04-01', legacyBody, dataCollectorHeaders(legacyBody, 'FuzzValid'));
    if (collected.status !== 200) {
      return `valid Data Collector ${marker}: status ${collected.status} ${collected.body.toString('utf8')}`;
    }
    sent.dataCollector.push(marker);
    return undefined;
  }

  test(`${CASES} fuzzed cases (seed ${SEED}): every answer below 500 and in its bound, valid traffic stored, memory bounded`, async () => {
    const failures: Failure[] = [];
    const validProblems: string[] = [];
    const sent = { syslog: [] as string[], logsIngestion: [] as string[], dataCollector: [] as string[] };
    const counts = new Map<Family, number>();
    let maxRss = 0;
    const indexes = ONLY_CASE === undefined ? Array.from({ length: Math.max(0, CASES - FROM_CASE) }, (_, index) => FROM_CASE + index) : [ONLY_CASE];
    const started = Date.now();
    for (let next = 0; next < indexes.length; next += CONCURRENCY) {
      const batch = indexes.slice(next, next + CONCURRENCY);
      const outcomes = await Promise.all(batch.map((index) => runCase(index)));
      for (const [position, outcome] of outcomes.entries()) {
        const family = pick(seededRandom(SEED * 1_000_003 + batch[position]), FAMILIES);
        counts.set(family, (counts.get(family) ?? 0) + 1);
        if (outcome !== undefined) {
          failures.push(outcome);
        }
      }
      if (Math.floor((next + CONCURRENCY) / VALID_EVERY) > Math.floor(next / VALID_EVERY) || next + CONCURRENCY >= indexes.length) {
        const problem = await sendValid(next, sent);
        if (problem !== undefined) {
          validProblems.push(problem);
        }
        maxRss = Math.max(maxRss, process.memoryUsage().rss);
      }
      if (failures.length > 50) {
        break;
      }
    }

    // Valid traffic sent in between is stored: the TCP lines once the listener has read them, the acknowledged posts at once.
    const syslogRows = await emulator.waitFor('Syslog | where SyslogMessage startswith "accepted valid-" | project SyslogMessage',
      (result) => result.rows.length >= sent.syslog.length, 30_000);
    const storedSyslog = new Set(syslogRows.rows.map((row) => String(row.SyslogMessage).replace('accepted ', '')));
    const storedIngestion = new Set(emulator.query('ContosoApp_CL | where UserName == "valid" | project Message').rows.map((row) => String(row.Message)));
    const storedCollector = new Set(emulator.query('FuzzValid_CL | project marker_s').rows.map((row) => String(row.marker_s)));
    const lost = [
      ...sent.syslog.filter((marker) => !storedSyslog.has(marker)).map((marker) => `syslog ${marker}`),
      ...sent.logsIngestion.filter((marker) => !storedIngestion.has(marker)).map((marker) => `Logs Ingestion ${marker}`),
      ...sent.dataCollector.filter((marker) => !storedCollector.has(marker)).map((marker) => `Data Collector ${marker}`),
    ];

    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`emulator fuzzing: ${indexes.length} cases in ${seconds.toFixed(1)} s (${JSON.stringify(Object.fromEntries(counts))}), `
      + `max RSS ${(maxRss / 1024 ** 2).toFixed(0)} MiB, ${sent.syslog.length} valid rounds\n`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(validProblems.slice(0, 5)).toEqual([]);
    expect(lost.slice(0, 10)).toEqual([]);
    expect(maxRss).toBeLessThan(MEMORY_BOUND_BYTES);
    // And it still answers.
    const after = await call('POST', `/v1/workspaces/${workspaceId}/query`, JSON.stringify({ query: 'print 1' }),
      { authorization: 'Bearer x', 'content-type': 'application/json' });
    expect(after.status).toBe(200);
  }, Math.max(600_000, CASES * 20));
});
