import { CommandIo, processIo, UsageError } from './command-io';
import { CONNECTORS_USAGE, runConnectors } from './connectors';
import { KQL_CHECK_USAGE, runKqlCheck } from './kql-check';

const USAGE = `Usage: sentinel-cdk <command> [options]

Commands:
  kql check   check a DCR transformation or a query with Microsoft's Kusto language service
  connectors  list the data connectors of synthesized stacks, with their tables, support and prerequisites

Run \`sentinel-cdk <command> --help\` for the options of a command.
To synthesize Terraform, run \`npx cdktf synth\` (or \`npm start\` for the example stack).`;

/** Runs the command line and returns the exit code. */
export function main(argv: string[], io: CommandIo = processIo): number {
  const [command, subcommand, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'kql' && subcommand === 'check') {
      return runKqlCheck(rest, io);
    }
    if (command === 'connectors') {
      return runConnectors([subcommand, ...rest].filter((argument) => argument !== undefined), io);
    }
    if (command === 'kql') {
      throw new UsageError(subcommand === undefined ? 'kql: expected a subcommand: check' : `kql: unknown subcommand "${subcommand}"; expected: check`);
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      || (error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      io.stderr(`sentinel-cdk: ${(error as Error).message}`);
      io.stderr(command === 'kql' ? KQL_CHECK_USAGE : command === 'connectors' ? CONNECTORS_USAGE : USAGE);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`sentinel-cdk: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
