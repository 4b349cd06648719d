import { SamplesMismatchError } from './format-samples-report';
import { RunSamplesOptions, runSamples, SamplesReport } from './run-samples';

/**
 * Runs the sample-data tests of a synthesized stack in a test suite and throws a {@link SamplesMismatchError} whose
 * message is the row and column diff when a connector's rows differ from its `expected.jsonl` (or its samples could
 * not be sent); resolves with the report when all match.
 *
 * ```ts
 * test('every connector turns its samples into the expected rows', async () => {
 *   await expectSamplesToMatch({ outDir: 'cdktf.out', samplesDir: 'samples' });
 * });
 * ```
 */
export async function expectSamplesToMatch(options: Omit<RunSamplesOptions, 'update'> = {}): Promise<SamplesReport> {
  const report = await runSamples({ ...options, update: false });
  if (!report.passed) {
    throw new SamplesMismatchError(report);
  }
  return report;
}
