/**
 * One measurement, run in its own process so that peak memory belongs to it alone:
 * `node dist/bench/synth/case.js <constructs|raw> <workspaces> [no-validation]` prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, TerraformStack } from 'cdktf';
import { analyzeKql } from '../../model/kql/analyze';
import { buildTopology, Variant } from './workloads';

const variant = process.argv[2] as Variant;
const workspaces = Number(process.argv[3]);
const validate = process.argv[4] !== 'no-validation';
if ((variant !== 'constructs' && variant !== 'raw') || !Number.isInteger(workspaces) || workspaces < 1) {
  console.error('usage: case.js <constructs|raw> <workspaces> [no-validation]');
  process.exit(2);
}
// The language service loads once per process and builds its global state on the first analysis; time that
// one-time cost on its own.
let languageServiceMs = 0;
if (variant === 'constructs' && validate) {
  const before = performance.now();
  analyzeKql('print x = 1', { tables: [] });
  languageServiceMs = performance.now() - before;
}

const outdir = mkdtempSync(path.join(tmpdir(), 'sentinel-cdk-bench-'));
try {
  const start = performance.now();
  const app = new App({ outdir, skipValidation: !validate });
  const stack = new TerraformStack(app, 'bench');
  buildTopology(stack, variant, workspaces);
  const built = performance.now();
  app.synth();
  const end = performance.now();
  const synthesized = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'bench', 'cdk.tf.json'), 'utf8'));
  const resources = Object.values(synthesized.resource as Record<string, object>)
    .reduce((count: number, byName) => count + Object.keys(byName).length, 0);
  process.stdout.write(`${JSON.stringify({
    variant, validate, workspaces, resources, languageServiceMs,
    constructMs: built - start, synthMs: end - built, totalMs: end - start,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
