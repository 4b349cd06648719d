import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { POLICY_ERRORS_ENVIRONMENT_VARIABLE, PolicyErrorMode } from '../../model/checks/policy-error-mode';
import { ConfigError, formatConfigProblem } from '../../stacks/config/config-error';
import { inlineCode } from './markdown-text';
import { ReviewError } from './review-error';
import { RevisionFailure, RevisionSide, RevisionSynthesisError } from './revision-failure';

/**
 * How many of the last lines a failing app wrote the report shows: enough for Node's report of an uncaught error (the
 * source line, the message, ten stack frames, the error's properties and the Node.js version).
 */
const APP_OUTPUT_LINES = 40;

/** How the report names the head synthesized from the project folder as it is on disk. */
const WORKING_TREE = 'the working tree';

/** A synthesized output to review, how the report names it, and how to remove what was made for it. */
export interface SynthesizedRevision {
  readonly outDir: string;
  /** Markdown naming the revision, e.g. "`main` (3f2c1ab)". */
  readonly description: string;
  /** Removes the temporary folders made for the revision (none for a directory given as it is). */
  dispose(): void;
}

/** Where a revision's project is and how to synthesize it. */
export interface RevisionOptions {
  /** The project folder: where the config and `cdktf.json` are, and the working directory of git. */
  readonly projectDirectory: string;
  /** The YAML topology config, relative to the project folder. */
  readonly configFile: string;
}

/** `synthesizeConfigFile` of `stacks/config/`, loaded only when a YAML project is synthesized (it loads cdktf). */
interface SynthesizeConfigModule {
  synthesizeConfigFile(configPath: string, outdir: string, options: { policyErrorMode: PolicyErrorMode }): unknown;
}

/** Which revision is synthesized, and how messages name it. */
interface RevisionName {
  readonly side: RevisionSide;
  /** Plain text for errors of the review itself, e.g. "base main" or "head (working tree)". */
  readonly label: string;
  /** Markdown for the report, e.g. "`main` (3f2c1ab)" or "the working tree". */
  readonly description: string;
}

/** A synthesized output given as it is. */
export function synthesizedDirectory(outDir: string, shownAs = outDir): SynthesizedRevision {
  if (!existsSync(path.join(outDir, 'stacks'))) {
    throw new ReviewError(`${shownAs} is not a synthesized output: expected ${path.join(shownAs, 'stacks', '<stack>', 'cdk.tf.json')}`);
  }
  return { outDir, description: inlineCode(shownAs), dispose: () => undefined };
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** The last lines of a process's output, for an error message. */
function tail(text: string | null | undefined, lines = 20): string {
  return (text ?? '').trim().split('\n').slice(-lines).join('\n');
}

/** The nearest `node_modules` at or above a folder. */
function nearestNodeModules(directory: string): string | undefined {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'node_modules');
    if (existsSync(candidate)) {
      return realpathSync(candidate);
    }
    if (path.dirname(current) === current) {
      return undefined;
    }
  }
}

/** How a revision's tree is shown in messages: its folder replaced by `shownRoot` (a temporary folder by the git ref). */
class TreeDisplay {
  constructor(private readonly tree: string, public readonly shownRoot: string) {}

  /** A text with every path inside the tree shown relative to it, after `shownRoot`. */
  public text(text: string): string {
    return text.split(`${this.tree}${path.sep}`).join(this.shownRoot);
  }

