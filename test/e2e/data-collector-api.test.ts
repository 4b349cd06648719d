import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App, TerraformStack } from 'cdktf';
import { addAzurermProvider } from '../../constructs/azurerm-provider';
import { LegacyDataCollectorConnector } from '../../constructs/connectors/legacy-data-collector-connector';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';
import { RunningEmulator, startEmulator } from '../../emulator/start-emulator';
import { postData, PostOptions } from './clients/data-collector-client';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A stack with a legacy sender: its connector turns shared-key authentication on for one workspace; the other
 * workspace keeps the toolkit's default (off).
 */
function synthesizeLegacyStack(outdir: string): void {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'legacy-senders');
  addAzurermProvider(stack);
  const workspace = new SentinelWorkspace(stack, 'Sentinel', {
    workspaceName: 'contoso-legacy', resourceGroupName: 'rg-legacy', location: 'westeurope',
  });
  new LegacyDataCollectorConnector(stack, 'ContosoAudit', {
    workspace, connectorId: 'ContosoAudit', title: 'Contoso audit (legacy)', logType: 'ContosoAudit',
  });
  new SentinelWorkspace(stack, 'Locked', { workspaceName: 'contoso-locked', resourceGroupName: 'rg-locked', location: 'westeurope' });
  app.synth();
}

interface TopologyWorkspace {
  name: string;
  customerId: string;
  resourceId: string;
  tables: string[];
  dataCollector: { url: string; localAuthenticationEnabled: boolean; primarySharedKey: string; secondarySharedKey: string };
}

