/**
 * Command start benchmark: wall time and peak memory of `sentinel-cdk` commands a user waits for, each run as its own
 * process (the built `bin/sentinel-cdk.js`), against two baselines in the same run: `node -e 0` (Node itself) and a
 * process that loads every command's module, which is what each command did before they were loaded on demand.
 * Writes bench/results/cli-start-<date>.{json,md}. Run with `npm run bench:cli`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { synthesizeExample } from '../../stacks/main';
import { machineDetails, median } from '../support/machine';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROOT = path.resolve(__dirname, '..', '..', '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const BIN = path.join(ROOT, 'bin', 'sentinel-cdk.js');

interface Measured {
  readonly name: string;
  readonly ms: number;
  readonly maxRssMiB: number;
}

/** Runs `args` with node RUNS times; the median wall time and the median peak RSS the process reports at exit. */
function measure(name: string, args: string[], work: string): Measured {
  const times: number[] = [];
  const rss: number[] = [];
  const rssFile = path.join(work, 'rss');
  const preload = path.join(work, 'rss-at-exit.js');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: work, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) {
      throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
    }
    rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
  }
  return { name, ms: Number(median(times).toFixed(0)), maxRssMiB: Number(median(rss).toFixed(0)) };
}

function main(): void {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-cli-'));
  try {
    synthesizeExample(path.join(work, 'cdktf.out'));
    const eager = ['connectors', 'emulator', 'init', 'kql-check', 'query', 'review', 'samples', 'synth']
      .map((name) => `require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', name))});`).join('');
    const node = measure('node -e 0', ['-e', '0'], work);
    const before = measure('every command module loaded (before: what each command loaded)', ['-e', eager], work);
    const commands = [
      measure('sentinel-cdk --help', [BIN, '--help'], work),
      measure('sentinel-cdk connectors', [BIN, 'connectors'], work),
      measure('sentinel-cdk query --help', [BIN, 'query', '--help'], work),
      measure('sentinel-cdk samples --help', [BIN, 'samples', '--help'], work),
      measure('sentinel-cdk emulator --help', [BIN, 'emulator', '--help'], work),
      measure('sentinel-cdk kql check --help', [BIN, 'kql', 'check', '--help'], work),
      measure('sentinel-cdk synth --help', [BIN, 'synth', '--help'], work),
    ];
    const result = {
      machine: machineDetails(), runs: RUNS, baseline: node, before,
      commands: commands.map((command) => ({ ...command, ratioToNode: Number((command.ms / node.ms).toFixed(2)),
        ratioToBefore: Number((command.ms / before.ms).toFixed(2)) })),
    };
    mkdirSync(RESULTS, { recursive: true });
    const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
    writeFileSync(path.join(RESULTS, `cli-start-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
    const lines = [
      `# Command start, ${stamp}`, '',
      `Machine: ${Object.entries(result.machine).map(([key, value]) => `${key} ${value}`).join(', ')}.`, '',
      `Median of ${RUNS} runs, each a new process; peak RSS as the process reports it at exit.`, '',
      '| command | ms | peak RSS MiB | ratio to node -e 0 | ratio to before |', '|---|---|---|---|---|',
      `| ${node.name} | ${node.ms} | ${node.maxRssMiB} | 1 | |`,
      `| ${before.name} | ${before.ms} | ${before.maxRssMiB} | ${(before.ms / node.ms).toFixed(2)} | 1 |`,
      ...result.commands.map((command) => `| ${command.name} | ${command.ms} | ${command.maxRssMiB} | ${command.ratioToNode} | ${command.ratioToBefore} |`),
    ];
    writeFileSync(path.join(RESULTS, `cli-start-${stamp}.md`), `${lines.join('\n')}\n`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
