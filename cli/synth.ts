import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, formatConfigProblem } from '../stacks/config/config-error';
import { OutputFolderError, synthesizeConfigFile } from '../stacks/config/synthesize-config';
import { CommandIo, UsageError } from './command-io';

export const SYNTH_USAGE = `Usage: sentinel-cdk synth [--config FILE] [--out DIR]

Synthesizes a topology config (YAML) to Terraform in-process: one stack per workspace, written to
<out>/stacks/<stack>/cdk.tf.json, which \`cdktf deploy\` and the emulator use. Problems are printed as
FILE:LINE:COLUMN: PATH: MESSAGE, all at once; the exit code is 1 when the config is invalid, 2 on a usage error.
In cdktf.json, "app": "npx --no-install sentinel-cdk synth" lets \`npx cdktf synth\`, \`diff\` and \`deploy\` use the config.

  --config FILE    the topology config (default: sentinel.yaml; \`sentinel-cdk init\` writes a starter)
  --out DIR        where to write (default: $CDKTF_OUTDIR when cdktf runs the command, else cdktf.out)`;

/** `sentinel-cdk synth`: returns the exit code. */
export function runSynth(argv: string[], io: CommandIo, environment: NodeJS.ProcessEnv = process.env): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', default: 'sentinel.yaml' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(SYNTH_USAGE);
    return 0;
  }
  if (!existsSync(values.config)) {
    throw new UsageError(`synth: the config ${values.config} does not exist; pass --config, or write a starter with \`sentinel-cdk init\``);
  }
  const outdir = values.out ?? environment.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const synthesis = synthesizeConfigFile(values.config, outdir);
    synthesis.warnings.forEach((warning) => io.stderr(formatConfigProblem({ ...warning, message: `warning: ${warning.message}` })));
    synthesis.stacks.forEach((stack) => io.stdout(`Synthesized stack ${stack.name}: ${stack.terraformPath}`));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      error.problems.forEach((problem) => io.stderr(formatConfigProblem(problem)));
      io.stderr(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${values.config}; fix ${error.problems.length === 1 ? 'it' : 'them'} and synthesize again`);
      return 1;
    }
    if (error instanceof OutputFolderError) {
      throw new UsageError(`synth: ${error.message}`);
    }
    throw error;
  }
}