/** A unique Log-Type per test, so that each test reads its own table. */
const logTypeOf = (name: string) => `${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe('the HTTP Data Collector API of the emulator, with a sender written from Microsoft\'s documented procedure', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let ca: string;
  let legacy: TopologyWorkspace;
  let locked: TopologyWorkspace;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'data-collector-e2e-'));
    synthesizeLegacyStack(outdir);
    emulator = await startEmulator({ outDir: outdir, ports: { syslog: 0, https: 0 } });
    ca = readFileSync(emulator.certificatePath, 'utf8');
    const topology = await new Promise<{ workspaces: TopologyWorkspace[] }>((resolve, reject) => {
      request(`${emulator.httpsUrl}/emulator/topology`, { ca }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve(JSON.parse(text)));
      }).on('error', reject).end();
    });
    legacy = topology.workspaces.find((workspace) => workspace.name === 'contoso-legacy') as TopologyWorkspace;
    locked = topology.workspaces.find((workspace) => workspace.name === 'contoso-locked') as TopologyWorkspace;
  });

  afterAll(async () => {
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  const send = (workspace: TopologyWorkspace, body: Buffer | string, logType: string, options: Partial<PostOptions> = {}) =>
    postData(emulator.httpsUrl, workspace.customerId, workspace.dataCollector.primarySharedKey, body, logType, { ca, ...options });

  test('/emulator/topology shows what a sender needs, per workspace, beside the fields it had', () => {
    expect(legacy).toEqual({
      name: 'contoso-legacy', customerId: expect.stringMatching(/^[0-9a-f-]{36}$/), resourceId: expect.stringContaining('/workspaces/contoso-legacy'),
      tables: expect.arrayContaining(['Syslog', 'CommonSecurityLog']),
      dataCollector: {
        url: `${emulator.httpsUrl}/api/logs?api-version=2016-04-01`, localAuthenticationEnabled: true,
        primarySharedKey: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/), secondarySharedKey: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      },
    });
    expect(locked.dataCollector.localAuthenticationEnabled).toBe(false);
    expect(new Set([legacy, locked].flatMap((workspace) => [workspace.dataCollector.primarySharedKey, workspace.dataCollector.secondarySharedKey])).size)
      .toBe(4);
  });

  test('accepts Microsoft\'s Python sample records (200, empty body) and stores them with typed suffixed columns', async () => {
    const logType = logTypeOf('WebMonitorTest');
    const eventTime = new Date(Date.now() - 3_600_000).toISOString();
    const records = [{
      slot_ID: 12345, ID: '5cdad72f-c848-4df0-8aaa-ffe033e75d57', availability_Value: 100, performance_Value: 6.954,
      measurement_Name: 'last_one_hour', duration: 3600, IsActive: 'true', Healthy: true, CheckedAt: eventTime,
    }, {
      slot_ID: 67890, ID: 'b6bee458-fb65-492e-996d-61c4d7fbb942', availability_Value: 100, performance_Value: 3.379,
      measurement_Name: 'last_one_hour', duration: 3600, IsActive: 'false', Healthy: false, CheckedAt: eventTime,
    }];
    const answer = await send(legacy, JSON.stringify(records), logType, { timeGeneratedField: 'CheckedAt' });
    expect(answer).toMatchObject({ status: 200, text: '' });

    const result = emulator.query(`${logType}_CL | order by slot_ID_d asc | project TimeGenerated, slot_ID_d, ID_g, performance_Value_d, `
      + 'measurement_Name_s, IsActive_s, Healthy_b, CheckedAt_t, Type, TenantId, SourceSystem', 'contoso-legacy');
    expect(result.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      'TimeGenerated:datetime', 'slot_ID_d:real', 'ID_g:string', 'performance_Value_d:real', 'measurement_Name_s:string', 'IsActive_s:string',
      'Healthy_b:bool', 'CheckedAt_t:datetime', 'Type:string', 'TenantId:string', 'SourceSystem:string',
    ]);
    expect(result.rows).toEqual([
      {
        TimeGenerated: new Date(eventTime), slot_ID_d: 12345, ID_g: '5cdad72f-c848-4df0-8aaa-ffe033e75d57', performance_Value_d: 6.954,
        measurement_Name_s: 'last_one_hour', IsActive_s: 'true', Healthy_b: true, CheckedAt_t: new Date(eventTime), Type: `${logType}_CL`,
        TenantId: legacy.customerId, SourceSystem: 'RestAPI',
      },
      expect.objectContaining({ slot_ID_d: 67890, IsActive_s: 'false', Healthy_b: false }),
    ]);
  });

  test('accepts the secondary key, and a chunked body without Content-Length', async () => {
    const logType = logTypeOf('Keys');
    expect((await send(legacy, '[{"which":"secondary"}]', logType, { signingKey: legacy.dataCollector.secondarySharedKey })).status).toBe(200);
    expect((await send(legacy, '[{"which":"chunked"}]', logType, { chunked: true })).status).toBe(200);
    expect(emulator.query(`${logType}_CL | project which_s`, 'contoso-legacy').rows).toEqual([{ which_s: 'secondary' }, { which_s: 'chunked' }]);
  });

  test('fails with 403 InvalidAuthorization on a wrong key, and stores nothing', async () => {
    const logType = logTypeOf('WrongKey');
    const answer = await send(legacy, '[{"a":1}]', logType, { signingKey: locked.dataCollector.primarySharedKey });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ Error: 'InvalidAuthorization', Message: 'An invalid signature was specified in the Authorization header' });
    expect(answer.headers['content-type']).toBe('application/json');
    expect(emulator.stats().workspaces.flatMap((workspace) => workspace.tables).map((table) => table.tableName)).not.toContain(`${logType}_CL`);
  });

  test('fails with 403 on a stale or future x-ms-date, and on a date that is not RFC 1123', async () => {
    for (const minutes of [-20, 20]) {
      const answer = await send(legacy, '[{"a":1}]', logTypeOf('Stale'), { date: new Date(Date.now() + minutes * 60_000) });
      expect(answer).toMatchObject({ status: 403, json: { Error: 'InvalidAuthorization' } });
    }
    const badFormat = await send(legacy, '[{"a":1}]', logTypeOf('Stale'), { headers: { 'x-ms-date': new Date().toISOString() } });
    expect(badFormat).toMatchObject({ status: 403, json: { Error: 'InvalidAuthorization', Message: 'An invalid date format used in the x-ms-date header.' } });
  });

  test('fails with 400 on a bad or missing Log-Type', async () => {
    expect((await send(legacy, '[{"a":1}]', 'Contoso-Audit')).json).toEqual({ Error: 'InvalidLogType', Message: expect.any(String) });
    expect((await send(legacy, '[{"a":1}]', 'x'.repeat(101))).status).toBe(400);
    expect((await send(legacy, '[{"a":1}]', 'ignored', { headers: { 'Log-Type': undefined } })).json)
      .toEqual({ Error: 'MissingLogType', Message: expect.any(String) });
  });

  test('fails with 400 InvalidDataFormat on malformed JSON or a reserved property', async () => {
    const malformed = await send(legacy, '[{"a": 1,', logTypeOf('Malformed'));
    expect(malformed).toMatchObject({ status: 400, json: { Error: 'InvalidDataFormat' } });
    expect((await send(legacy, '[{"RawData": "x"}]', logTypeOf('Reserved'))).json).toMatchObject({ Error: 'InvalidDataFormat' });
  });

  test('fails with 400 on a missing api-version or a Content-Type other than JSON', async () => {
    expect((await send(legacy, '[{"a":1}]', logTypeOf('Api'), { query: '' })).json).toMatchObject({ Error: 'MissingApiVersion' });
    expect((await send(legacy, '[{"a":1}]', logTypeOf('Api'), { headers: { 'content-type': 'text/plain' } })).json)
      .toMatchObject({ Error: 'UnsupportedContentType' });
  });

  test('answers 404 to a post over 30 MB, and goes on serving', async () => {
    const oversized = Buffer.alloc(30 * 1024 * 1024 + 1, ' ');
    oversized.write('[{"a":1}]');
    const answer = await send(legacy, oversized, logTypeOf('Oversized'));
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ Message: expect.stringContaining('too large') });
    expect((await send(legacy, '[{"a":1}]', logTypeOf('AfterOversized'))).status).toBe(200);
  });

  test('fails with 403 on a workspace whose shared-key authentication is off, even with its own key', async () => {
    const answer = await send(locked, '[{"a":1}]', logTypeOf('Locked'));
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ Error: 'InvalidAuthorization', Message: expect.stringContaining('authentication is disabled') });
  });

  test('bad requests at the same time do not disturb good ones: every acknowledged row is stored', async () => {
    const logType = logTypeOf('Concurrent');
    const good = Array.from({ length: 20 }, (_, index) => send(legacy, JSON.stringify(Array.from({ length: 50 }, (__, row) => ({ post: index, row }))), logType));
    const bad = [
      send(legacy, '[{"post": 99,', logType),
      send(legacy, '[{"post": 98}]', logType, { signingKey: locked.dataCollector.primarySharedKey }),
      send(legacy, JSON.stringify([{ post: 97, RawData: 'x' }]), logType),
      send(legacy, Buffer.alloc(31 * 1024 * 1024, ' '), logType),
    ];
    const answers = await Promise.all([...good, ...bad]);
    expect(answers.map((answer) => answer.status)).toEqual([...Array(20).fill(200), 400, 403, 400, 404]);
    const counted = emulator.query(`${logType}_CL | summarize rows = count(), posts = dcount(post_d), top = max(post_d)`, 'contoso-legacy');
    expect(counted.rows).toEqual([{ rows: 1000, posts: 20, top: 19 }]);
  });

  test('the README\'s sender script works against the emulator as written', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const script = /```js\n(\/\/ send-legacy\.js[\s\S]*?)```/.exec(readme)?.[1];
    expect(script).toBeDefined();
    const file = path.join(outdir, 'send-legacy.js');
    writeFileSync(file, script as string);
    const { stdout } = await run('node', [file], {
      env: {
        ...process.env, NODE_EXTRA_CA_CERTS: emulator.certificatePath, DATA_COLLECTOR_URL: legacy.dataCollector.url,
        WORKSPACE_ID: legacy.customerId, SHARED_KEY: legacy.dataCollector.primarySharedKey,
      },
    });
    expect(stdout.trim()).toBe('200');
    const rows = emulator.query('ContosoAudit_CL | project Computer_s, Duration_d, Succeeded_b, TimeGenerated', 'contoso-legacy').rows;
    expect(rows).toEqual([{ Computer_s: 'web-01', Duration_d: 12.5, Succeeded_b: true, TimeGenerated: expect.any(Date) }]);
  });
});
