import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { RunningEmulator, startEmulator } from '../../emulator/start-emulator';
import { synthesizeExample } from '../../stacks/main';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

/** A unique marker per test, so that each finds its own rows. */
const marker = (name: string) => `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

interface UploadOutcome {
  readonly uploaded?: number;
  readonly error?: {
    readonly name: string;
    readonly errors: Array<{ statusCode: number; code: string; message: string; failedLogs: number }>;
  };
}

describe('the Logs Ingestion API, with the real @azure/monitor-ingestion and @azure/monitor-query-logs clients', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let rule: { immutableId: string; ingestionEndpoint: string };

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'logs-ingestion-e2e-'));
    synthesizeExample(outdir);
    emulator = await startEmulator({ outDir: outdir, ports: { syslog: 0, https: 0 } });
    // What a sender reads: the rule's immutable ID and endpoint, from /emulator/topology.
    const response = await fetchTopology(emulator);
    rule = response.dataCollectionRules.find((candidate: { streams: string[] }) => candidate.streams.includes('Custom-ContosoAppRaw'));
  });

  afterAll(async () => {
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  /** Uploads records with LogsIngestionClient in a process that trusts the emulator's certificate. */
  async function upload(records: unknown[], ruleId = rule.immutableId, stream = 'Custom-ContosoAppRaw'): Promise<UploadOutcome> {
    const file = path.join(outdir, `records-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(records));
    const { stdout } = await run('node', [path.join(__dirname, 'clients', 'logs-ingestion-client.js'), rule.ingestionEndpoint, ruleId, stream, file],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.certificatePath }, maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as UploadOutcome;
  }

  const line = (id: string, index: number) => `WARN user=alice${index} src=10.0.0.${index % 250} duration_ms=${index} msg=slow request ${id}`;

  test('the topology names the endpoint and the rule a sender needs', () => {
    expect(rule).toMatchObject({ immutableId: expect.stringMatching(/^dcr-[0-9a-f]{32}$/), ingestionEndpoint: emulator.httpsUrl });
  });

  test('a small batch is parsed by the rule\'s transformation into ContosoApp_CL', async () => {
    const id = marker('small');
    const records = [0, 1, 2].map((index) => ({ TimeGenerated: '2026-11-25T10:00:00Z', RawData: line(id, index), Ignored: 'not declared' }));
    expect(await upload(records)).toEqual({ uploaded: 3 });
    const result = emulator.query(`ContosoApp_CL | where Message endswith "${id}" | order by DurationMs asc`);
    expect(result.rows).toEqual([0, 1, 2].map((index) => ({
      TimeGenerated: new Date('2026-11-25T10:00:00Z'), Level: 'WARN', UserName: `alice${index}`, SourceIP: `10.0.0.${index}`,
      DurationMs: index, Message: `slow request ${id}`,
    })));
    expect(result.columns.map((column) => column.name)).not.toContain('RawData');
  });

  test('a batch the SDK splits into gzipped chunks of under 1 MB lands whole', async () => {
    const id = marker('large');
    const padding = 'x'.repeat(420);
    const records = Array.from({ length: 5_000 }, (_, index) => ({ TimeGenerated: new Date(Date.UTC(2026, 10, 25, 11)).toISOString(),
      RawData: `${line(id, index)} ${padding}` }));
    expect(await upload(records)).toEqual({ uploaded: 5_000 });
    const result = emulator.query(`ContosoApp_CL | where Message has "${id}" | summarize Rows = count(), Users = dcount(UserName), Longest = max(DurationMs)`);
    expect(result.rows).toEqual([{ Rows: 5_000, Users: 5_000, Longest: 4_999 }]);
    const statistics = emulator.stats().dataCollectionRules.find((candidate) => candidate.immutableId === rule.immutableId);
    // 5,000 records of ~530 bytes: the SDK sends at least three chunks.
    expect(statistics?.requestsAccepted).toBeGreaterThanOrEqual(3);
  });

  test('a record that fails the stream declaration refuses its chunk, names the record and column, and writes nothing', async () => {
    const id = marker('bad-record');
    const outcome = await upload([
      { TimeGenerated: '2026-11-25T10:00:00Z', RawData: line(id, 1) },
      { TimeGenerated: 'yesterday', RawData: line(id, 2) },
    ]);
    expect(outcome.error?.name).toBe('AggregateLogsUploadError');
    expect(outcome.error?.errors).toEqual([{
      statusCode: 400, code: 'InvalidRecord', failedLogs: 2,
      message: expect.stringContaining('record 1, column TimeGenerated: "yesterday" is not a datetime'),
    }]);
    expect(emulator.query(`ContosoApp_CL | where Message has "${id}" | count`).rows).toEqual([{ Count: 0 }]);
  });

  test('a wrong rule ID and an unknown stream are refused with 404', async () => {
    const wrongRule = await upload([{ RawData: 'x' }], 'dcr-00000000000000000000000000000000');
    expect(wrongRule.error?.errors).toEqual([expect.objectContaining({ statusCode: 404, code: 'InvalidDataCollectionRule' })]);
    const wrongStream = await upload([{ RawData: 'x' }], rule.immutableId, 'Custom-Nope');
    expect(wrongStream.error?.errors).toEqual([expect.objectContaining({
      statusCode: 404, code: 'InvalidStream', message: expect.stringContaining('Custom-ContosoAppRaw'),
    })]);
  });

  test('LogsQueryClient reads the ingested rows back with a KQL query', async () => {
    const id = marker('query');
    expect(await upload([{ TimeGenerated: new Date().toISOString(), RawData: line(id, 7) }])).toEqual({ uploaded: 1 });
    const { stdout } = await run('node', [path.join(__dirname, 'clients', 'query-logs-client.js'), emulator.httpsUrl, emulator.workspaces[0].customerId,
      `ContosoApp_CL | where Message has "${id}" | project UserName, DurationMs, SourceIP`], { env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.certificatePath } });
    const result = JSON.parse(stdout);
    expect(result.status).toBe('Success');
    expect(result.tables[0].columns).toEqual([
      { name: 'UserName', type: 'string' }, { name: 'DurationMs', type: 'int' }, { name: 'SourceIP', type: 'string' },
    ]);
    expect(result.tables[0].rows).toEqual([['alice7', 7, '10.0.0.7']]);
  });

  test('the README\'s upload program works against the emulator as written', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const script = /```js\n(\/\/ upload\.js[\s\S]*?)```/.exec(readme)?.[1];
    expect(script).toBeDefined();
    const file = path.join(outdir, 'upload.js');
    writeFileSync(file, script as string);
    const { stdout } = await run('node', [file], {
      env: {
        ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), NODE_EXTRA_CA_CERTS: emulator.certificatePath,
        INGESTION_ENDPOINT: rule.ingestionEndpoint, RULE_ID: rule.immutableId, WORKSPACE_ID: emulator.workspaces[0].customerId,
      },
    });
    expect(JSON.parse(stdout)).toContainEqual(['WARN', '10.0.0.7', 1250, 'slow checkout']);
  });
});

/** GET /emulator/topology over HTTPS, trusting the emulator's certificate. */
async function fetchTopology(emulator: RunningEmulator): Promise<{ dataCollectionRules: any[] }> {
  const { stdout } = await run('node', ['-e',
    'fetch(process.argv[1] + "/emulator/topology").then((r) => r.text()).then((t) => process.stdout.write(t))', emulator.httpsUrl],
  { env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.certificatePath } });
  return JSON.parse(stdout);
}
