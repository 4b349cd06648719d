import { execFile, spawn, ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { emulatorHints } from '../../cli/emulator';
import { RunningEmulator, startEmulator } from '../../emulator/start-emulator';
import { synthesizeExample } from '../../stacks/main';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

/** A unique marker per message, so that each test finds its own rows. */
const marker = (name: string) => `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

describe('the emulator, with real syslog senders', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let udpPort: number;
  let tcpPort: number;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'emulator-e2e-'));
    synthesizeExample(outdir);
    emulator = await startEmulator({ outDir: outdir, ports: { syslog: 0, https: 0 } });
    udpPort = emulator.forwarders[0].udp.port;
    tcpPort = emulator.forwarders[0].tcp.port;
  });

  afterAll(async () => {
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  test('loads the example topology: one forwarder with the Syslog and CEF rules, one workspace', () => {
    expect(emulator.forwarders).toEqual([expect.objectContaining({ name: 'fwd-contoso-weu' })]);
    expect(emulator.workspaces).toEqual([{ name: 'contoso-sentinel', customerId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(emulator.topology.forwarders[0].ruleAddresses).toHaveLength(2);
  });

  test('logger over UDP: a CEF line at local4.warning lands in CommonSecurityLog with the columns Azure fills', async () => {
    const id = marker('udp-cef');
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'local4.warning', '-t', 'CEF',
      `CEF:0|Contoso|Firewall|2.1|100|Port scan ${id}|7|src=10.1.2.3 dst=10.4.5.6 dpt=22 spt=50123 act=blocked cs1=${id} cs1Label=Tag`]);
    const result = await emulator.waitFor(`CommonSecurityLog | where DeviceCustomString1 == "${id}"`, (found) => found.rows.length === 1);
    expect(result.rows[0]).toMatchObject({
      DeviceVendor: 'Contoso', DeviceProduct: 'Firewall', DeviceVersion: '2.1', DeviceEventClassID: '100',
      Activity: `Port scan ${id}`, LogSeverity: '7', SourceIP: '10.1.2.3', DestinationIP: '10.4.5.6', DestinationPort: 22,
      SourcePort: 50123, DeviceAction: 'blocked', DeviceCustomString1Label: 'Tag',
    });
    expect(result.rows[0].TimeGenerated).toBeInstanceOf(Date);
  });

  test('logger over TCP with octet counting: auth.info lands in Syslog', async () => {
    const id = marker('tcp-auth');
    await run('logger', ['-n', '127.0.0.1', '-P', String(tcpPort), '-T', '--octet-count', '-p', 'auth.info', '-t', 'sshd',
      `Accepted publickey for admin from 10.9.8.7 port 50000 ssh2 ${id}`]);
    const result = await emulator.waitFor(`Syslog | where SyslogMessage has "${id}"`, (found) => found.rows.length === 1);
    expect(result.rows[0]).toMatchObject({ Facility: 'auth', ProcessName: 'sshd', HostIP: '127.0.0.1' });
  });

  test('logger over TCP with newline framing, RFC 5424: authpriv.notice lands in Syslog', async () => {
    const id = marker('tcp-5424');
    await run('logger', ['-n', '127.0.0.1', '-P', String(tcpPort), '-T', '--rfc5424', '-p', 'authpriv.notice', '-t', 'sudo', `session opened ${id}`]);
    const result = await emulator.waitFor(`Syslog | where SyslogMessage has "${id}"`, (found) => found.rows.length === 1);
    expect(result.rows[0]).toMatchObject({ Facility: 'authpriv', ProcessName: 'sudo' });
  });

  test('the rules\' filters apply: a facility or level they do not collect is not stored', async () => {
    const id = marker('filtered');
    const before = emulator.stats().forwarders[0].notCollected;
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'local4.info', '-t', 'CEF', `CEF:0|Contoso|Firewall|2.1|1|Low ${id}|1|cs1=${id}`]);
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'daemon.err', '-t', 'cron', `job failed ${id}`]);
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'auth.debug', '-t', 'sshd', `debug ${id}`]);
    await emulator.waitFor('print x = 1', () => emulator.stats().forwarders[0].notCollected >= before + 3);
    expect(emulator.query(`union Syslog, CommonSecurityLog | where SyslogMessage has "${id}" or DeviceCustomString1 == "${id}"`).rows).toEqual([]);
  });

  test('the CEF rule\'s transformation drops heartbeats', async () => {
    const id = marker('heartbeat');
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'local4.err', '-t', 'CEF',
      `CEF:0|Contoso|Firewall|2.1|7|Appliance heartbeat|3|cs1=${id}`]);
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'local4.err', '-t', 'CEF',
      `CEF:0|Contoso|Firewall|2.1|8|Config change|5|cs1=${id}`]);
    const result = await emulator.waitFor(`CommonSecurityLog | where DeviceCustomString1 == "${id}"`, (found) => found.rows.length >= 1);
    expect(result.rows.map((row) => row.Activity)).toEqual(['Config change']);
    expect(emulator.stats().forwarders[0].rowsFiltered).toBeGreaterThanOrEqual(1);
  });

  test('the npm syslog-client package, over UDP and TCP: CEF on local4', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const syslog = require('syslog-client');
    for (const [transport, port] of [[syslog.Transport.Udp, udpPort], [syslog.Transport.Tcp, tcpPort]] as const) {
      const id = marker(`syslog-client-${transport}`);
      const client = syslog.createClient('127.0.0.1', { port, transport, syslogHostname: 'app-01', rfc3164: true });
      await new Promise<void>((resolve, reject) => client.log(`CEF:0|Contoso|Proxy|5.0|42|Blocked download|8|request=http://x.test/a cs1=${id}`, {
        facility: syslog.Facility.Local4, severity: syslog.Severity.Warning,
      }, (error: Error | undefined) => (error === undefined || error === null ? resolve() : reject(error))));
      const result = await emulator.waitFor(`CommonSecurityLog | where DeviceCustomString1 == "${id}"`, (found) => found.rows.length === 1);
      expect(result.rows[0]).toMatchObject({ DeviceProduct: 'Proxy', Activity: 'Blocked download', RequestURL: 'http://x.test/a', Computer: 'app-01' });
      client.close();
    }
  });

  test('rsyslog, started on a high port, forwards to the emulator', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'rsyslog-forward-'));
    const rsyslogPort = 20_000 + Math.floor(Math.random() * 20_000);
    const config = path.join(directory, 'rsyslog.conf');
    writeFileSync(config, [
      `global(workDirectory="${directory}")`,
      'module(load="imudp")',
      `input(type="imudp" port="${rsyslogPort}" address="127.0.0.1")`,
      `*.* action(type="omfwd" target="127.0.0.1" port="${tcpPort}" protocol="tcp" TCP_Framing="octet-counted")`,
    ].join('\n'));
    let rsyslog: ChildProcess | undefined;
    try {
      rsyslog = spawn('rsyslogd', ['-n', '-f', config, '-i', path.join(directory, 'rsyslogd.pid')], { stdio: 'ignore' });
      const id = marker('rsyslog');
      // rsyslog needs a moment to bind; resend until the row arrives (bounded by waitFor's timeout).
      const sender = setInterval(() => {
        void run('logger', ['-n', '127.0.0.1', '-P', String(rsyslogPort), '-d', '-p', 'authpriv.warning', '-t', 'su', `su failed ${id}`]);
      }, 300);
      try {
        const result = await emulator.waitFor(`Syslog | where SyslogMessage has "${id}" | take 1`, (found) => found.rows.length === 1, 15_000);
        expect(result.rows[0]).toMatchObject({ Facility: 'authpriv', ProcessName: 'su' });
      } finally {
        clearInterval(sender);
      }
    } finally {
      rsyslog?.kill('SIGTERM');
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('malformed input never stops a listener: garbage, a bad PRI, a truncated CEF line and a 64 KiB line', async () => {
    const sendUdp = (payload: Buffer) => new Promise<void>((resolve, reject) => {
      const socket = createSocket('udp4');
      socket.send(payload, udpPort, '127.0.0.1', (error) => {
        socket.close();
        return error ? reject(error) : resolve();
      });
    });
    await sendUdp(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]));
    await sendUdp(Buffer.from('<999>not a priority'));
    await sendUdp(Buffer.from('<164>CEF:0|Contoso|Fire'));
    await sendUdp(Buffer.from(`<164>CEF:0|Contoso|Firewall|2.1|1|Long|7|msg=${'x'.repeat(60_000)}`));
    await new Promise<void>((resolve, reject) => {
      const socket = connect(tcpPort, '127.0.0.1', () => {
        socket.write(Buffer.concat([Buffer.from('70000 '), Buffer.alloc(70_000, 0x41), Buffer.from('\n\u0000\u0001garbage\n')]));
        socket.end();
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    // Still serving: a normal line arrives after the garbage.
    const id = marker('after-garbage');
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'auth.warning', '-t', 'sshd', `still alive ${id}`]);
    await emulator.waitFor(`Syslog | where SyslogMessage has "${id}"`, (found) => found.rows.length === 1);
    const stats = emulator.stats();
    expect(stats.listenerErrors).toBe(0);
    expect(stats.forwarders[0].oversizedFrames).toBeGreaterThanOrEqual(1);
  });

  test('the query API answers the real LogsQueryClient, and reports query errors as Azure does', async () => {
    const id = marker('query-client');
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'auth.err', '-t', 'sshd', `query me ${id}`]);
    await emulator.waitFor(`Syslog | where SyslogMessage has "${id}"`, (found) => found.rows.length === 1);
    const client = (query: string) => run('node', [path.join(__dirname, 'clients', 'query-logs-client.js'), emulator.httpsUrl,
      emulator.workspaces[0].customerId, query], { env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.certificatePath } });

    const success = JSON.parse((await client(`Syslog | where SyslogMessage has "${id}" | project TimeGenerated, Facility, SeverityLevel, ProcessName`)).stdout);
    expect(success.status).toBe('Success');
    expect(success.tables[0].columns).toEqual([
      { name: 'TimeGenerated', type: 'datetime' }, { name: 'Facility', type: 'string' },
      { name: 'SeverityLevel', type: 'string' }, { name: 'ProcessName', type: 'string' },
    ]);
    expect(success.tables[0].rows).toEqual([[{ date: expect.any(String) }, 'auth', expect.any(String), 'sshd']]);

    const failure = JSON.parse((await client('Syslog | where')).stdout);
    expect(failure.error).toMatchObject({ name: 'RestError', statusCode: 400, code: 'BadArgumentError' });
  });

  test('`sentinel-cdk query` prints a table from the running emulator', async () => {
    const id = marker('cli');
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'auth.crit', '-t', 'login', `cli query ${id}`]);
    await emulator.waitFor(`Syslog | where SyslogMessage has "${id}"`, (found) => found.rows.length === 1);
    const { stdout } = await run('node', [path.join(ROOT, 'bin', 'sentinel-cdk.js'), 'query', '--out', outdir,
      `Syslog | where SyslogMessage has "${id}" | project Facility, ProcessName`]);
    expect(stdout).toBe('Facility  ProcessName\n--------  -----------\nauth      login\n(1 row)\n');
  });

  test('`sentinel-cdk query` leaves out the columns no row has a value in, and prints JSON or CSV', async () => {
    const id = marker('columns');
    await run('logger', ['-n', '127.0.0.1', '-P', String(udpPort), '-d', '-p', 'auth.crit', '-t', 'login', `columns, "quoted" ${id}`]);
    await emulator.waitFor(`Syslog | where SyslogMessage has "${id}"`, (found) => found.rows.length === 1);
    const query = (...options: string[]) => run('node', [path.join(ROOT, 'bin', 'sentinel-cdk.js'), 'query', '--out', outdir, ...options,
      `Syslog | where SyslogMessage has "${id}"`]).then(({ stdout }) => stdout);
    const table = (await query()).split('\n');
    const header = table[0].split(/\s{2,}/);
    expect(header).toEqual(expect.arrayContaining(['TimeGenerated', 'Facility', 'SeverityLevel', 'ProcessName', 'SyslogMessage', 'HostIP']));
    expect(header).not.toContain('ProcessID');
    expect(table.at(-2)).toMatch(/^\(1 row; \d+ columns without a value left out, --all-columns shows them\)$/);
    expect((await query('--all-columns')).split('\n')[0]).toContain('ProcessID');
    const [row] = JSON.parse(await query('--format', 'json')) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ Facility: 'auth', ProcessName: 'login', SyslogMessage: `columns, "quoted" ${id}` });
    expect(Object.keys(row)).toEqual(header);
    const csv = (await query('--format', 'csv')).trimEnd().split('\n');
    expect(csv[0].split(',')).toEqual(header);
    expect(csv[1]).toContain(`"columns, ""quoted"" ${id}"`);
  });

  test('the emulator\'s hints are built from the stack and work as printed: a logger line to its forwarder, a curl of its stream', async () => {
    const hints = emulatorHints(emulator);
    // The example's first forwarder rule collects auth and authpriv from Info up; its Logs Ingestion rule reads Custom-ContosoAppRaw.
    expect(hints[0]).toBe(`logger -n 127.0.0.1 -P ${udpPort} -d -p auth.info -t sshd 'Accepted publickey for alice from 10.1.2.3 port 52344 ssh2'`);
    expect(hints[1]).toBe("npx sentinel-cdk query 'Syslog | take 10'");
    expect(hints[2]).toMatch(/^curl --cacert \S+ -H 'Authorization: Bearer any' .*\/streams\/Custom-ContosoAppRaw\?api-version=2023-01-01'$/);
    expect(hints[3]).toBe("npx sentinel-cdk query 'ContosoApp_CL | take 10'");
    const count = (table: string) => emulator.query(`${table} | count`).rows[0].Count as number;
    const before = { syslog: count('Syslog'), application: count('ContosoApp_CL') };
    await run('sh', ['-c', hints[0]]);
    const { stdout } = await run('sh', ['-c', `${hints[2]} -s -o /dev/null -w '%{http_code}'`]);
    expect(stdout).toBe('204');
    await emulator.waitFor('Syslog | count', (found) => (found.rows[0].Count as number) === before.syslog + 1);
    expect(count('ContosoApp_CL')).toBe(before.application + 1);
  });

  test('GET /emulator/topology lists workspaces, forwarders and rules with what a sender needs', async () => {
    const { stdout } = await run('node', ['-e', `
      const https = require('node:https'); const fs = require('node:fs');
      https.get(process.argv[1] + '/emulator/topology', { ca: fs.readFileSync(process.argv[2]) }, (response) => {
        let text = ''; response.on('data', (chunk) => { text += chunk; }); response.on('end', () => process.stdout.write(text));
      });`, emulator.httpsUrl, emulator.certificatePath]);
    const topology = JSON.parse(stdout);
    expect(topology.workspaces).toEqual([expect.objectContaining({ name: 'contoso-sentinel', customerId: emulator.workspaces[0].customerId })]);
    expect(topology.forwarders).toEqual([expect.objectContaining({ name: 'fwd-contoso-weu', udp: `127.0.0.1:${udpPort}`, tcp: `127.0.0.1:${tcpPort}` })]);
    expect(topology.dataCollectionRules).toEqual(expect.arrayContaining([expect.objectContaining({
      name: 'contoso-sentinel-ContosoApp', immutableId: expect.stringMatching(/^dcr-[0-9a-f]{32}$/),
      ingestionEndpoint: emulator.httpsUrl, streams: ['Custom-ContosoAppRaw'],
    })]));
  });
});

describe('the emulator\'s identifiers', () => {
  test('are derived from the resource addresses: stable across restarts', async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'emulator-ids-'));
    try {
      synthesizeExample(outdir);
      const first = await startEmulator({ outDir: outdir });
      const ids = { workspaces: first.workspaces, rules: first.topology.rules.map((rule) => rule.immutableId) };
      await first.stop();
      const second = await startEmulator({ outDir: outdir });
      expect({ workspaces: second.workspaces, rules: second.topology.rules.map((rule) => rule.immutableId) }).toEqual(ids);
      await second.stop();
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