  /** A file of a config problem (relative to the working directory, or absolute) as a path of the tree. */
  public file(file: string): string {
    const relative = path.relative(this.tree, path.resolve(file));
    return relative.startsWith('..') || path.isAbsolute(relative) ? this.text(file) : `${this.shownRoot}${relative.split(path.sep).join('/')}`;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The failure of a YAML config that does not synthesize: every positioned problem, or the message of another error. */
function configFailure(error: unknown, shownConfig: string, revision: RevisionName, display: TreeDisplay): RevisionFailure {
  if (error instanceof ConfigError) {
    return {
      side: revision.side, description: revision.description, summary: `${shownConfig} has ${plural(error.problems.length, 'problem')}`,
      problems: error.problems.map((problem) => display.text(formatConfigProblem({ ...problem, file: display.file(problem.file) }))),
    };
  }
  const thrown = error instanceof Error ? error : new Error(String(error));
  return {
    side: revision.side, description: revision.description, summary: `synthesizing ${shownConfig} threw ${thrown.name}`,
    problems: display.text(thrown.message).split('\n'),
  };
}

/** Synthesizes a YAML config in-process, its policy errors recorded rather than failing (the report lists them). */
function synthesizeConfig(configPath: string, outDir: string, options: RevisionOptions, revision: RevisionName, display: TreeDisplay): void {
  // Required here, not imported: it loads cdktf, the constructs and the Kusto language service, which reviewing two
  // synthesized folders does not need.
  const { synthesizeConfigFile } = require('../../stacks/config/synthesize-config') as SynthesizeConfigModule;
  try {
    synthesizeConfigFile(configPath, outDir, { policyErrorMode: PolicyErrorMode.RECORD });
  } catch (error) {
    throw new RevisionSynthesisError(configFailure(error, `${display.shownRoot}${options.configFile}`, revision, display));
  }
}

/** The `app` command of a `cdktf.json`, or the failure of a file that holds none. */
function appCommandOf(cdktfJson: string, revision: RevisionName, display: TreeDisplay): string {
  const shownFile = `${display.shownRoot}cdktf.json`;
  const fail = (summary: string, problem: string) => new RevisionSynthesisError({
    side: revision.side, description: revision.description, summary, problems: [`${shownFile}: ${problem}`],
  });
  let settings: unknown;
  try {
    settings = JSON.parse(readFileSync(cdktfJson, 'utf8'));
  } catch (error) {
    throw fail(`${shownFile} is not JSON`, (error as Error).message);
  }
  const app = (settings as { app?: unknown } | null)?.app;
  if (typeof app !== 'string' || app.trim() === '') {
    throw fail(`${shownFile} names no app`, 'app: expected the command that synthesizes the app, e.g. "npx ts-node main.ts"');
  }
  return app;
}

/**
 * Runs the `app` of a `cdktf.json` with `CDKTF_OUTDIR` set, and `SENTINEL_CDK_POLICY_ERRORS=record` so that the policy
 * records its errors rather than failing (in the child's environment only, never in this process's).
 */
function synthesizeApp(tree: string, outDir: string, revision: RevisionName, display: TreeDisplay): void {
  const app = appCommandOf(path.join(tree, 'cdktf.json'), revision, display);
  const result = spawnSync(app, {
    cwd: tree, shell: true, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CDKTF_OUTDIR: outDir, [POLICY_ERRORS_ENVIRONMENT_VARIABLE]: PolicyErrorMode.RECORD },
  });
  const ran = `the app of ${display.shownRoot}cdktf.json (${app})`;
  if (result.status !== 0) {
    const output = tail(result.stderr, APP_OUTPUT_LINES) || tail(result.stdout, APP_OUTPUT_LINES) || String(result.error ?? '');
    throw new RevisionSynthesisError({
      side: revision.side, description: revision.description,
      summary: `${ran} failed with ${result.status === null ? `signal ${result.signal}` : `exit code ${result.status}`}`,
      problems: output === '' ? ['(it wrote nothing to standard error or standard output)'] : display.text(output).split('\n'),
    });
  }
  if (!existsSync(path.join(outDir, 'stacks'))) {
    throw new RevisionSynthesisError({
      side: revision.side, description: revision.description, summary: `${ran} wrote no stacks`,
      problems: ['expected stacks/<stack>/cdk.tf.json in the folder named by CDKTF_OUTDIR, as `cdktf synth` writes them; '
        + 'an App constructed with its own outdir ignores CDKTF_OUTDIR'],
    });
  }
}

/**
 * Synthesizes a project tree into `outDir`: the YAML config in-process when the tree holds it, otherwise the `app`
 * command of its `cdktf.json`. `shownRoot` is how messages name the tree's folder (a temporary folder is shown as the
 * git ref). Throws a {@link RevisionSynthesisError} when the revision does not synthesize, and a {@link ReviewError} when
 * the tree holds neither.
 */
function synthesizeTree(tree: string, outDir: string, options: RevisionOptions, revision: RevisionName, shownRoot: string): void {
  const display = new TreeDisplay(tree, shownRoot);
  const configPath = path.join(tree, options.configFile);
  if (existsSync(configPath)) {
    synthesizeConfig(configPath, outDir, options, revision, display);
    return;
  }
  if (!existsSync(path.join(tree, 'cdktf.json'))) {
    throw new ReviewError(`${revision.label}: neither ${options.configFile} nor cdktf.json in ${shownRoot || '.'}; pass --config, or --base/--head `
      + 'with a synthesized output (a folder holding stacks/<stack>/cdk.tf.json)');
  }
  synthesizeApp(tree, outDir, revision, display);
}

/** A temporary folder for a revision, removed by `dispose`. */
function temporaryRevision(): { root: string; outDir: string; dispose: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'sentinel-cdk-review-'));
  return { root, outDir: path.join(root, 'out'), dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** Synthesizes the project as it is on disk into a temporary folder. */
export function synthesizeWorkingTree(options: RevisionOptions): SynthesizedRevision {
  const temporary = temporaryRevision();
  try {
    synthesizeTree(path.resolve(options.projectDirectory), temporary.outDir, options,
      { side: 'head', label: 'head (working tree)', description: WORKING_TREE }, '');
  } catch (error) {
    temporary.dispose();
    throw error;
  }
  return { outDir: temporary.outDir, description: WORKING_TREE, dispose: temporary.dispose };
}

/** True when the project folder holds what {@link synthesizeWorkingTree} synthesizes. */
export function isSynthesizableProject(options: RevisionOptions): boolean {
  return existsSync(path.join(options.projectDirectory, options.configFile)) || existsSync(path.join(options.projectDirectory, 'cdktf.json'));
}

/** The commit a git ref names in the project's repository, or undefined. */
function resolveCommit(ref: string, projectDirectory: string): string | undefined {
  const result = run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], projectDirectory);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Extracts the project folder as it is at a git commit (`git archive`) into a temporary folder, makes the project's
 * `node_modules` visible there, and synthesizes it.
 */
