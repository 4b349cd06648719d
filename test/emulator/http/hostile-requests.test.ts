import { request } from 'node:https';
import { connect } from 'node:tls';
import { generateSelfSignedCertificate } from '../../../emulator/http/self-signed-certificate';
import { HttpTimeouts, RunningHttpsServer, startHttpsServer } from '../../../emulator/http/https-server';
import { QueryWorkers } from '../../../emulator/query/query-workers';
import { WorkspaceStore } from '../../../emulator/store/table-store';
import { EmulatedWorkspace } from '../../../emulator/topology/load-topology';
import { SYSLOG_TABLE } from '../../../model/tables/syslog';

/** The inputs of issue 19, each a named regression case: a status and a JSON error body, and the server goes on. */

const NOW = new Date('2026-11-25T12:00:00Z');
const ID = '11111111-2222-4333-8444-555555555555';

function startServer(queries: QueryWorkers, ca: { cert: string; key: string }, allowedHosts?: string[], timeouts?: HttpTimeouts): Promise<RunningHttpsServer> {
  const workspace: EmulatedWorkspace = {
    address: 'azurerm_log_analytics_workspace.W', workspaceName: 'soc', customerId: ID,
    resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/soc',
    tables: new Map([['Syslog', SYSLOG_TABLE]]),
    localAuthenticationEnabled: false, primarySharedKey: 'cHJpbWFyeQ==', secondarySharedKey: 'c2Vjb25kYXJ5',
  };
  const store = new WorkspaceStore([SYSLOG_TABLE]);
  store.table('Syslog').append({ TimeGenerated: new Date('2026-11-25T11:30:00Z'), Facility: 'auth', SyslogMessage: 'kept' }, NOW);
  return startHttpsServer({
    host: '127.0.0.1', port: 0, certificate: ca, workspaces: () => [{ workspace, store }], queries, allowedHosts, timeouts,
    topology: () => ({ secret: 'shared keys live here' }), tokenRequirements: {}, now: () => NOW,
  });
}

/**
 * Writes raw bytes over TLS (then closes the writing side when `halfClose`) and reads everything until the server
 * closes (or 10 s pass).
 */
function raw(server: RunningHttpsServer, ca: string, bytes: string | Buffer, halfClose = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port, ca, servername: 'localhost' },
      () => (halfClose ? socket.end(bytes) : socket.write(bytes)));
    let text = '';
    const timer = setTimeout(() => { socket.destroy(); resolve(text); }, 10_000);
    socket.on('data', (chunk) => { text += chunk.toString('latin1'); });
    socket.on('close', () => { clearTimeout(timer); resolve(text); });
    socket.on('error', (error) => { clearTimeout(timer); if (text === '') { reject(error); } else { resolve(text); } });
  });
}

