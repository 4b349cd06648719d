import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Browser, chromium, Page } from 'playwright-core';
import { describeRunningEmulator } from '../../cli/emulator';
import { DataConnectorsPage } from '../../emulator/http/data-connectors-page';
import { startHttpsServer } from '../../emulator/http/https-server';
import { generateSelfSignedCertificate } from '../../emulator/http/self-signed-certificate';
import { RunningEmulator, startEmulator } from '../../emulator/start-emulator';
import { WorkspaceStore } from '../../emulator/store/table-store';
import { synthesizeExample } from '../../stacks/main';
import { HOSTILE_TITLE, START, topology, workspace } from '../support/data-connectors-topology';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
/** Debian's chromium (`apt-get install chromium`, done by .ci/run); never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Nothing can leave the machine: every request that is not to the loopback address goes to a proxy on the discard port
 * of 127.0.0.1, where nothing listens, and fails. `--no-sandbox`: CI runs as root.
 */
const CHROMIUM_ARGUMENTS = ['--no-sandbox', '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1'];

/** The example's connectors that the test feeds, by catalog ID: CEF and Syslog via the forwarder, REST via the rule. */
const FED = ['CefAma', 'SyslogAma', 'ContosoApp'];
/** The tables those fill: every connector that fills one of them turns Connected, and no other. */
const FED_TABLES = new Set(['CommonSecurityLog', 'Syslog', 'ContosoApp_CL']);


