import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { PolicyErrorMode } from '../../model/checks/policy-error-mode';
import { ConfigError, ConfigProblem, formatConfigProblem } from './config-error';
import { ConfigLocator } from './config-locator';
import { ConfigWorkspaceStack } from './config-workspace-stack';
import { resolveConfigFile } from './resolve-config';

/** A stack synthesized from a config, and where its Terraform JSON is. */
export interface SynthesizedConfigStack {
  /** The stack's name: its key under `workspaces`. */
  readonly name: string;
  /** `<outdir>/stacks/<name>/cdk.tf.json`. */
  readonly terraformPath: string;
}

/** What synthesizing a config produced. */
export interface ConfigSynthesis {
  /** Every stack of the config, in the order of the file. */
  readonly stacks: SynthesizedConfigStack[];
  /** Warnings of the constructs (retired APIs, literal secrets, ...), at the config lines they come from. */
  readonly warnings: ConfigProblem[];
}

/** Options of {@link synthesizeConfigFile}. */
export interface SynthesizeConfigOptions {
  /**
   * What an unsuppressed policy error does: fail the synthesis (a problem at the config entry it comes from), or only be
   * recorded under `//.sentinel.policy.findings` and returned among the `warnings`, for a tool that reports the findings
   * itself (`sentinel-cdk review`).
   *
   * @default - what the environment variable `SENTINEL_CDK_POLICY_ERRORS` says (`record` or `fail`), and
   * `PolicyErrorMode.FAIL` when it is unset
   */
  readonly policyErrorMode?: PolicyErrorMode;
}

/** The metadata type of a cdktf warning annotation. */
const WARNING_METADATA = '@cdktf/warn';

/**
 * Synthesizes every stack of a topology config in-process into `outdir/stacks/<name>/cdk.tf.json`, as `cdktf synth`
 * does for the example. Throws a {@link ConfigError} listing every problem (`file:line:column: path: message`) when the
 * document is invalid, a reference is wrong, or a construct or its synth-time checks refuse a value.
 *
 * ```ts
 * const { stacks } = synthesizeConfigFile('sentinel.yaml', 'cdktf.out');
 * ```
 */
export function synthesizeConfigFile(configPath: string, outdir: string, options: SynthesizeConfigOptions = {}): ConfigSynthesis {
  const resolved = resolveConfigFile(configPath);
  const locator = new ConfigLocator(resolved.source);
  const problems: ConfigProblem[] = [];
  const app = new App({ outdir });
  const stacks = resolved.workspaces.map((workspace) => {
    const built: ConfigProblem[] = [];
    const stack = new ConfigWorkspaceStack(app, workspace, {
      source: resolved.source, locator, report: (found) => built.push(...found),
      ...(options.policyErrorMode === undefined ? {} : { policyErrorMode: options.policyErrorMode }),
    });
    // Each stack is checked on its own, so that the problems of every stack are reported, not only those of the first;
    // a stack with an entry left out is not checked further, as its checks would report what is missing.
    problems.push(...(built.length > 0 ? built : validationProblems(stack, locator)));
    return stack;
  });
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  try {
    app.synth();
  } catch (error) {
    throw new ConfigError(locator.problemsOfSynthError(error));
  }
  return {
    stacks: stacks.map((stack) => ({ name: stack.node.id, terraformPath: path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json') })),
    warnings: stacks.flatMap((stack) => warningsOf(stack, locator)),
  };
}

function validationProblems(stack: TerraformStack, locator: ConfigLocator): ConfigProblem[] {
  try {
    stack.runAllValidations();
    return [];
  } catch (error) {
    return locator.problemsOfSynthError(error);
  }
}

/**
 * The warnings of a stack's constructs, each once: a construct that warns from a validation (a rule whose output table
 * the app does not declare) warns again each time validations run, before synth and in it.
 */
function warningsOf(stack: TerraformStack, locator: ConfigLocator): ConfigProblem[] {
  const warnings = stack.node.findAll().flatMap((construct: IConstruct) => construct.node.metadata
    .filter((entry) => entry.type === WARNING_METADATA)
    .map((entry) => locator.problemOf(construct.node.path, String(entry.data))));
  return [...new Map(warnings.map((warning) => [formatConfigProblem(warning), warning])).values()];
}