export function synthesizeGitRevision(ref: string, options: RevisionOptions): SynthesizedRevision {
  const commit = resolveCommit(ref, options.projectDirectory);
  if (commit === undefined) {
    throw new ReviewError(`--base ${ref}: neither a folder nor a commit of the git repository at ${path.resolve(options.projectDirectory)}`);
  }
  const prefix = run('git', ['rev-parse', '--show-prefix'], options.projectDirectory).stdout.trim();
  // From the top of the repository: in a subfolder, git archive would look for the subfolder inside the tree given.
  const top = run('git', ['rev-parse', '--show-toplevel'], options.projectDirectory).stdout.trim();
  const description = `${inlineCode(ref)} (${commit.slice(0, 7)})`;
  const temporary = temporaryRevision();
  try {
    if (prefix !== '' && run('git', ['cat-file', '-e', `${commit}:${prefix}`], top).status !== 0) {
      // The project's folder did not exist at that commit: the change adds the whole project.
      return emptyRevision(temporary, `${description}, where ${inlineCode(prefix.replace(/\/$/, ''))} does not exist yet`);
    }
    const tree = path.join(temporary.root, 'tree');
    mkdirSync(tree);
    const archive = path.join(temporary.root, 'tree.tar');
    const archived = run('git', ['archive', '--format=tar', '-o', archive, `${commit}:${prefix}`], top);
    const extracted = archived.status === 0 ? run('tar', ['-xf', archive, '-C', tree], options.projectDirectory) : archived;
    if (extracted.status !== 0) {
      throw new ReviewError(`base ${ref}: cannot extract the commit's files: ${tail(extracted.stderr)}`);
    }
    rmSync(archive);
    const nodeModules = nearestNodeModules(options.projectDirectory);
    if (nodeModules !== undefined && !existsSync(path.join(tree, 'node_modules'))) {
      symlinkSync(nodeModules, path.join(tree, 'node_modules'), 'dir');
    }
    if (!existsSync(path.join(tree, options.configFile)) && !existsSync(path.join(tree, 'cdktf.json'))) {
      // Neither a config nor a cdktf app at that commit: the change is the one that adds them.
      return emptyRevision(temporary, `${description}, which has neither ${inlineCode(options.configFile)} nor ${inlineCode('cdktf.json')} yet`);
    }
    synthesizeTree(tree, temporary.outDir, options, { side: 'base', label: `base ${ref}`, description }, `${ref}:${prefix}`);
  } catch (error) {
    temporary.dispose();
    throw error;
  }
  return { outDir: temporary.outDir, description, dispose: temporary.dispose };
}

/**
 * A base revision that has no project yet: an output without stacks, so that every stack of head shows as added.
 * `description` says why, in Markdown.
 */
function emptyRevision(temporary: { outDir: string; dispose: () => void }, description: string): SynthesizedRevision {
  mkdirSync(path.join(temporary.outDir, 'stacks'), { recursive: true });
  return { outDir: temporary.outDir, description, dispose: temporary.dispose };
}

/** `--base`: a synthesized output folder when one exists at that path, otherwise a git ref. */
export function resolveBaseRevision(value: string, options: RevisionOptions): SynthesizedRevision {
  const folder = path.resolve(options.projectDirectory, value);
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    return synthesizedDirectory(folder, value);
  }
  return synthesizeGitRevision(value, options);
}
