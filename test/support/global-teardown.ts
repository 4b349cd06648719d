import { rmSync } from 'node:fs';

/** Removes the test run's temporary directory made by `global-setup.ts`. */
export default function globalTeardown(): void {
  const directory = process.env.SENTINEL_CDK_TEST_TMPDIR;
  if (directory !== undefined) {
    rmSync(directory, { recursive: true, force: true });
  }
}
