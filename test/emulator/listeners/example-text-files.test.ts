import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeRunningEmulator } from '../../../cli/emulator';
import { RunningEmulator, startEmulator } from '../../../emulator/start-emulator';
import { synthesizeExample } from '../../../stacks/main';

/** Issue 20, done when: two lines appended to a watched file appear parsed in ContosoWeb_CL. */
describe('the example\'s text file connector under --log-root', () => {
  let outdir: string;
  let root: string;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'text-files-'));
    synthesizeExample(outdir);
    root = path.join(outdir, 'machine');
    mkdirSync(path.join(root, 'var', 'log', 'contoso'), { recursive: true });
    writeFileSync(path.join(root, 'var', 'log', 'contoso', 'access.log'), '10.0.0.1 - - [07/Dec/2026:09:00:00 +0000] "GET /old HTTP/1.1" 200 1\n');
    emulator = await startEmulator({ outDir: outdir, logRoot: root });
  }, 120_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  test('two lines appended to /var/log/contoso/access.log appear parsed in ContosoWeb_CL', async () => {
    appendFileSync(path.join(root, 'var', 'log', 'contoso', 'access.log'),
      '203.0.113.7 - - [07/Dec/2026:10:00:00 +0000] "GET /login HTTP/1.1" 200 512 "-" "curl/8.5"\n'
      + '198.51.100.9 - - [07/Dec/2026:10:00:01 +0000] "POST /api/orders HTTP/1.1" 503 91 "-" "Mozilla/5.0"\n');
    const rows = await emulator.waitFor('ContosoWeb_CL | project ClientIP, Method, Path, Status, Computer', (result) => result.rows.length >= 2);
    expect(rows.rows).toEqual([
      { ClientIP: '203.0.113.7', Method: 'GET', Path: '/login', Status: 200, Computer: hostname() },
      { ClientIP: '198.51.100.9', Method: 'POST', Path: '/api/orders', Status: 503, Computer: hostname() },
    ]);
    expect(emulator.stats().textFiles).toEqual([expect.objectContaining({ rule: expect.stringContaining('ContosoWeb'), filesWatched: 1, linesRead: 2, rowsRefused: 0 })]);
    expect(describeRunningEmulator(emulator)).toContainEqual(expect.stringMatching(/^Rule .*: reads \/var\/log\/contoso\/access\*\.log under --log-root$/));
  });

  test('without --log-root the text files are not read, and the emulator says so', async () => {
    const other = await startEmulator({ outDir: outdir, stateDir: path.join(outdir, 'no-root') });
    try {
      expect(other.stats().textFiles).toEqual([]);
      expect(describeRunningEmulator(other)).toContainEqual(expect.stringMatching(/: text files \/var\/log\/contoso\/access\*\.log are not read \(give --log-root DIR\)$/));
      expect(other.topology.problems.join('\n')).not.toContain('log_file');
    } finally {
      await other.stop();
    }
  });
});