describe('the HTTPS server answers every input (issue 19)', () => {
  let server: RunningHttpsServer;
  let queries: QueryWorkers;
  let pair: { cert: string; key: string };

  beforeAll(async () => {
    pair = await generateSelfSignedCertificate();
    // The default timeout: the language service alone takes some 8 s over the print of 60,000 columns (a 504 under load at 10 s).
    queries = new QueryWorkers({ timeoutSeconds: 30 });
    server = await startServer(queries, pair, ['emulator.internal']);
  });

  afterAll(async () => {
    await queries.close();
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => server.server.close(() => resolve()));
  });

  function call(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
      const outgoing = request(`${server.url}${path}`, {
        // The chain is checked against the emulator's certificate; the name is not (the tests send foreign Host headers).
        method, ca: pair.cert, checkServerIdentity: () => undefined, headers: { 'content-type': 'application/json', authorization: 'Bearer x', ...headers },
      }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) }));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const query = (text: string) => call('POST', `/v1/workspaces/${ID}/query`, JSON.stringify({ query: text }));

  test('a query still answers after each case', async () => {
    expect((await query('Syslog | project SyslogMessage')).body.tables[0].rows).toEqual([['kept']]);
  });

  test.each([
    ['a query body of null', 'null', 'InvalidBody'],
    ['a query body that is an array', '[1]', 'InvalidBody'],
    ['a JSON body nested 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000), 'JsonTooDeep'],
    ['a timespan that is a number', JSON.stringify({ query: 'print 1', timespan: 5 }), 'InvalidTimespan'],
  ])('%s is a 400', async (_name, body, innerCode) => {
    const answer = await call('POST', `/v1/workspaces/${ID}/query`, body);
    expect([answer.status, answer.body.error.code, answer.body.error.innererror.code]).toEqual([400, 'BadArgumentError', innerCode]);
  });

  test.each([
    ['requests that is not an array', JSON.stringify({ requests: 'x' })],
    ['requests that hold a number', JSON.stringify({ requests: [1] })],
    ['requests without an id', JSON.stringify({ requests: [{ workspace: ID, body: { query: 'print 1' } }] })],
  ])('$batch with %s is a 400', async (_name, body) => {
    const answer = await call('POST', '/v1/$batch', body);
    expect([answer.status, answer.body.error.innererror.code]).toEqual([400, 'InvalidBody']);
  });

  test('$batch answers each query in order, through the workers', async () => {
    const requests = Array.from({ length: 50 }, (_, index) => ({ id: String(index), workspace: ID, body: { query: `print n=${index}` } }));
    const answer = await call('POST', '/v1/$batch', JSON.stringify({ requests }));
    expect(answer.body.responses.map((entry: any) => [entry.id, entry.status, entry.body.tables[0].rows[0][0]]))
      .toEqual(requests.map((_, index) => [String(index), 200, index]));
  });

  test('%ZZ in a workspace id is a 400, not a 500', async () => {
    const answer = await call('POST', '/v1/workspaces/%ZZ/query', JSON.stringify({ query: 'print 1' }));
    expect([answer.status, answer.body.error.code]).toEqual([400, 'InvalidUri']);
  });

  test('a query body over 1 MiB gets a 413 (it was built and never sent)', async () => {
    const answer = await call('POST', `/v1/workspaces/${ID}/query`, JSON.stringify({ query: `print "${'a'.repeat(1_100_000)}"` }));
    expect([answer.status, answer.body.error.code]).toEqual([413, 'RequestEntityTooLarge']);
  });

  test('print with 60,000 columns is answered', async () => {
    const answer = await query(`print ${Array.from({ length: 60_000 }, (_, index) => `c${index}=${index}`).join(', ')}`);
    expect(answer.status).toBe(200);
    expect(answer.body.tables[0].columns).toHaveLength(60_000);
  });

  test('strrep past 1,024 repetitions repeats 1,024 times, as Kusto does (the heap was exhausted)', async () => {
    expect((await query('print s=strlen(strrep("a", 1000000000))')).body.tables[0].rows).toEqual([[1024]]);
  });

  test('a value past what a string may hold is a 400 E_RUNAWAY_QUERY', async () => {
    const answer = await query('print s=strrep(strrep("a",1024),1024) | extend t=strcat(s,s,s,s,s,s,s,s) | extend u=strcat(t,t,t,t,t,t,t,t)'
      + ' | extend v=strcat(u,u,u,u,u,u,u,u) | project n=strlen(v)');
    expect([answer.status, answer.body.error.innererror.code]).toEqual([400, 'E_RUNAWAY_QUERY']);
  });

  test('extract("(a+)+$") over 100,000 a\'s then b returns (RE2), and other queries run meanwhile', async () => {
    const slow = query(`print x=extract("(a+)+$", 0, "${'a'.repeat(100_000)}b")`);
    const quick = await query('print 1');
    expect(quick.status).toBe(200);
    expect((await slow).body.tables[0].rows).toEqual([['']]);
  });

  test('a Host that is not the emulator\'s is a 403 (DNS rebinding), an allowed one is served', async () => {
    const rebinding = await call('GET', '/emulator/topology', undefined, { host: 'attacker.example:8443' });
    expect([rebinding.status, rebinding.body.error.code]).toEqual([403, 'InvalidHostHeader']);
    expect(JSON.stringify(rebinding.body)).not.toContain('shared keys');
    expect((await call('GET', '/emulator/topology', undefined, { host: 'emulator.internal:8443' })).status).toBe(200);
    expect((await call('GET', '/emulator/topology', undefined, { host: 'localhost:8443' })).status).toBe(200);
    expect((await call('GET', '/emulator/topology', undefined, { host: '[::1]:8443' })).status).toBe(200);
  });

  test.each([
    ['a bad Content-Length', 'POST /v1/$batch HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n', 400],
    ['two Content-Lengths', 'POST /v1/$batch HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400],
    ['a bad chunk size', 'POST /v1/$batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nab\r\n0\r\n\r\n', 400],
    ['an unknown method', 'BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n', 400],
    ['10,000 headers', `GET / HTTP/1.1\r\nHost: localhost\r\n${Array.from({ length: 10_000 }, (_, index) => `x-h${index}: v`).join('\r\n')}\r\n\r\n`, 431],
    ['a 20 KB header', `GET / HTTP/1.1\r\nHost: localhost\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['garbage', 'not http at all\r\n\r\n', 400],
  ])('%s gets a status line and a JSON error', async (_name, bytes, status) => {
    const answer = await raw(server, pair.cert, bytes);
    expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.message).toEqual(expect.any(String));
  });

  test('a valid request followed by garbage in the same write: the request is answered', async () => {
    const valid = `POST /v1/workspaces/${ID}/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"query":"print 42"}`;
    const answer = await raw(server, pair.cert, `${valid}GARBAGE\r\n\r\n`);
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1).every((status) => status === 400)).toBe(true);
    expect(answer).toContain('[[42]]');
  });

  test.each([
    ['a request, then the client closes its side', '', [200]],
    ['a request and a malformed one, then the client closes its side', 'GET /x\u0016 HTTP/1.1\r\nHost: localhost\r\n\r\n', [200, 400]],
    ['a request and a header with a bad character, then the client closes its side', 'GET / HTTP/1.1\r\nHost: localhost\r\nconten\u00e2t: x\r\n\r\n', [200, 400]],
  ])('%s: every request is answered (found by the fuzzing suite)', async (_name, after, statuses) => {
    const valid = `POST /v1/workspaces/${ID}/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\nContent-Length: 20\r\n\r\n{"query":"print 42"}`;
    const answer = await raw(server, pair.cert, Buffer.from(`${valid}${after}`, 'latin1'), true);
    expect([...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]))).toEqual(statuses);
    expect(answer).toContain('[[42]]');
  });

  test('a GET answered at once keeps its connection (no body is left to read)', async () => {
    const get = 'GET /emulator/topology HTTP/1.1\r\nHost: localhost\r\n\r\n';
    const answer = await raw(server, pair.cert, `${get}${get}`, true);
    expect([...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]))).toEqual([200, 200]);
  });

  test('pipelined requests are answered in order', async () => {
    const one = (n: number) => `POST /v1/workspaces/${ID}/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\nContent-Length: ${`{"query":"print ${n}"}`.length}\r\n\r\n{"query":"print ${n}"}`;
    const answer = await raw(server, pair.cert, `${one(1)}${one(2)}${one(3)}GET /nothing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect([...answer.matchAll(/"rows":\[\[(\d)\]\]/g)].map((match) => match[1])).toEqual(['1', '2', '3']);
    expect([...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]))).toEqual([200, 200, 200, 404]);
  });
});

