import { CommandIo, FileArgumentError, fileSystemErrorMessage, processIo, UsageError } from './command-io';

/*
 * Each command's module is loaded when the command runs, not before: `synth` alone brings cdktf and the constructs
 * (some 800 modules), which `--help`, `connectors` or `query` never use (issue 22; `npm run bench:cli` times them).
 */
const commands = {
  connectors: (): typeof import('./connectors') => require('./connectors'),
  emulator: (): typeof import('./emulator') => require('./emulator'),
  init: (): typeof import('./init') => require('./init'),
  kql: (): typeof import('./kql-check') => require('./kql-check'),
  query: (): typeof import('./query') => require('./query'),
  review: (): typeof import('./review') => require('./review'),
  samples: (): typeof import('./samples') => require('./samples'),
  synth: (): typeof import('./synth') => require('./synth'),
};

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

/** The usage of a command, loaded with it. */
function usageOf(command: string | undefined): string {
  switch (command) {
    case 'kql': return commands.kql().KQL_CHECK_USAGE;
    case 'connectors': return commands.connectors().CONNECTORS_USAGE;
    case 'emulator': return commands.emulator().EMULATOR_USAGE;
    case 'query': return commands.query().QUERY_USAGE;
    case 'samples': return commands.samples().SAMPLES_USAGE;
    case 'review': return commands.review().REVIEW_USAGE;
    case 'init': return commands.init().INIT_USAGE;
    case 'synth': return commands.synth().SYNTH_USAGE;
    default: return USAGE;
  }
}

/** A mistake in the command line: the message and the command's usage, exit code 2. */
function usageError(io: CommandIo, command: string | undefined, error: Error): number {
  io.stderr(`sentinel-cdk: ${error.message}`);
  io.stderr(usageOf(command));
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
      return commands.kql().runKqlCheck(rest, io);
    }
    if (command === 'connectors') {
      return commands.connectors().runConnectors(others, io);
    }
    if (command === 'init' || command === 'synth') {
      return command === 'init' ? commands.init().runInit(others, io) : commands.synth().runSynth(others, io);
    }
    if (command === 'review') {
      return commands.review().runReviewCommand(others, io);
    }
    if (command === 'emulator' || command === 'query' || command === 'samples') {
      const running = command === 'emulator' ? commands.emulator().runEmulatorCommand(others, io)
        : command === 'query' ? commands.query().runQueryCommand(others, io) : commands.samples().runSamplesCommand(others, io);
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
