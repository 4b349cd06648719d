import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EmulatorHttpError } from '../../../emulator/errors/query-error-factory';
import { LogsIngestionApi } from '../../../emulator/http/handlers/logs-ingestion-handler';
import { RunningHttpsServer, startHttpsServer } from '../../../emulator/http/https-server';
import { generateSelfSignedCertificate } from '../../../emulator/http/self-signed-certificate';
import { IngestionPipeline } from '../../../emulator/pipeline/ingestion-pipeline';
import { WorkspaceStore } from '../../../emulator/store/table-store';
import { EmulatorTopology, loadTopology } from '../../../emulator/topology/load-topology';
import { synthesizeExample } from '../../../stacks/main';

const NOW = new Date('2026-11-25T12:00:30Z');

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: any;
}

describe('the Logs Ingestion API over HTTPS: limits and faults', () => {
  let outdir: string;
  let topology: EmulatorTopology;
  let store: WorkspaceStore;
  let pipeline: IngestionPipeline;
  let server: RunningHttpsServer;
  let ca: string;
  let uploadPath: string;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'logs-ingestion-'));
    topology = loadTopology(JSON.parse(readFileSync(synthesizeExample(outdir), 'utf8')),
      { stackName: 'sentinel-example', httpsBaseUrl: 'https://127.0.0.1:0' });
    store = new WorkspaceStore(topology.workspaces[0].tables.values());
    pipeline = new IngestionPipeline(topology, new Map([[topology.workspaces[0].address, store]]), () => NOW);
    const pair = await generateSelfSignedCertificate();
    ca = pair.cert;
    server = await startHttpsServer({
      host: '127.0.0.1', port: 0, certificate: pair, workspaces: () => [], topology: () => ({}), tokenRequirements: {}, now: () => NOW,
      logsIngestion: new LogsIngestionApi({ pipeline: () => pipeline, tokenRequirements: {}, now: () => NOW }),
    });
    const rule = topology.rules.find((candidate) => candidate.streamDeclarations.has('Custom-ContosoAppRaw'));
    uploadPath = `/dataCollectionRules/${rule?.immutableId}/streams/Custom-ContosoAppRaw?api-version=2023-01-01`;
  });

  afterAll(async () => {
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => server.server.close(() => resolve()));
    rmSync(outdir, { recursive: true, force: true });
  });

  function call(method: string, requestPath: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(`${server.url}${requestPath}`, {
        method, ca, headers: { 'content-type': 'application/json', authorization: 'Bearer token', ...headers },
      }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) }));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const rowsOf = (marker: string) => [...store.table('ContosoApp_CL').rows()].filter((row) => String(row.Message).includes(marker));
  const records = (marker: string, count: number, padding = '') => JSON.stringify(Array.from({ length: count }, (_, index) => ({
    TimeGenerated: '2026-11-25T11:00:00Z', RawData: `INFO user=u${index} src=10.0.0.1 duration_ms=${index} msg=${marker}${padding}`,
  })));
  /** About 1.3 MB of JSON, which gzip makes small. */
  const overOneMegabyte = (marker: string) => records(marker, 2_500, ` ${'x'.repeat(420)}`);

  test('204 with no body for plain and gzipped JSON; the hyphen of api-version may come percent-encoded', async () => {
    expect(await call('POST', uploadPath, records('plain', 2))).toMatchObject({ status: 204, body: undefined });
    expect(await call('POST', uploadPath.replace('api-version', 'api%2Dversion'), gzipSync(records('gzip', 3)), { 'content-encoding': 'gzip' }))
      .toMatchObject({ status: 204 });
    expect(rowsOf('plain')).toHaveLength(2);
    expect(rowsOf('gzip')).toHaveLength(3);
  });

  test('a body over 1 MB, sent or once decompressed, gets 413 ContentLengthLimitExceeded and writes nothing', async () => {
    const large = overOneMegabyte('too-large');
    expect(Buffer.byteLength(large)).toBeGreaterThan(1_048_576);
    const plain = await call('POST', uploadPath, large);
    expect(plain.status).toBe(413);
    expect(plain.headers['x-ms-error-code']).toBe('ContentLengthLimitExceeded');
    expect(plain.body.error.message).toBe(`Maximum allowed content length: 1048576 bytes (1 MB). Provided content length: ${Buffer.byteLength(large)} bytes.`);
    const compressed = gzipSync(large);
    expect(compressed.length).toBeLessThan(1_048_576);
    const decoded = await call('POST', uploadPath, compressed, { 'content-encoding': 'gzip' });
    expect(decoded).toMatchObject({ status: 413, body: { error: { code: 'ContentLengthLimitExceeded' } } });
    expect(rowsOf('too-large')).toHaveLength(0);
  });

  test.each([
    ['malformed JSON', '[{"RawData": ', 400, 'InvalidRequestBody'],
    ['an object instead of an array', '{"RawData": "x"}', 400, 'InvalidRequestBody'],
    ['a record that is not an object', '["x"]', 400, 'InvalidRecord'],
    ['a datetime column given a number', '[{"RawData": "x", "TimeGenerated": 12}]', 400, 'InvalidRecord'],
  ])('%s is refused with its status and code', async (_case, body, status, code) => {
    const answer = await call('POST', uploadPath, body);
    expect(answer).toMatchObject({ status, body: { error: { code } } });
    expect(answer.headers['x-ms-error-code']).toBe(code);
  });

  test('missing or unknown api-version, missing token, other methods and encodings are refused before the body is read', async () => {
    const base = uploadPath.split('?')[0];
    expect(await call('POST', base, '[]')).toMatchObject({ status: 400, body: { error: { code: 'MissingApiVersionParameter' } } });
    expect(await call('POST', `${base}?api-version=2019-01-01`, '[]')).toMatchObject({ status: 400, body: { error: { code: 'InvalidApiVersionParameter' } } });
    expect(await call('POST', uploadPath, '[]', { authorization: '' })).toMatchObject({ status: 401 });
    expect(await call('POST', uploadPath, '[]', { authorization: 'Basic abc' })).toMatchObject({ status: 403 });
    expect(await call('GET', uploadPath)).toMatchObject({ status: 405 });
    expect(await call('POST', uploadPath, '[]', { 'content-encoding': 'br' })).toMatchObject({ status: 415 });
    expect(await call('POST', uploadPath, '[]', { 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
  });

  test('faults do not disturb other clients, and every acknowledged row is stored', async () => {
    const large = overOneMegabyte('noise');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 4 === 0
      ? call('POST', uploadPath, large)
      : index % 4 === 1 ? call('POST', uploadPath, '[{"RawData": ')
        : call('POST', uploadPath, gzipSync(records(`concurrent-${index}`, 100)), { 'content-encoding': 'gzip' }))));
    const acknowledged = answers.filter((answer) => answer.status === 204).length;
    expect(acknowledged).toBe(20);
    expect(answers.filter((answer) => answer.status === 413)).toHaveLength(10);
    expect(rowsOf('concurrent-')).toHaveLength(acknowledged * 100);
    expect(await call('POST', uploadPath, records('after', 1))).toMatchObject({ status: 204 });
  });

  test('past a rule\'s requests per minute, 429 with Retry-After until the next minute', () => {
    let now = new Date('2026-11-25T12:00:45Z');
    const api = new LogsIngestionApi({ pipeline: () => pipeline, tokenRequirements: {}, now: () => now, limits: { requestsPerMinute: 2 } });
    const rule = topology.rules.find((candidate) => candidate.streamDeclarations.has('Custom-ContosoAppRaw'));
    const admitted = api.admit('POST', `/dataCollectionRules/${rule?.immutableId}/streams/Custom-ContosoAppRaw`,
      new URLSearchParams('api-version=2023-01-01'), { authorization: 'Bearer x' });
    const body = Buffer.from(records('throttled', 1));
    api.upload(admitted, body, body.length);
    api.upload(admitted, body, body.length);
    let refusal: unknown;
    try {
      api.upload(admitted, body, body.length);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(EmulatorHttpError);
    expect(refusal).toMatchObject({ status: 429, code: 'TooManyRequests', headers: { 'retry-after': '15' } });
    now = new Date('2026-11-25T12:01:00Z');
    api.upload(admitted, body, body.length);
    expect(rowsOf('throttled')).toHaveLength(3);
  });
});
