import { CommandIo, FileArgumentError, fileSystemErrorMessage, processIo, UsageError } from './command-io';
import { CONNECTORS_USAGE, runConnectors } from './connectors';
import { EMULATOR_USAGE, runEmulatorCommand } from './emulator';
import { INIT_USAGE, runInit } from './init';
import { KQL_CHECK_USAGE, runKqlCheck } from './kql-check';
import { QUERY_USAGE, runQueryCommand } from './query';
import { REVIEW_USAGE, runReviewCommand } from './review';
import { runSamplesCommand, SAMPLES_USAGE } from './samples';
import { runSynth, SYNTH_USAGE } from './synth';

const USAGE = `Usage: sentinel-cdk <command> [options]

Commands:
  init        write a starter project: a commented sentinel.yaml, cdktf.json and .gitignore
  synth       synthesize a YAML topology config (sentinel.yaml) to Terraform, one stack per workspace
  kql check   check a DCR transformation or a query with Microsoft's Kusto language service
  connectors  list the data connectors of synthesized stacks, with their tables, support and prerequisites
  emulator    run the local ingestion emulator on a synthesized stack
  query       query a running emulator through its Log Analytics query API
  samples     send each connector's sample data through the emulator and diff the rows with the expected ones
  review      compare two syntheses (a folder or a git ref) and write a pull-request review in Markdown

Run \`sentinel-cdk <command> --help\` for the options of a command.
To synthesize Terraform, run \`npx sentinel-cdk synth\` for a YAML config, \`npx cdktf synth\` for a cdktf.json app.`;

const USAGES: Record<string, string> = { kql: KQL_CHECK_USAGE, connectors: CONNECTORS_USAGE, emulator: EMULATOR_USAGE, query: QUERY_USAGE,
  samples: SAMPLES_USAGE, review: REVIEW_USAGE, init: INIT_USAGE, synth: SYNTH_USAGE };

/** A mistake in the command line: the message and the command's usage, exit code 2. */
function usageError(io: CommandIo, command: string | undefined, error: Error): number {
  io.stderr(`sentinel-cdk: ${error.message}`);
  io.stderr(USAGES[command ?? ''] ?? USAGE);
  return 2;
}

function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: string }).code;
  return error instanceof UsageError || code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
    || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
}

/** Runs the command line and returns the exit code (a promise for the commands that run a server). */
export function main(argv: string[], io: CommandIo = processIo): number | Promise<number> {
  const [command, subcommand, ...rest] = argv;
  const others = [subcommand, ...rest].filter((argument): argument is string => argument !== undefined);
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'kql' && subcommand === 'check') {
      return runKqlCheck(rest, io);
    }
    if (command === 'connectors') {
      return runConnectors(others, io);
    }
    if (command === 'init' || command === 'synth') {
      return command === 'init' ? runInit(others, io) : runSynth(others, io);
    }
    if (command === 'review') {
      return runReviewCommand(others, io);
    }
    if (command === 'emulator' || command === 'query' || command === 'samples') {
      const running = command === 'emulator' ? runEmulatorCommand(others, io)
        : command === 'query' ? runQueryCommand(others, io) : runSamplesCommand(others, io);
      return running.catch((error: unknown) => {
        if (isUsageError(error)) {
          return usageError(io, command, error);
        }
        return fileError(io, error) ?? Promise.reject(error);
      });
    }
    if (command === 'kql') {
      throw new UsageError(subcommand === undefined ? 'kql: expected a subcommand: check' : `kql: unknown subcommand "${subcommand}"; expected: check`);
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (isUsageError(error)) {
      return usageError(io, command, error);
    }
    const code = fileError(io, error);
    if (code !== undefined) {
      return code;
    }
    throw error;
  }
}

/** A file named on the command line that cannot be used, or a file-system error: one line, exit code 2. */
function fileError(io: CommandIo, error: unknown): number | undefined {
  const message = error instanceof FileArgumentError ? error.message : fileSystemErrorMessage(error);
  if (message === undefined) {
    return undefined;
  }
  io.stderr(`sentinel-cdk: ${message}`);
  return 2;
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
