import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { connect as connectTcp, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connect as connectTls } from 'node:tls';
import { RunningEmulator, startEmulator } from '../../emulator/start-emulator';
import { synthesizeExample } from '../../stacks/main';

/**
 * Issue 19's "done when": each hostile input it lists gets the answer named there, within its bound, while syslog
 * (TCP and UDP) and Logs Ingestion traffic (the real @azure/monitor-ingestion client, in its own process) flows at
 * the same time; every acknowledged record and every syslog line is stored, and the emulator's process goes on.
 */

/** The request and headers timeouts of this emulator, so that the body that stops coming is a 408 within seconds. */
const HTTP_TIMEOUTS = { headersMs: 1_000, requestMs: 2_000 };
/** The default query timeout: the language service alone takes some 8 s over a print of 60,000 columns. */
const QUERY_TIMEOUT_SECONDS = 30;
/** How long any one case may wait for its answer (a $batch of 1,000 queries included). */
const CASE_BOUND_MS = 45_000;
/** The slowest acknowledgement the Logs Ingestion sender may see while the cases run: nothing holds the ingestion path. */
const SLOWEST_UPLOAD_BOUND_MS = 5_000;

interface Answer {
  readonly status: number;
  readonly body: any;
  readonly ms: number;
}

describe('issue 19\'s hostile inputs, while syslog and Logs Ingestion traffic flows', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let ca: string;
  let workspaceId: string;
  let rule: { immutableId: string; ingestionEndpoint: string };

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'hostile-under-load-'));
    synthesizeExample(outdir);
    emulator = await startEmulator({
      // The query limits users get by default (with 256 MiB, the print of 60,000 columns is a 400 E_LOW_MEMORY_CONDITION).
      outDir: outdir, ports: { syslog: 0, https: 0 }, queryTimeoutSeconds: QUERY_TIMEOUT_SECONDS, httpTimeouts: HTTP_TIMEOUTS,
    });
    ca = readFileSync(emulator.certificatePath, 'utf8');
    workspaceId = emulator.workspaces[0].customerId;
    const topology = (await call('GET', '/emulator/topology')).body;
    rule = topology.dataCollectionRules.find((candidate: { streams: string[] }) => candidate.streams.includes('Custom-ContosoAppRaw'));
  }, 120_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  function call(method: string, target: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const outgoing = request(`${emulator.httpsUrl}${target}`, {
        method, ca, timeout: CASE_BOUND_MS, headers: { authorization: 'Bearer x', 'content-type': 'application/json', ...headers },
        // The chain is checked; the name is not (one case sends a foreign Host).
        checkServerIdentity: () => undefined,
      }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text), ms: Date.now() - started }));
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${CASE_BOUND_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const query = (text: string) => call('POST', `/v1/workspaces/${workspaceId}/query`, JSON.stringify({ query: text }));

  /** Writes raw bytes over TLS and reads until the server closes; the statuses of the answers and the time to the close. */
  function raw(bytes: string): Promise<{ text: string; statuses: number[]; ms: number }> {
    const started = Date.now();
    const port = Number(new URL(emulator.httpsUrl).port);
    return new Promise((resolve) => {
      const socket = connectTls({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => socket.write(bytes));
      let text = '';
      const done = () => {
        clearTimeout(timer);
        resolve({ text, statuses: [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1])), ms: Date.now() - started });
      };
      const timer = setTimeout(() => { socket.destroy(); }, CASE_BOUND_MS);
      socket.on('data', (chunk) => { text += chunk.toString('latin1'); });
      socket.on('close', done);
      socket.on('error', () => undefined);
    });
  }

  /** Steady traffic until stopped: a syslog line over TCP every 10 ms, one over UDP every 20 ms, a Logs Ingestion upload every 50 ms. */
  function startTraffic() {
    const forwarder = emulator.forwarders[0];
    const sent = { tcp: [] as string[], udp: [] as string[] };
    const tcp: Socket = connectTcp({ host: '127.0.0.1', port: forwarder.tcp.port });
    const udp = createSocket('udp4');
    let n = 0;
    const line = (marker: string) => `<38>Dec  7 12:00:00 load-host sshd: accepted ${marker}`;
    const tcpTimer = setInterval(() => {
      const marker = `tcp-load-${n++}`;
      tcp.write(`${line(marker)}\n`);
      sent.tcp.push(marker);
    }, 10);
    let m = 0;
    const udpTimer = setInterval(() => {
      const marker = `udp-load-${m++}`;
      udp.send(line(marker), forwarder.udp.port, '127.0.0.1');
      sent.udp.push(marker);
    }, 20);
    const sender: ChildProcessWithoutNullStreams = spawn(process.execPath, [
      path.join(__dirname, '..', 'e2e', 'clients', 'logs-ingestion-stream.js'), rule.ingestionEndpoint, rule.immutableId,
      'Custom-ContosoAppRaw', 'li-load', '50',
    ], { env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.certificatePath } });
    let output = '';
    sender.stdout.on('data', (chunk) => { output += chunk; });
    let errors = '';
    sender.stderr.on('data', (chunk) => { errors += chunk; });
    const exited = new Promise<void>((resolve) => sender.on('close', () => resolve()));
    return {
      sent,
      async stop(): Promise<{ acknowledged: string[]; errors: string[]; slowestMs: number }> {
        clearInterval(tcpTimer);
        clearInterval(udpTimer);
        await new Promise<void>((resolve) => tcp.end(() => resolve()));
        udp.close();
        sender.stdin.end();
        await exited;
        if (output === '') {
          throw new Error(`the Logs Ingestion sender printed nothing: ${errors}`);
        }
        return JSON.parse(output);
      },
    };
  }

  test('every case answered as named, in its bound; all traffic sent meanwhile stored; the process goes on', async () => {
    const traffic = startTraffic();
    const cases: Array<[string, () => Promise<unknown>, unknown]> = [
      ['strrep of 1,000,000,000 a\'s: Kusto\'s 1,024 repetitions',
        async () => (await query('print s=strlen(strrep("a", 1000000000))')).body.tables[0].rows, [[1024]]],
      ['a value past what a string may hold: 400 E_RUNAWAY_QUERY',
        async () => {
          const answer = await query('print s=strrep(strrep("a",1024),1024) | extend t=strcat(s,s,s,s,s,s,s,s) | extend u=strcat(t,t,t,t,t,t,t,t)'
            + ' | extend v=strcat(u,u,u,u,u,u,u,u) | project n=strlen(v)');
          return [answer.status, answer.body.error.innererror.code];
        }, [400, 'E_RUNAWAY_QUERY']],
      ['extract("(a+)+$") over 100,000 a\'s then b: answered (RE2)',
        async () => (await query(`print x=extract("(a+)+$", 0, "${'a'.repeat(100_000)}b")`)).body.tables[0].rows, [['']]],
      ['a $batch of 1,000 small queries: every one answered, in order',
        async () => {
          const requests = Array.from({ length: 1_000 }, (_, index) => ({ id: String(index), workspace: workspaceId, body: { query: `print n=${index}` } }));
          const answer = await call('POST', '/v1/$batch', JSON.stringify({ requests }));
          return answer.body.responses.every((entry: any, index: number) => entry.id === String(index) && entry.body.tables[0].rows[0][0] === index);
        }, true],
      ['a JSON body nested 100,000 deep: 400',
        async () => (await call('POST', `/v1/workspaces/${workspaceId}/query`, '['.repeat(100_000) + ']'.repeat(100_000))).status, 400],
      ['%ZZ in a workspace id: 400', async () => (await call('POST', '/v1/workspaces/%ZZ/query', '{"query":"print 1"}')).status, 400],
      ['%ZZ in a rule id: 400',
        async () => (await call('POST', '/dataCollectionRules/%ZZ/streams/Custom-ContosoAppRaw?api-version=2023-01-01', '[]')).status, 400],
      ['a query body of null: 400', async () => (await call('POST', `/v1/workspaces/${workspaceId}/query`, 'null')).status, 400],
      ['$batch with requests that is not an array of objects: 400',
        async () => (await call('POST', '/v1/$batch', JSON.stringify({ requests: [1] }))).status, 400],
      ['print with 60,000 columns: answered',
        async () => {
          const answer = await query(`print ${Array.from({ length: 60_000 }, (_, index) => `c${index}=${index}`).join(', ')}`);
          return answer.status === 200 ? answer.body.tables[0].columns.length : [answer.status, answer.body];
        }, 60_000],
      ['a query body over 1 MiB: 413',
        async () => (await call('POST', `/v1/workspaces/${workspaceId}/query`, JSON.stringify({ query: `print "${'a'.repeat(1_100_000)}"` }))).status, 413],
      ['a bad Content-Length: 400',
        async () => (await raw('POST /v1/$batch HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n')).statuses, [400]],
      ['two Content-Lengths: 400',
        async () => (await raw('POST /v1/$batch HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab')).statuses, [400]],
      ['a bad chunk size: 400',
        async () => (await raw('POST /v1/$batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\nTransfer-Encoding: chunked\r\n\r\n'
          + 'ZZ\r\nab\r\n0\r\n\r\n')).statuses, [400]],
      ['10,000 headers: 431',
        async () => (await raw(`GET / HTTP/1.1\r\nHost: localhost\r\n${Array.from({ length: 10_000 }, (_, index) => `x-h${index}: v`).join('\r\n')}\r\n\r\n`)).statuses, [431]],
      ['a 20 KB header: 431', async () => (await raw(`GET / HTTP/1.1\r\nHost: localhost\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`)).statuses, [431]],
      ['an unknown method: 400', async () => (await raw('BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n')).statuses, [400]],
      ['a Content-Length larger than the body: 408 once the request timeout passes',
        async () => {
          const answer = await raw(`POST /v1/workspaces/${workspaceId}/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\n`
            + 'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
          return [answer.statuses, answer.ms < HTTP_TIMEOUTS.requestMs + 3_000];
        }, [[408], true]],
      ['headers that never end (slowloris): 408 once the headers timeout passes',
        async () => {
          const answer = await raw('GET / HTTP/1.1\r\nHost: localhost\r\nx-slow: ');
          return [answer.statuses, answer.ms < HTTP_TIMEOUTS.requestMs + 3_000];
        }, [[408], true]],
      ['a valid request followed by garbage in the same write: the request answered, the garbage refused',
        async () => {
          const body = '{"query":"print 42"}';
          const answer = await raw(`POST /v1/workspaces/${workspaceId}/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\n`
            + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}GARBAGE\r\n\r\n`);
          return [answer.statuses, answer.text.includes('[[42]]')];
        }, [[200, 400], true]],
      ['a Host that is not the emulator\'s (DNS rebinding): 403, no shared key in the answer',
        async () => {
          const answer = await call('GET', '/emulator/topology', undefined, { host: 'attacker.example:8443' });
          return [answer.status, JSON.stringify(answer.body).includes('SharedKey')];
        }, [403, false]],
    ];
    const outcomes: Array<{ name: string; got: unknown; ms: number }> = [];
    for (const [name, run] of cases) {
      const started = Date.now();
      let got: unknown;
      try {
        got = await run();
      } catch (error) {
        got = `failed: ${(error as Error).message}`;
      }
      outcomes.push({ name, got, ms: Date.now() - started });
    }
    const { acknowledged, errors, slowestMs } = await traffic.stop();

    expect(outcomes.map(({ name, got }) => [name, got])).toEqual(cases.map(([name, , expected]) => [name, expected]));
    expect(outcomes.filter(({ ms }) => ms > CASE_BOUND_MS)).toEqual([]);

    // Everything sent meanwhile is stored: the syslog lines once the listeners have read them, the acknowledged uploads at once.
    const { sent } = traffic;
    const syslog = await emulator.waitFor('Syslog | where HostName == "load-host" | summarize count()',
      (result) => Number(result.rows[0]?.count_) >= sent.tcp.length + sent.udp.length, 30_000).catch(() => undefined);
    const stored = new Set(emulator.query('Syslog | where HostName == "load-host" | project SyslogMessage').rows
      .map((row) => String(row.SyslogMessage).replace('accepted ', '')));
    expect([...sent.tcp, ...sent.udp].filter((marker) => !stored.has(marker))).toEqual([]);
    expect(syslog).toBeDefined();
    const ingested = new Set(emulator.query('ContosoApp_CL | where UserName == "stream" | project Message').rows.map((row) => String(row.Message)));
    expect(errors).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(acknowledged.filter((marker) => !ingested.has(marker))).toEqual([]);
    process.stdout.write(`hostile inputs under load: ${outcomes.map(({ name, ms }) => `${name.split(':')[0]} ${ms} ms`).join('; ')}; `
      + `${sent.tcp.length} TCP and ${sent.udp.length} UDP syslog lines, ${acknowledged.length} uploads (slowest ${slowestMs} ms)\n`);
    expect(slowestMs).toBeLessThan(SLOWEST_UPLOAD_BOUND_MS);

    // The process goes on.
    expect((await query('print 1')).status).toBe(200);
  }, 300_000);
});