describe('queries are bounded in time', () => {
  test('a query past --query-timeout gets 504 and the next query runs on a new worker', async () => {
    const pair = await generateSelfSignedCertificate();
    const queries = new QueryWorkers({ timeoutSeconds: 0.001, workers: 1 });
    const server = await startServer(queries, pair);
    try {
      // A query that takes some milliseconds on RE2: past a timeout of one.
      const slow = 'print x=extract("(a+)+$", 0, strcat(strrep(strrep("a", 1024), 200), "b"))';
      const answer = await queries.run({ query: slow, now: NOW, tables: [] });
      expect([answer.status, JSON.parse(answer.body).error.code]).toEqual([504, 'GatewayTimeout']);
      expect((await queries.run({ query: slow, now: NOW, tables: [] })).status).toBe(504);
      // The pool says what happened: two workers stopped by the timeout, none waiting.
      expect(queries.state()).toMatchObject({ waiting: 0, oldestWaitingMs: 0, timedOut: 2, outOfMemory: 0 });
      expect(queries.state().started).toBeGreaterThanOrEqual(2);
    } finally {
      await queries.close();
      await new Promise<void>((resolve) => server.server.close(() => resolve()));
    }
    expect((await queries.run({ query: 'print 1', now: NOW, tables: [] })).status).toBe(503);
  });
});

describe('requests that stop coming get a 408', () => {
  let server: RunningHttpsServer;
  let queries: QueryWorkers;
  let pair: { cert: string; key: string };

  beforeAll(async () => {
    pair = await generateSelfSignedCertificate();
    queries = new QueryWorkers({ timeoutSeconds: 10 });
    server = await startServer(queries, pair, [], { headersMs: 500, requestMs: 1_000 });
  });

  afterAll(async () => {
    await queries.close();
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => server.server.close(() => resolve()));
  });

  test.each([
    ['a Content-Length larger than the body', `POST /v1/workspaces/${ID}/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\n`
      + 'Content-Length: 100\r\n\r\n{"query":'],
    ['chunks that stop coming', `POST /v1/workspaces/${ID}/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\n`
      + 'Transfer-Encoding: chunked\r\n\r\n5\r\n{"que\r\n'],
    ['headers that never end (slowloris)', 'GET / HTTP/1.1\r\nHost: localhost\r\nx-slow: '],
  ])('%s: 408 with a JSON error once the timeout passes, then the connection is closed', async (_name, bytes) => {
    const started = Date.now();
    const answer = await raw(server, pair.cert, bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error).toEqual({
      code: 'RequestTimeout', message: 'Request Timeout: the request did not arrive whole within 1 s (its headers within 0.5 s).',
    });
    // Node looks for late requests every 125 ms here (a quarter of the headers' timeout).
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('timeouts that cannot hold are refused at start', () => {
    expect(() => startServer(queries, pair, [], { headersMs: 2_000, requestMs: 1_000 })).toThrow(
      "timeouts: the headers' (2000 ms) must be above 0 and within the request's (1000 ms)");
  });
});
