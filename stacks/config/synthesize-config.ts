import { readdirSync, rmSync, statSync } from 'node:fs';
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
  checkOutputFolder(outdir);
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
  removeStaleStacks(outdir, stacks.map((stack) => stack.node.id));
  return {
    stacks: stacks.map((stack) => ({ name: stack.node.id, terraformPath: path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json') })),
    warnings: stacks.flatMap((stack) => warningsOf(stack, locator)),
  };
}

/** An output folder that a synthesis cannot be written to: a file, or a folder that holds something else. */
export class OutputFolderError extends Error {
  public readonly code = 'OUTPUT_FOLDER_INVALID';

  constructor(folder: string, problem: string) {
    super(`${folder}: ${problem}`);
    this.name = 'OutputFolderError';
  }
}

/** What cdktf writes at the top of an output folder, beside `stacks/`. */
const SYNTHESIS_MANIFEST = 'manifest.json';

/**
 * The output folder is new, empty, or an earlier synthesis (it has cdktf's `manifest.json`): stacks that are no longer
 * in the config are removed from it after synth, which must not delete a folder of something else.
 */
function checkOutputFolder(outdir: string): void {
  let stats;
  try {
    stats = statSync(outdir);
  } catch {
    return;
  }
  if (!stats.isDirectory()) {
    throw new OutputFolderError(outdir, 'is a file; the output (--out) must be a folder');
  }
  const entries = readdirSync(outdir);
  if (entries.length > 0 && !entries.includes(SYNTHESIS_MANIFEST)) {
    throw new OutputFolderError(outdir, `holds files that are not a synthesis (no ${SYNTHESIS_MANIFEST}); the output (--out) must be a new or `
      + 'empty folder, or one that a synthesis wrote');
  }
}

/**
 * Removes `stacks/<name>` folders of stacks the config no longer has (`cdktf deploy` and `connectors` would still see
 * them), except one that holds a Terraform state file, which is never deleted.
 */
function removeStaleStacks(outdir: string, names: readonly string[]): void {
  const folder = path.join(outdir, 'stacks');
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !names.includes(entry.name)) {
      const stack = path.join(folder, entry.name);
      if (!readdirSync(stack).some((file) => file.endsWith('.tfstate') || file.endsWith('.tfstate.backup'))) {
        rmSync(stack, { recursive: true, force: true });
      }
    }
  }
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
