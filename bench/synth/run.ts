/**
 * Synth benchmark: N workspaces with this toolkit's constructs versus the same resources written with the raw
 * provider classes, N = 1, 10, 100, each case in a fresh process, repeated; median time and peak memory.
 * Writes bench/results/synth-<date>.json and .md with the machine's details. Run with `npm run bench:synth`.
 *
 * Three cases per N: `raw` (provider classes, nothing checked), `constructs` without validation (the cost of the
 * constructs themselves) and `constructs` with validation as `cdktf synth` runs it (every transformation analyzed;
 * the one-time load of Microsoft's Kusto language service is reported on its own).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { machineDetails, median } from '../support/machine';

interface Measurement {
  variant: 'constructs' | 'raw';
  validate: boolean;
  workspaces: number;
  resources: number;
  languageServiceMs: number;
  constructMs: number;
  synthMs: number;
  totalMs: number;
  maxRssBytes: number;
}

type CaseName = 'raw' | 'constructs' | 'validated';
const CASES: Record<CaseName, string[]> = { raw: ['raw'], constructs: ['constructs', 'no-validation'], validated: ['constructs'] };

const SIZES = (process.env.BENCH_SIZES ?? '1,10,100').split(',').map(Number);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const CASE_SCRIPT = path.join(__dirname, 'case.js');
const RESULTS = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');

function measure(name: CaseName, workspaces: number): Measurement {
  const [variant, ...rest] = CASES[name];
  const output = execFileSync(process.execPath, [CASE_SCRIPT, variant, String(workspaces), ...rest], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop() as string) as Measurement;
}

function summarize(list: Measurement[]): Measurement {
  return {
    ...list[0],
    languageServiceMs: median(list.map((run) => run.languageServiceMs)),
    constructMs: median(list.map((run) => run.constructMs)),
    synthMs: median(list.map((run) => run.synthMs)),
    totalMs: median(list.map((run) => run.totalMs)),
    maxRssBytes: Math.max(...list.map((run) => run.maxRssBytes)),
  };
}

const rows: Array<{ workspaces: number } & Record<CaseName, Measurement>> = [];
for (const workspaces of SIZES) {
  const runs: Record<CaseName, Measurement[]> = { raw: [], constructs: [], validated: [] };
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    // Interleave the cases so that drift on the machine affects all alike.
    for (const name of Object.keys(CASES) as CaseName[]) {
      runs[name].push(measure(name, workspaces));
    }
  }
  rows.push({ workspaces, raw: summarize(runs.raw), constructs: summarize(runs.constructs), validated: summarize(runs.validated) });
  console.error(`N=${workspaces} done`);
}

const machine = machineDetails();
const date = new Date().toISOString();
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const ms = (value: number) => value.toFixed(0);
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const lines = [
  `# Synth benchmark, ${date.slice(0, 10)}`,
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}.`,
  `Each case runs in a fresh process, ${REPEATS} times; times are medians of building the tree plus \`app.synth()\``,
  '(module loading excluded), memory is the highest peak RSS of the process.',
  '',
  '- raw: the same resources with the azurerm provider classes, nothing checked;',
  '- constructs: this toolkit\'s constructs with validation skipped (their own cost);',
  '- validated: the constructs as `cdktf synth` runs them, every transformation analyzed; the Kusto language',
  '  service loads and builds its global state once per process before the clock starts (last column).',
  '',
  '| N | resources | raw ms | constructs ms | ratio | validated ms | ratio | raw ms/N | validated ms/N | raw MiB | constructs MiB | validated MiB | language service load ms |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((row) => `| ${row.workspaces} | ${row.raw.resources} | ${ms(row.raw.totalMs)} | ${ms(row.constructs.totalMs)} | `
    + `${ratio(row.constructs.totalMs, row.raw.totalMs)} | ${ms(row.validated.totalMs)} | ${ratio(row.validated.totalMs, row.raw.totalMs)} | `
    + `${(row.raw.totalMs / row.workspaces).toFixed(1)} | ${(row.validated.totalMs / row.workspaces).toFixed(1)} | `
    + `${mib(row.raw.maxRssBytes)} | ${mib(row.constructs.maxRssBytes)} | ${mib(row.validated.maxRssBytes)} | ${ms(row.validated.languageServiceMs)} |`),
  '',
  'Target: constructs at most 1.2x raw, growing linearly in N (ms per workspace roughly constant).',
];
mkdirSync(RESULTS, { recursive: true });
const stamp = date.slice(0, 19).replace(/:/g, '-');
writeFileSync(path.join(RESULTS, `synth-${stamp}.json`), `${JSON.stringify({ date, machine, repeats: REPEATS, rows }, null, 2)}\n`);
writeFileSync(path.join(RESULTS, `synth-${stamp}.md`), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
