import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { request } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RunningEmulator, startEmulator } from '../../../emulator/start-emulator';
import { synthesizeExample } from '../../../stacks/main';

/**
 * Issue 20, done when: on the example stack, one POST /emulator/pollers/ContosoAuditCodeless/poll against a local
 * API that pages by cursor and demands the configured key fills ContosoAuditCodeless_CL with every event of every page.
 */

const API_KEY = 'contoso-test-key';

/** Contoso's audit API as the example's poller expects it: `GET /v1/audit?since&until&limit[&cursor]`, Bearer key, `$.events`, `$.next`. */
function startAuditApi(pages: ReadonlyArray<ReadonlyArray<{ eventTime: string; actor: string; action: string }>>) {
  const seen: Array<{ url: URL; authorization?: string }> = [];
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://api.test');
    seen.push({ url, authorization: incoming.headers.authorization });
    if (incoming.headers.authorization !== `Bearer ${API_KEY}`) {
      outgoing.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad key"}');
      return;
    }
    if (url.pathname !== '/v1/audit') {
      outgoing.writeHead(404).end();
      return;
    }
    const index = Number(url.searchParams.get('cursor') ?? '0');
    const next = index + 1 < pages.length ? String(index + 1) : null;
    outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ events: pages[index] ?? [], next }));
  });
  return new Promise<{ server: Server; origin: string; seen: typeof seen }>((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })));
}

describe('the example\'s codeless poller against a local API (issue 20)', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let api: Awaited<ReturnType<typeof startAuditApi>>;
  let ca: string;
  const pages = [0, 1, 2].map((page) => Array.from({ length: page === 2 ? 3 : 500 }, (_, index) => ({
    eventTime: new Date(Date.UTC(2026, 11, 7, 10, 0, 0) + page * 1000 + index).toISOString(), actor: `user${page}-${index}`, action: 'login',
  })));

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'codeless-poller-'));
    synthesizeExample(outdir);
    api = await startAuditApi(pages);
    emulator = await startEmulator({
      outDir: outdir, pollOrigins: { ContosoAuditCodeless: api.origin }, variables: { contoso_audit_api_key: API_KEY }, schedulePolls: false,
    });
    ca = readFileSync(emulator.certificatePath, 'utf8');
  }, 120_000);

  afterAll(async () => {
    await emulator?.stop();
    await new Promise((resolve) => api?.server.close(resolve));
    rmSync(outdir, { recursive: true, force: true });
  });

  function call(method: string, target: string): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const outgoing = request(`${emulator.httpsUrl}${target}`, { method, ca }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  let firstWindow: { start: string; end: string };

  test('one POST .../poll reads every page with the key and fills ContosoAuditCodeless_CL with every event', async () => {
    const answer = await call('POST', '/emulator/pollers/ContosoAuditCodeless/poll');
    firstWindow = answer.body.window;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ poller: 'ContosoAuditCodeless', requests: 3, pages: 3, events: 1003, rowsWritten: 1003 });
    expect(answer.body.error).toBeUndefined();

    // The requests: the example's path, its window attributes in its queryTimeFormat, its page size, the cursor of each page.
    expect(api.seen.map(({ url }) => [url.pathname, url.searchParams.get('limit'), url.searchParams.get('cursor')]))
      .toEqual([['/v1/audit', '500', null], ['/v1/audit', '500', '1'], ['/v1/audit', '500', '2']]);
    expect(api.seen.every(({ authorization }) => authorization === `Bearer ${API_KEY}`)).toBe(true);
    const since = api.seen[0].url.searchParams.get('since') as string;
    const until = api.seen[0].url.searchParams.get('until') as string;
    expect(since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(new Date(until).getTime() - new Date(since).getTime()).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
    expect(answer.body.window.start.slice(0, 19)).toBe(since.slice(0, 19));

    const rows = emulator.query('ContosoAuditCodeless_CL | summarize n = count(), actors = dcount(Actor), earliest = min(TimeGenerated)').rows[0];
    expect([rows.n, rows.actors, (rows.earliest as Date).toISOString()]).toEqual([1003, 1003, pages[0][0].eventTime]);
    expect(emulator.query('ContosoAuditCodeless_CL | where Actor == "user2-2" | project Action').rows).toEqual([{ Action: 'login' }]);
  });

  test('the next poll reads the window that follows, without gap or overlap', async () => {
    const before = api.seen.length;
    const answer = await call('POST', '/emulator/pollers/ContosoAuditCodeless/poll');
    const first = api.seen[0].url.searchParams;
    const next = api.seen[before].url.searchParams;
    expect(next.get('since')).toBe(first.get('until'));
    expect(answer.body.window.start).toBe(firstWindow.end);
    expect(new Date(answer.body.window.end).getTime()).toBeGreaterThanOrEqual(new Date(firstWindow.end).getTime());
  });

  test('the page state: the poller, its last poll and its counts; an unknown poller is a 404', async () => {
    const status = (await call('GET', '/emulator/pollers')).body.pollers;
    expect(status).toEqual([expect.objectContaining({
      name: 'ContosoAuditCodeless', state: 'waiting', apiEndpoint: 'https://api.contoso.com/v1/audit', queryWindowInMin: 5, polls: 2,
      eventsRead: 2006, rowsWritten: 2006,
    })]);
    expect((await call('GET', '/emulator/topology')).body.pollers[0].name).toBe('ContosoAuditCodeless');
    const missing = await call('POST', '/emulator/pollers/Nothing/poll');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'PollerNotFound']);
    const get = await call('GET', '/emulator/pollers/ContosoAuditCodeless/poll');
    expect([get.status, get.body.error.code]).toEqual([405, 'MethodNotAllowed']);
  });
});

