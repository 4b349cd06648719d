import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Issue 22: a command loads what it uses. Checked on the built command line (npm test builds it first) by what each
 * command leaves in Node's module cache, not by time: `--help`, `connectors`, `query`, `samples` and `emulator` before
 * they run never load cdktf or the Kusto language service (`npm run bench:cli` times them).
 */
const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'main.js');

function loadedBy(argv: string[]): { cdktf: boolean; kusto: boolean; constructs: boolean } {
  const script = `
    const { main } = require(${JSON.stringify(MAIN)});
    const io = { stdout: () => undefined, stderr: () => undefined, readStdin: () => '', stdinIsTerminal: () => true };
    Promise.resolve(main(${JSON.stringify(argv)}, io)).catch(() => undefined).then(() => {
      const loaded = Object.keys(require.cache);
      process.stdout.write(JSON.stringify({
        cdktf: loaded.some((file) => file.includes('/node_modules/cdktf/')),
        kusto: loaded.some((file) => file.includes('language-service-next')),
        constructs: loaded.some((file) => file.includes('/node_modules/constructs/')),
      }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('each command loads only what it uses', () => {
  test.each([
    [['--help']], [['connectors', '--out', 'no-such-folder']], [['query', '--help']], [['samples', '--help']], [['emulator', '--help']],
    [['kql', 'check', '--help']], [['review', '--help']],
  ])('%j loads neither cdktf, the constructs library nor the language service', (argv) => {
    expect(loadedBy(argv)).toEqual({ cdktf: false, kusto: false, constructs: false });
  });

  test('kql check loads the language service when it checks, and not cdktf', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lazy-commands-'));
    try {
      const file = path.join(folder, 'query.kql');
      writeFileSync(file, 'Syslog | take 1');
      expect(loadedBy(['kql', 'check', '--query', file])).toEqual({ kusto: true, cdktf: false, constructs: false });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
