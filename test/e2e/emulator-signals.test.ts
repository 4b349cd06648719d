import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizeExample } from '../../stacks/main';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Issue 19: SIGTERM and SIGINT stop `sentinel-cdk emulator` within 2 s at any time, also while a query runs that
 * would take far longer (before, a query on the main thread made the process deaf to signals; only SIGKILL worked).
 */
describe('the emulator command stops on a signal while a query runs', () => {
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'emulator-signals-'));
    synthesizeExample(outdir);
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** Starts the command on free ports; resolves once the connection file names the HTTPS server. */
  async function startCommand(): Promise<{ child: ChildProcess; url: string; ca: string; workspaceId: string }> {
    const connectionFile = path.join(outdir, 'emulator', 'connection.json');
    rmSync(connectionFile, { force: true });
    const child = spawn('node', [path.join(ROOT, 'bin', 'sentinel-cdk.js'), 'emulator', '--out', outdir, '--syslog-port', '0', '--https-port', '0',
      '--query-timeout', '600'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => { output += chunk; });
    child.stderr?.on('data', (chunk) => { output += chunk; });
    const deadline = Date.now() + 60_000;
    while (!existsSync(connectionFile)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`the emulator did not start: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const connection = JSON.parse(readFileSync(connectionFile, 'utf8'));
    return { child, url: connection.httpsUrl, ca: readFileSync(connection.certificatePath, 'utf8'), workspaceId: connection.workspaces[0].customerId };
  }

  test.each(['SIGTERM', 'SIGINT'] as const)('%s stops it within 2 s', async (signal) => {
    const { child, url, ca, workspaceId } = await startCommand();
    const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(Date.now())));
    // A query that runs for minutes: 500 rows, each a regular expression over 2 MiB.
    const rows = Array.from({ length: 500 }, (_, index) => index).join(', ');
    const query = `datatable(k:int)[${rows}] | extend s = strrep(strrep("ab", 1024), 1024) | extend x = array_length(extract_all("(a)(b)", s))`
      + ' | summarize sum(x)';
    let answered = false;
    const slow = request(`${url}/v1/workspaces/${workspaceId}/query`, { method: 'POST', ca, headers: { authorization: 'Bearer x', 'content-type': 'application/json' } },
      () => { answered = true; });
    slow.on('error', () => undefined);
    slow.end(JSON.stringify({ query }));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect([child.exitCode, answered]).toEqual([null, false]);
    const sent = Date.now();
    child.kill(signal);
    const stopped = await Promise.race([exited, new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 10_000))]);
    if (stopped === Number.POSITIVE_INFINITY) {
      child.kill('SIGKILL');
    }
    expect(stopped - sent).toBeLessThan(2_000);
  }, 90_000);
});
