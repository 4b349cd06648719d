import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { request } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EMULATOR_USAGE, runEmulatorCommand } from '../../cli/emulator';
import { CommandIo } from '../../cli/command-io';
import { synthesizeExample } from '../../stacks/main';

/** `sentinel-cdk emulator` with the options of issue 20: --poll-origin, --var (and TF_VAR_), --max-rows-per-table. */

function io(lines: string[]): CommandIo {
  return { stdout: (line) => lines.push(line), stderr: (line) => lines.push(`stderr: ${line}`), readStdin: () => '', stdinIsTerminal: () => true };
}

function post(url: string, ca: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', ca }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, ...JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function get(url: string, ca: string): Promise<any> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject).end();
  });
}

describe('sentinel-cdk emulator', () => {
  let outdir: string;
  let api: Server;
  let origin: string;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'cli-emulator-'));
    synthesizeExample(outdir);
    api = createServer((incoming, outgoing) => {
      const ok = incoming.headers.authorization === 'Bearer right-key';
      outgoing.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? {
        events: ['a', 'b', 'c'].map((actor) => ({ eventTime: '2026-12-07T10:00:00Z', actor, action: 'read' })), next: null,
      } : { error: 'key' }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => api.close(resolve));
    rmSync(outdir, { recursive: true, force: true });
  });

  test('--help documents --poll-origin, --var, --log-root and --max-rows-per-table', () => {
    const lines: string[] = [];
    return runEmulatorCommand(['--help'], io(lines)).then((code) => {
      expect(code).toBe(0);
      for (const option of ['--poll-origin NAME=URL', '--var NAME=VALUE', '--max-rows-per-table N', '--log-root DIR', 'TF_VAR_NAME', 'POST /emulator/pollers/NAME/poll']) {
        expect(lines.join('\n')).toContain(option);
      }
      expect(lines).toEqual([EMULATOR_USAGE]);
    });
  });

  test.each([
    [['--poll-origin', 'ContosoAuditCodeless'], '--poll-origin: "ContosoAuditCodeless" is not NAME=VALUE'],
    [['--poll-origin', 'ContosoAuditCodeless=ftp://127.0.0.1'], '--poll-origin ContosoAuditCodeless: "ftp://127.0.0.1" is not an http or https URL'],
    [['--poll-origin', 'ContosoAuditCodeless=http://127.0.0.1:1/v1'],
      '--poll-origin ContosoAuditCodeless: "http://127.0.0.1:1/v1" has more than a scheme, a host and a port (the poller\'s path is kept)'],
    [['--var', '=x'], '--var: "=x" is not NAME=VALUE'],
    [['--max-rows-per-table', '0'], '--max-rows-per-table: "0" is not a whole number of at least 1'],
  ])('%j is a usage error', async (argv, message) => {
    await expect(runEmulatorCommand(['--out', outdir, ...argv], io([]))).rejects.toThrow(message);
  });

  test('polls through --poll-origin with the key of --var (over TF_VAR_), keeps --max-rows-per-table rows and counts the evicted', async () => {
    const lines: string[] = [];
    const signals = new EventEmitter();
    const exited = runEmulatorCommand(['--out', outdir, '--syslog-port', '0', '--https-port', '0', '--max-rows-per-table', '2',
      '--poll-origin', `ContosoAuditCodeless=${origin}`, '--var', 'contoso_audit_api_key=right-key'], io(lines), signals,
    { TF_VAR_contoso_audit_api_key: 'wrong-key', TF_VAR_forwarder_admin_ssh_public_key: 'ssh-ed25519 AAAA' });
    const deadline = Date.now() + 60_000;
    while (!lines.some((line) => line.startsWith('Poller ')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    try {
      const https = /^HTTPS: (\S+)/.exec(lines.find((line) => line.startsWith('HTTPS: ')) ?? '')?.[1] as string;
      expect(lines).toContain(`Poller ContosoAuditCodeless: polls https://api.contoso.com/v1/audit through its --poll-origin every 5 min; `
        + `POST ${https}/emulator/pollers/ContosoAuditCodeless/poll polls now`);
      const ca = readFileSync(path.join(outdir, 'emulator', 'certificate.pem'), 'utf8');
      expect(await post(`${https}/emulator/pollers/ContosoAuditCodeless/poll`, ca)).toMatchObject({ status: 200, events: 3, rowsWritten: 3 });
      const statistics = await get(`${https}/emulator/statistics`, ca);
      const table = statistics.workspaces[0].tables.find((candidate: { tableName: string }) => candidate.tableName === 'ContosoAuditCodeless_CL');
      expect(table).toMatchObject({ rowsWritten: 3, rowCount: 2, rowsEvicted: 1 });
      const page = await get(`${https}/emulator/connectors`, ca);
      const connector = page.connectors.find((candidate: { connectorId: string }) => candidate.connectorId === 'ContosoAuditCodeless');
      expect(connector.tables[0]).toMatchObject({ tableName: 'ContosoAuditCodeless_CL', rowsEvicted: 1 });
      expect(connector.poller).toMatchObject({ state: 'waiting', polls: 1, rowsWritten: 3 });
    } finally {
      signals.emit('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