describe('the Data connectors page, in headless Chromium', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const id = `page-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'data-connectors-page-'));
    synthesizeExample(outdir);
    emulator = await startEmulator({ outDir: outdir, ports: { syslog: 0, https: 0 } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGUMENTS });
    // The self-signed certificate of the emulator is not in Chromium's store; everything else about TLS is real.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1600, height: 1000 }, timezoneId: 'UTC' });
    // Every request is recorded (and checked at the end); the proxy above makes any other than to 127.0.0.1 fail.
    context.on('request', (request) => { requests.push(request.url()); });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') {
        consoleErrors.push(message.text());
      }
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  const statusOf = (connectorId: string) => page.locator(`#connectors tr[data-connector-id="${connectorId}"] .status`).getAttribute('data-status');

  test('lists every connector of the example as Disconnected before any data arrives', async () => {
    // The address `sentinel-cdk emulator` prints.
    const printed = describeRunningEmulator(emulator).map((line) => /^Data connectors page: (\S+)/.exec(line)?.[1]).find(Boolean);
    expect(printed).toBe(`${emulator.httpsUrl}/`);
    await page.goto(printed as string);
    await page.waitForSelector('body[data-loaded="true"]');
    const recorded = emulator.topology.connectors;
    expect(recorded.length).toBeGreaterThanOrEqual(FED.length);
    const rows = page.locator('#connectors tbody tr');
    expect(await rows.count()).toBe(recorded.length);
    expect(await rows.evaluateAll((elements) => elements.map((row) => (row as unknown as { dataset: Record<string, string> }).dataset.connectorId)))
      .toEqual(recorded.map((connector) => connector.catalogEntry.connectorId));
    for (const connector of recorded) {
      const row = page.locator(`#connectors tr[data-connector-id="${connector.catalogEntry.connectorId}"]`);
      expect(await row.locator('strong').textContent()).toBe(connector.catalogEntry.title);
      expect(await statusOf(connector.catalogEntry.connectorId)).toBe('Disconnected');
      expect(await row.locator('.last-log').textContent()).toBe('never');
    }
    const cef = page.locator('#connectors tr[data-connector-id="CefAma"]');
    expect(await cef.locator('td').allTextContents()).toEqual(expect.arrayContaining([
      'CEF via AMA', 'Microsoft', 'Microsoft Microsoft Corporation', 'CommonSecurityLog (0)']));
    expect(await cef.locator('a').getAttribute('href')).toBe('https://support.microsoft.com');
    expect(await page.locator('#connectors tr[data-connector-id="ContosoApp"] a').getAttribute('href')).toBe('mailto:soc@contoso.com');
    expect(await page.locator('#connected-count').textContent()).toBe('0');
  });

  test.each([1280, 1024])('at %i px wide, the connector table fits the window: no column cut off, names wrap', async (width) => {
    await page.setViewportSize({ width, height: 900 });
    try {
      // Read in the page; the test is compiled without DOM types, so the script is a string.
      const fit = await page.evaluate(`(() => {
        const section = document.querySelector('.connectors');
        const table = document.querySelector('#connectors');
        return { scroll: section.scrollWidth, client: section.clientWidth, right: table.getBoundingClientRect().right, window: window.innerWidth };
      })()`) as { scroll: number; client: number; right: number; window: number };
      expect(fit.scroll).toBeLessThanOrEqual(fit.client);
      expect(fit.right).toBeLessThanOrEqual(fit.window);
    } finally {
      await page.setViewportSize({ width: 1600, height: 1000 });
    }
  });

  test('after logger and the Logs Ingestion client send, the fed connectors show Connected, the last log and the graph', async () => {
    const udp = emulator.forwarders[0].udp;
    await run('logger', ['-n', udp.host, '-P', String(udp.port), '-d', '-p', 'local4.warning', '-t', 'CEF',
      `CEF:0|Contoso|Firewall|2.1|100|Port scan|7|src=10.1.2.3 dst=10.4.5.6 dpt=22 cs1=${id} cs1Label=Tag`]);
    await run('logger', ['-n', udp.host, '-P', String(udp.port), '-d', '-p', 'auth.info', '-t', 'sshd', `Accepted publickey for admin ${id}`]);
    const rule = emulator.topology.rules.find((candidate) => candidate.streamDeclarations.has('Custom-ContosoAppRaw'));
    const records = path.join(outdir, 'records.json');
    writeFileSync(records, JSON.stringify([{ TimeGenerated: new Date().toISOString(), RawData: `WARN user=alice src=10.0.0.7 duration_ms=5 msg=${id}` }]));
    const { stdout } = await run('node', [path.join(__dirname, 'clients', 'logs-ingestion-client.js'), emulator.httpsUrl,
      rule?.immutableId ?? 'missing', 'Custom-ContosoAppRaw', records], { env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.certificatePath } });
    expect(JSON.parse(stdout)).toEqual({ uploaded: 1 });

    // The page polls /emulator/connectors: no reload.
    for (const connectorId of FED) {
      await page.waitForSelector(`#connectors tr[data-connector-id="${connectorId}"] .status[data-status="Connected"]`, { timeout: 10_000 });
      expect(await page.locator(`#connectors tr[data-connector-id="${connectorId}"] .last-log`).textContent()).toMatch(/^\d{1,2}:\d{2}:\d{2}.* \(\d+ s ago\)$/);
    }
    const recorded = emulator.topology.connectors;
    const connected = recorded.filter((connector) => connector.catalogEntry.tables.some((table) => FED_TABLES.has(table)));
    expect(connected.map((connector) => connector.catalogEntry.connectorId)).toEqual(expect.arrayContaining(FED));
    for (const connector of recorded) {
      expect([connector.catalogEntry.connectorId, await statusOf(connector.catalogEntry.connectorId)])
        .toEqual([connector.catalogEntry.connectorId, connected.includes(connector) ? 'Connected' : 'Disconnected']);
    }
    expect(await statusOf('Office365')).toBe('Disconnected');
    expect(await page.locator('#connected-count').textContent()).toBe(String(connected.length));
    expect(await page.locator('#connectors tr[data-connector-id="CefAma"] [data-table="CommonSecurityLog"]').getAttribute('data-rows')).toBe('1');

    // The detail view: the graph has the minute with the row, and the rule's facilities, levels and transformation.
    await page.locator('#connectors tr[data-connector-id="CefAma"] strong').click();
    await page.waitForSelector('#detail[data-connector-id="CefAma"] #graph[data-minutes-with-rows="1"]');
    expect(await page.locator('#graph').getAttribute('data-rows-total')).toBe('1');
    expect(await seriesPixels(page)).toBeGreaterThan(0);
    expect(await page.locator('#detail-status .status').getAttribute('data-status')).toBe('Connected');
    const rules = await page.locator('#detail-rules').textContent();
    expect(rules).toContain('local4');
    expect(rules).toContain('Warning, Error, Critical, Alert, Emergency');
    expect(await page.locator('#detail-rules pre.transform').first().textContent()).toContain('heartbeat');
    expect(await page.locator('#detail-prerequisites li').count()).toBeGreaterThan(0);
  });

  test('the query box runs KQL through the query API and shows the rows', async () => {
    await page.fill('#query-text', `CommonSecurityLog | where DeviceCustomString1 == "${id}" | project DeviceVendor, Activity, DestinationPort`);
    await page.click('#query-run');
    await page.waitForSelector('#query-result[data-rows="1"]');
    expect(await page.locator('#query-result thead th').allTextContents()).toEqual(['DeviceVendor', 'Activity', 'DestinationPort']);
    expect(await page.locator('#query-result tbody td').allTextContents()).toEqual(['Contoso', 'Port scan', '22']);
    expect(await page.locator('#query-error').isHidden()).toBe(true);
    expect(requests).toContainEqual(expect.stringMatching(/\/v1\/workspaces\/[0-9a-f-]{36}\/query$/));
  });

  test('the topology diagram shows the forwarder, the rules, the tables and the workspace', async () => {
    await page.waitForSelector('#diagram[data-rendered="true"] svg');
    const diagram = await page.locator('#diagram svg').textContent();
    expect(diagram).toContain('Forwarder fwd-contoso-weu');
    expect(diagram).toContain('CommonSecurityLog');
    expect(diagram).toContain('ContosoApp_CL');
    expect(diagram).toContain('Workspace contoso-sentinel');
  });

  test('loaded everything from the emulator, with no console error; a screenshot is kept for review', async () => {
    const file = path.join(ROOT, 'test', 'artifacts', 'data-connectors-page.png');
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    // README's picture (the list and the CEF connector's detail view), rewritten only when asked.
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: path.join(ROOT, 'docs', 'data-connectors-page.png') });
    }
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => !url.startsWith(`${emulator.httpsUrl}/`))).toEqual([]);
    expect(new URL(emulator.httpsUrl).hostname).toBe('127.0.0.1');
    expect(consoleErrors).toEqual([]);
  });

  test('a codeless connector\'s detail view shows its poller: idle without --poll-origin, and why', async () => {
    expect(await page.locator('#detail-poller').isHidden()).toBe(true);
    await page.locator('#connectors tr[data-connector-id="ContosoAuditCodeless"] strong').click();
    await page.waitForSelector('#detail[data-connector-id="ContosoAuditCodeless"] #detail-poller[data-state="idle"]');
    const facts = await page.locator('#detail-poller-facts').textContent();
    expect(facts).toContain('no API to poll: give --poll-origin ContosoAuditCodeless=URL');
    expect(facts).toContain('https://api.contoso.com/v1/audit');
    expect(consoleErrors).toEqual([]);
  });

  test('a connector title that holds markup is shown as text in the list, the detail view and the diagram', async () => {
    const server = await startHttpsServer({
      host: '127.0.0.1', port: 0, certificate: await generateSelfSignedCertificate(), workspaces: () => [], topology: () => ({}),
      tokenRequirements: {}, now: () => START,
      dataConnectorsPage: new DataConnectorsPage({
        topology: () => topology, stores: () => new Map([[workspace.address, new WorkspaceStore(workspace.tables.values())]]),
        now: () => START, connectedWindowInMinutes: 10, forwarderListeners: () => [],
      }),
    });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const outside: string[] = [];
    context.on('request', (request) => {
      if (!request.url().startsWith(`${server.url}/`)) {
        outside.push(request.url());
      }
    });
    const hostile = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    hostile.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    hostile.on('pageerror', (error) => errors.push(error.message));
    hostile.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });
    try {
      await hostile.goto(`${server.url}/`);
      await hostile.waitForSelector('body[data-loaded="true"] #diagram[data-rendered="true"] svg');
      expect(await hostile.locator('#connectors tr[data-connector-id="CefAma"] strong').textContent()).toBe(HOSTILE_TITLE);
      expect(await hostile.locator('#detail-title').textContent()).toBe(HOSTILE_TITLE);
      expect(await hostile.locator('#diagram svg').textContent()).toContain('Forwarder fwd-<1>');
      expect(await hostile.locator('script').count()).toBe(2);
      expect(await hostile.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await hostile.locator('#connectors script, #detail script, #diagram script').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
      await new Promise<void>((resolve) => server.server.close(() => resolve()));
    }
  });
});

/** Pixels of the first series' colour (#0078d4) on the graph's canvas: the line and points uPlot drew. */
function seriesPixels(page: Page): Promise<number> {
  return page.locator('#graph canvas').evaluate((canvas) => {
    // The test's TypeScript has no DOM types: the canvas's shape is spelled out.
    const element = canvas as unknown as { width: number; height: number; getContext(kind: '2d'): {
      getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } };
    const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      if (Math.abs(data[index] - 0x00) < 24 && Math.abs(data[index + 1] - 0x78) < 24 && Math.abs(data[index + 2] - 0xd4) < 24 && data[index + 3] > 200) {
        count++;
      }
    }
    return count;
  });
}
