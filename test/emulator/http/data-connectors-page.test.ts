import { request } from 'node:https';
import { DataConnectorsPage } from '../../../emulator/http/data-connectors-page';
import { dataConnectorsStatus, DataConnectorsPageOptions } from '../../../emulator/http/handlers/data-connectors-handler';
import { escapeMermaidLabel, topologyDiagram } from '../../../emulator/http/handlers/topology-diagram';
import { RunningHttpsServer, startHttpsServer } from '../../../emulator/http/https-server';
import { generateSelfSignedCertificate } from '../../../emulator/http/self-signed-certificate';
import { startEmulator } from '../../../emulator/start-emulator';
import { ROWS_PER_MINUTE_HISTORY_IN_MINUTES, WorkspaceStore } from '../../../emulator/store/table-store';
import { HOSTILE_TITLE, START, topology, workspace } from '../../support/data-connectors-topology';

describe('the Data connectors page\'s model', () => {
  let now = START;
  const store = new WorkspaceStore(workspace.tables.values());
  const options: DataConnectorsPageOptions = {
    topology: () => topology, stores: () => new Map([[workspace.address, store]]), now: () => now, connectedWindowInMinutes: 10,
    forwarderListeners: () => [{ key: 'azurerm_linux_virtual_machine.F', udp: '127.0.0.1:5514', tcp: '127.0.0.1:5514' }],
  };

  test('lists each connector Disconnected before rows arrive, with its catalog entry, tables, prerequisites and rules', () => {
    const status = dataConnectorsStatus(options);
    expect(status).toMatchObject({ stackName: 'soc-test', connectedWindowInMinutes: 10, workspaces: [{ name: 'soc', customerId: workspace.customerId }] });
    expect(status.minutes).toHaveLength(ROWS_PER_MINUTE_HISTORY_IN_MINUTES);
    expect(status.minutes.at(-1)).toBe(Date.parse('2026-11-25T12:00:00Z'));
    expect(status.connectors.map((connector) => [connector.connectorId, connector.status, connector.lastLogReceived]))
      .toEqual([['CefAma', 'Disconnected', null], ['Office365', 'Disconnected', null]]);
    expect(status.connectors[0]).toMatchObject({
      title: HOSTILE_TITLE, ingestionPathTitle: 'CEF via AMA', publisher: 'Microsoft',
      support: { tier: 'Microsoft', name: 'Microsoft Corporation', link: 'https://support.microsoft.com', email: null },
      workspace: { name: 'soc' }, prerequisites: ['A forwarder'],
      tables: [{ tableName: 'CommonSecurityLog', rowsWritten: 0, rowCount: 0, lastRowAt: null }],
      dataCollectionRules: [{
        ruleName: 'dcr-cef', syslogSources: [{ facilityNames: ['local4'], logLevels: ['Warning', 'Error'] }],
        dataFlows: [{ tableName: 'CommonSecurityLog', transformKql: 'source | where Activity !has "heartbeat"' }],
      }],
    });
    expect(status.connectors[1].dataCollectionRules).toEqual([]);
  });

  test('Connected while a table received a row within the window, with the last log and rows per minute; then Disconnected again', () => {
    store.table('CommonSecurityLog').append({ DeviceVendor: 'Contoso' }, START);
    now = new Date(START.getTime() + 60_000);
    store.table('CommonSecurityLog').append({ DeviceVendor: 'Contoso' }, now);
    store.table('CommonSecurityLog').append({ DeviceVendor: 'Contoso' }, now);
    const connected = dataConnectorsStatus(options);
    expect(connected.connectors.map((connector) => connector.status)).toEqual(['Connected', 'Disconnected']);
    expect(connected.connectors[0].lastLogReceived).toBe(now.toISOString());
    expect(connected.connectors[0].tables[0]).toMatchObject({ rowsWritten: 3, lastRowAt: now.toISOString() });
    expect(connected.connectors[0].tables[0].rowsPerMinute.slice(-2)).toEqual([1, 2]);
    expect(connected.minutes.at(-1)).toBe(Date.parse('2026-11-25T12:01:00Z'));

    now = new Date(now.getTime() + 10 * 60_000 - 1);
    expect(dataConnectorsStatus(options).connectors[0].status).toBe('Connected');
    now = new Date(now.getTime() + 2);
    expect(dataConnectorsStatus(options).connectors[0].status).toBe('Disconnected');
  });
});