describe('a poller that cannot poll, or whose API fails', () => {
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'codeless-poller-idle-'));
    synthesizeExample(outdir);
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('without --poll-origin it is idle, says why, and a poll is refused with the reason', async () => {
    const emulator = await startEmulator({ outDir: outdir, stateDir: path.join(outdir, 'idle') });
    try {
      expect(emulator.pollers.status()).toEqual([expect.objectContaining({
        name: 'ContosoAuditCodeless', state: 'idle',
        reason: 'no API to poll: give --poll-origin ContosoAuditCodeless=URL (a local API standing in for https://api.contoso.com/v1/audit)',
      })]);
      await expect(emulator.pollers.poll('ContosoAuditCodeless')).rejects.toThrow('no API to poll');
    } finally {
      await emulator.stop();
    }
  });

  test('without the API key\'s variable it is idle and names the variable', async () => {
    const emulator = await startEmulator({ outDir: outdir, stateDir: path.join(outdir, 'novar'), pollOrigins: { ContosoAuditCodeless: 'http://127.0.0.1:9' } });
    try {
      expect(emulator.pollers.status()[0].reason).toContain(
        'auth.apiKey: uses ${var.contoso_audit_api_key}: give its value with --var contoso_audit_api_key=VALUE or TF_VAR_contoso_audit_api_key');
    } finally {
      await emulator.stop();
    }
  });

  test('an origin for a poller the stack lacks is refused at start', async () => {
    await expect(startEmulator({ outDir: outdir, stateDir: path.join(outdir, 'typo'), pollOrigins: { ContosoAudit: 'http://127.0.0.1:9' } }))
      .rejects.toThrow('--poll-origin ContosoAudit: the stack has no codeless poller ContosoAudit (its pollers: ContosoAuditCodeless)');
  });

  test('a wrong key (401) is the poller\'s error on its state, and the emulator goes on', async () => {
    const api = await startAuditApi([[]]);
    const emulator = await startEmulator({
      outDir: outdir, stateDir: path.join(outdir, 'wrongkey'), pollOrigins: { ContosoAuditCodeless: api.origin },
      variables: { contoso_audit_api_key: 'wrong' }, schedulePolls: false,
    });
    try {
      const outcome = await emulator.pollers.poll('ContosoAuditCodeless');
      expect(outcome).toMatchObject({ requests: 1, events: 0, rowsWritten: 0 });
      expect(outcome.error).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/audit answered 401: "\{\\"error\\":\\"bad key\\"\}"$/);
      expect(emulator.pollers.status()[0]).toMatchObject({ state: 'failed', lastError: outcome.error });
      expect(emulator.query('print 1').rows).toEqual([{ print_0: 1 }]);
    } finally {
      await emulator.stop();
      await new Promise((resolve) => api.server.close(resolve));
    }
  });
});
