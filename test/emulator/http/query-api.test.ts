import { request } from 'node:https';
import { generateSelfSignedCertificate } from '../../../emulator/http/self-signed-certificate';
import { RunningHttpsServer, startHttpsServer } from '../../../emulator/http/https-server';
import { parseTimespan } from '../../../emulator/http/handlers/query-handler';
import { WorkspaceStore } from '../../../emulator/store/table-store';
import { EmulatedWorkspace } from '../../../emulator/topology/load-topology';
import { SYSLOG_TABLE } from '../../../model/tables/syslog';

const NOW = new Date('2026-11-25T12:00:00Z');

describe('the query API', () => {
  let server: RunningHttpsServer;
  let ca: string;
  const workspace: EmulatedWorkspace = {
    address: 'azurerm_log_analytics_workspace.W', workspaceName: 'soc', customerId: '11111111-2222-4333-8444-555555555555',
    resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/soc',
    tables: new Map([['Syslog', SYSLOG_TABLE]]),
    localAuthenticationEnabled: false, primarySharedKey: 'cHJpbWFyeQ==', secondarySharedKey: 'c2Vjb25kYXJ5',
  };
  const store = new WorkspaceStore([SYSLOG_TABLE]);
  store.table('Syslog').append({ TimeGenerated: new Date('2026-11-25T11:30:00Z'), Facility: 'auth', SyslogMessage: 'recent', ProcessID: 42 }, NOW);
  store.table('Syslog').append({ TimeGenerated: new Date('2026-11-24T11:30:00Z'), Facility: 'auth', SyslogMessage: 'old', ProcessID: 7 }, NOW);

  beforeAll(async () => {
    const pair = await generateSelfSignedCertificate();
    ca = pair.cert;
    server = await startHttpsServer({
      host: '127.0.0.1', port: 0, certificate: pair, workspaces: () => [{ workspace, store }],
      topology: () => ({ workspaces: [{ name: 'soc' }] }), tokenRequirements: {}, now: () => NOW,
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.server.close(() => resolve())));

  function call(method: string, path: string, body?: string, headers: Record<string, string> = { authorization: 'Bearer x' }) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
      const outgoing = request(`${server.url}${path}`, { method, ca, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) }));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  test('answers in the shape of the real API, with and without /v1, by id or name', async () => {
    const query = JSON.stringify({ query: 'Syslog | order by TimeGenerated asc | project TimeGenerated, SyslogMessage, ProcessID' });
    for (const path of [`/v1/workspaces/${workspace.customerId}/query`, `/workspaces/${workspace.customerId}/query`, '/v1/workspaces/soc/query']) {
      const response = await call('POST', path, query);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        tables: [{
          name: 'PrimaryResult',
          columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'SyslogMessage', type: 'string' }, { name: 'ProcessID', type: 'int' }],
          rows: [['2026-11-24T11:30:00.000Z', 'old', 7], ['2026-11-25T11:30:00.000Z', 'recent', 42]],
        }],
      });
    }
  });

  test('applies the timespan, in the body or the query string', async () => {
    const post = await call('POST', `/v1/workspaces/${workspace.customerId}/query`, JSON.stringify({ query: 'Syslog | project SyslogMessage', timespan: 'PT1H' }));
    expect(post.body.tables[0].rows).toEqual([['recent']]);
    const get = await call('GET', `/v1/workspaces/${workspace.customerId}/query?query=${encodeURIComponent('Syslog | count')}&timespan=P2D`);
    expect(get.body.tables[0].rows).toEqual([[2]]);
  });

  test('answers a batch', async () => {
    const response = await call('POST', '/v1/$batch', JSON.stringify({ requests: [
      { id: '1', workspace: workspace.customerId, body: { query: 'Syslog | count' } },
      { id: '2', workspace: 'nope', body: { query: 'Syslog | count' } },
    ] }));
    expect(response.status).toBe(200);
    expect(response.body.responses).toEqual([
      { id: '1', status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [{ name: 'Count', type: 'long' }], rows: [[2]] }] } },
      { id: '2', status: 404, body: { error: { code: 'WorkspaceNotFoundError', message: 'The workspace could not be found: nope' } } },
    ]);
  });

  test.each([
    ['no Authorization header', 'POST', '/v1/workspaces/soc/query', '{"query":"Syslog"}', {}, 401, 'AuthenticationFailed'],
    ['a header that is not a bearer token', 'POST', '/v1/workspaces/soc/query', '{"query":"Syslog"}', { authorization: 'Basic eA==' }, 403, 'InvalidAuthenticationToken'],
    ['a path the API does not have', 'GET', '/v1/nothing', undefined, undefined, 404, 'PathNotFoundError'],
    ['malformed JSON', 'POST', '/v1/workspaces/soc/query', '{"query":', undefined, 400, 'BadArgumentError'],
    ['no query', 'POST', '/v1/workspaces/soc/query', '{}', undefined, 400, 'BadArgumentError'],
    ['a syntax error', 'POST', '/v1/workspaces/soc/query', '{"query":"Syslog | where"}', undefined, 400, 'BadArgumentError'],
    ['an unknown column', 'POST', '/v1/workspaces/soc/query', '{"query":"Syslog | where Nope == 1"}', undefined, 400, 'BadArgumentError'],
    ['a bad timespan', 'POST', '/v1/workspaces/soc/query', '{"query":"Syslog","timespan":"yesterday"}', undefined, 400, 'BadArgumentError'],
    ['an unknown workspace', 'POST', '/v1/workspaces/00000000-0000-0000-0000-000000000000/query', '{"query":"Syslog"}', undefined, 404, 'WorkspaceNotFoundError'],
  ])('fails on %s with the real status and error body', async (_name, method, path, body, headers, status, code) => {
    const response = await call(method as string, path as string, body as string | undefined, headers as Record<string, string> | undefined);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(response.headers['x-ms-error-code']).toBe(code);
  });

  test('a syntax error carries the inner SyntaxError and the analyzer\'s message', async () => {
    const response = await call('POST', '/v1/workspaces/soc/query', '{"query":"Syslog | where"}');
    expect(response.body.error).toMatchObject({
      message: 'The request had some invalid properties', innererror: { code: 'SyntaxError', message: expect.stringContaining('expression') },
    });
  });

  test('serves /emulator/topology', async () => {
    expect((await call('GET', '/emulator/topology')).body).toEqual({ workspaces: [{ name: 'soc' }] });
  });
});

describe('timespans', () => {
  test.each([
    ['PT1H', '2026-11-25T11:00:00.000Z', '2026-11-25T12:00:00.000Z'],
    ['P1DT2H', '2026-11-24T10:00:00.000Z', '2026-11-25T12:00:00.000Z'],
    ['2026-11-01T00:00:00Z/2026-11-02T00:00:00Z', '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'],
    ['2026-11-01T00:00:00Z/PT6H', '2026-11-01T00:00:00.000Z', '2026-11-01T06:00:00.000Z'],
    ['PT6H/2026-11-01T06:00:00Z', '2026-11-01T00:00:00.000Z', '2026-11-01T06:00:00.000Z'],
  ])('%s', (text, start, end) => {
    const window = parseTimespan(text, NOW);
    expect([window.start.toISOString(), window.end.toISOString()]).toEqual([start, end]);
  });

  test.each(['P', 'PT', '1h', 'PT1H/PT2H', 'a/b/c'])('fails on %s', (text) => {
    let thrown: unknown;
    try {
      parseTimespan(text, NOW);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status: 400, code: 'BadArgumentError',
      innerError: { code: 'InvalidTimespan', message: `The timespan '${text}' is not an ISO 8601 interval or duration.` } });
  });
});