test('fails to start the emulator with a connected window that is not a number of minutes above 0', async () => {
  for (const connectedWindowInMinutes of [0, -5, Number.NaN]) {
    // Refused before the synthesized output is read: the directory does not need to exist.
    await expect(startEmulator({ outDir: 'no-such-output', connectedWindowInMinutes })).rejects.toThrow(/^connectedWindowInMinutes: /);
  }
});

describe('the topology diagram', () => {
  test('escapes every label: no quote, angle bracket, ampersand, backtick or raw entity of a user\'s value reaches Mermaid', () => {
    expect(escapeMermaidLabel(HOSTILE_TITLE)).toBe('Firewalls #34;#60;script#62;alert(1)#60;/script#62;#34; #38; #35;quot; #96;x#96;');
    expect(escapeMermaidLabel('two\nlines')).toBe('two lines');
  });

  test('draws devices, forwarder, rule, table and workspace, and a service connector straight into its table', () => {
    const diagram = topologyDiagram(topology, [{ key: 'azurerm_linux_virtual_machine.F', udp: '127.0.0.1:5514', tcp: '127.0.0.1:5515' }]);
    expect(diagram.split('\n')).toEqual(expect.arrayContaining([
      'flowchart LR',
      '    devices["Syslog and CEF devices"]',
      '    source1["Microsoft 365<br/><small>Service to service</small>"]',
      '  forwarder0["Forwarder fwd-#60;1#62;<br/><small>udp 127.0.0.1:5514, tcp 127.0.0.1:5515</small>"]',
      '  rule0{{"DCR dcr-cef"}}',
      '  table0[("CommonSecurityLog")]',
      '  workspace0[("Workspace soc")]',
      '  devices --> forwarder0',
      '  forwarder0 --> rule0',
      '  rule0 -->|"transform"| table0',
      '  table0 --> workspace0',
      '  source1 --> table1',
    ]));
    // The CEF connector is fed by the forwarder: not a source of its own.
    expect(diagram).not.toContain('source0');
  });
});

describe('the page over HTTPS', () => {
  let server: RunningHttpsServer;
  let ca: string;

  beforeAll(async () => {
    const pair = await generateSelfSignedCertificate();
    ca = pair.cert;
    const page = new DataConnectorsPage({
      topology: () => topology, stores: () => new Map([[workspace.address, new WorkspaceStore(workspace.tables.values())]]),
      now: () => START, connectedWindowInMinutes: 10, forwarderListeners: () => [],
    });
    server = await startHttpsServer({
      host: '127.0.0.1', port: 0, certificate: pair, workspaces: () => [], topology: () => ({}), tokenRequirements: {},
      now: () => START, dataConnectorsPage: page,
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.server.close(() => resolve())));

  function get(path: string, method = 'GET') {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      request(`${server.url}${path}`, { method, ca }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      }).on('error', reject).end();
    });
  }

  test('GET / is the page, with a policy that admits nothing but the emulator', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'");
    expect(response.body).toContain('<script src="/emulator/page/data-connectors.js" defer></script>');
    // Every script and style the page names is served by the emulator.
    const references = [...response.body.matchAll(/(?:src|href)="(\/[^"]*)"/g)].map((match) => match[1]);
    expect(references).toHaveLength(4);
    for (const reference of references) {
      const asset = await get(reference, 'HEAD');
      expect([reference, asset.status]).toEqual([reference, 200]);
      expect(asset.headers['content-type']).toMatch(/^text\/(javascript|css); charset=utf-8$/);
    }
  });

  test('serves Mermaid\'s ES module build and the chunks it imports', async () => {
    const entry = await get('/emulator/page/vendor/mermaid/mermaid.esm.min.mjs');
    expect(entry.status).toBe(200);
    const imports = [...entry.body.matchAll(/from"\.\/(chunks\/mermaid\.esm\.min\/[^"]+\.mjs)"/g)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(5);
    for (const chunk of imports.slice(0, 5)) {
      expect((await get(`/emulator/page/vendor/mermaid/${chunk}`, 'HEAD')).status).toBe(200);
    }
  });

  test('GET /emulator/connectors is the page\'s JSON, never cached', async () => {
    const response = await get('/emulator/connectors');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.body)).toMatchObject({ stackName: 'soc-test', connectors: [{ connectorId: 'CefAma' }, { connectorId: 'Office365' }] });
  });

  test('fails with 404 for any other path: no request path reaches the file system', async () => {
    for (const path of ['/emulator/page/../../package.json', '/emulator/page/vendor/uPlot.cjs.js', '/emulator/page/index.html', '/index.html']) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });
});
