import { parseArgs } from 'node:util';
import { SamplesFolderError } from '../emulator/samples/sample-directory';
import { SynthesizedOutputError } from '../emulator/topology/read-synthesized-stacks';
import { CommandIo, UsageError } from './command-io';

export const SAMPLES_USAGE = `Usage: sentinel-cdk samples [--update] [--out DIR] [--stack NAME] [--samples DIR]

Sample-data tests: starts the emulator on free ports of 127.0.0.1 on a synthesized stack, sends each connector's
samples through the real protocol (syslog over TCP to the log forwarder, records over HTTPS to the Logs Ingestion
API or the HTTP Data Collector API, lines into a watched file, an API response to a poll), and compares the rows each input produced with the connector's expected.jsonl,
printing every difference by input, table and column. Exit code 0 when all match, 1 on a difference.

  <samples>/<connector>/*.syslog    syslog or CEF messages, one a line (# comments and blank lines are skipped)
  <samples>/<connector>/*.json      an array of records for the connector's stream (<stream>.json: for that stream)
  <samples>/<connector>/*.txt       lines appended to a file the text file connector watches, one input a line
  <samples>/<connector>/*.response.json
                                    a recorded response of the API a codeless connector polls: one poll reads it
  <samples>/<connector>/expected.jsonl
                                    the rows: {"sample":"<file>:<line>","table":"...","row":{...}} a line; a datetime
                                    that is the time the emulator received the input reads "<received>"

  --update         rewrite the expected.jsonl files whose rows changed (and only those), and name them
  --out DIR        the synthesized output (default: cdktf.out); synthesize first: \`npx cdktf synth\` (or \`npm start\`)
  --stack NAME     the stack (default: the only one)
  --samples DIR    the samples folder (default: samples)`;

/** `sentinel-cdk samples`: returns the exit code. */
export async function runSamplesCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'update': { type: 'boolean', default: false },
      'out': { type: 'string', default: 'cdktf.out' },
      'stack': { type: 'string' },
      'samples': { type: 'string', default: 'samples' },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(SAMPLES_USAGE);
    return 0;
  }
  try {
    // Loaded here, not with the command's module: `samples --help` needs none of the emulator.
    const { runSamples }: typeof import('../emulator/samples/run-samples') = require('../emulator/samples/run-samples');
    const { formatSamplesReport }: typeof import('../emulator/samples/format-samples-report') = require('../emulator/samples/format-samples-report');
    const report = await runSamples({ outDir: values.out, stack: values.stack, samplesDir: values.samples, update: values.update });
    formatSamplesReport(report).forEach((line) => io.stdout(line));
    return report.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof SynthesizedOutputError || error instanceof SamplesFolderError) {
      throw new UsageError(error.message);
    }
    io.stderr(`sentinel-cdk samples: ${(error as Error).message}`);
    return 1;
  }
}
