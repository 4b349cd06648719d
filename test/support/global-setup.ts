import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Gives the test run a temporary directory of its own (TMPDIR, inherited by the test workers and the programs they
 * start), removed by `global-teardown.ts`: cdktf synthesizes into a new `cdktf.outdir.*` directory under the system's
 * temporary directory each time an app has no outdir, and would leave hundreds there after every run.
 */
export default function globalSetup(): void {
  const directory = mkdtempSync(path.join(tmpdir(), 'sentinel-cdk-tests-'));
  process.env.SENTINEL_CDK_TEST_TMPDIR = directory;
  process.env.TMPDIR = directory;
}
