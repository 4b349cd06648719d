import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../command-io';
import { inlineCode } from './markdown-text';
import { ReviewError } from './review-error';

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
  synthesizeConfigFile(configPath: string, outdir: string): { stacks: Array<{ name: string; terraformPath: string }> };
}

/** A synthesized output given as it is. */
export function synthesizedDirectory(outDir: string, shownAs = outDir): SynthesizedRevision {
  if (!existsSync(path.join(outDir, 'stacks'))) {
    throw new UsageError(`${shownAs} is not a synthesized output: expected ${path.join(shownAs, 'stacks', '<stack>', 'cdk.tf.json')}`);
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

/**
 * Synthesizes a project tree into `outDir`: the YAML config in-process when the tree holds it, otherwise the `app`
 * command of its `cdktf.json` with `CDKTF_OUTDIR` set. `label` names the revision in errors; `shownRoot` is how errors
 * name the tree's folder (a temporary folder is shown as the git ref).
 */
function synthesizeTree(tree: string, outDir: string, options: RevisionOptions, label: string, shownRoot: string): void {
  const configPath = path.join(tree, options.configFile);
  const shown = (text: string) => text.split(`${tree}${path.sep}`).join(shownRoot);
  if (existsSync(configPath)) {
    // Required here, not imported: it loads cdktf, the constructs and the Kusto language service, which reviewing two
    // synthesized folders does not need.
    const { synthesizeConfigFile } = require('../../stacks/config/synthesize-config') as SynthesizeConfigModule;
    try {
      synthesizeConfigFile(configPath, outDir);
    } catch (error) {
      throw new ReviewError(`${label}: ${options.configFile} does not synthesize:\n${shown((error as Error).message)}`);
    }
    return;
  }
  const cdktfJson = path.join(tree, 'cdktf.json');
  if (!existsSync(cdktfJson)) {
    throw new ReviewError(`${label}: neither ${options.configFile} nor cdktf.json in ${shownRoot || '.'}; pass --config, or --base/--head `
      + 'with a synthesized output (a folder holding stacks/<stack>/cdk.tf.json)');
  }
  const app = (JSON.parse(readFileSync(cdktfJson, 'utf8')) as { app?: unknown }).app;
  if (typeof app !== 'string' || app.trim() === '') {
    throw new ReviewError(`${label}: ${shownRoot}cdktf.json: app: expected the command that synthesizes the app, e.g. "npx ts-node main.ts"`);
  }
  const result = spawnSync(app, {
    cwd: tree, shell: true, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CDKTF_OUTDIR: outDir },
  });
  if (result.status !== 0) {
    throw new ReviewError(`${label}: the app of ${shownRoot}cdktf.json (${app}) failed with ${result.status === null ? `signal ${result.signal}`
      : `exit code ${result.status}`}:\n${shown(tail(result.stderr) || tail(result.stdout) || String(result.error ?? ''))}`);
  }
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
    synthesizeTree(path.resolve(options.projectDirectory), temporary.outDir, options, 'head (working tree)', '');
  } catch (error) {
    temporary.dispose();
    throw error;
  }
  return { outDir: temporary.outDir, description: 'the working tree', dispose: temporary.dispose };
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
    throw new UsageError(`--base ${ref}: neither a folder nor a commit of the git repository at ${path.resolve(options.projectDirectory)}`);
  }
  const prefix = run('git', ['rev-parse', '--show-prefix'], options.projectDirectory).stdout.trim();
  // From the top of the repository: in a subfolder, git archive would look for the subfolder inside the tree given.
  const top = run('git', ['rev-parse', '--show-toplevel'], options.projectDirectory).stdout.trim();
  const temporary = temporaryRevision();
  try {
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
    synthesizeTree(tree, temporary.outDir, options, `base ${ref}`, `${ref}:${prefix}`);
  } catch (error) {
    temporary.dispose();
    throw error;
  }
  return { outDir: temporary.outDir, description: `${inlineCode(ref)} (${commit.slice(0, 7)})`, dispose: temporary.dispose };
}

/** `--base`: a synthesized output folder when one exists at that path, otherwise a git ref. */
export function resolveBaseRevision(value: string, options: RevisionOptions): SynthesizedRevision {
  const folder = path.resolve(options.projectDirectory, value);
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    return synthesizedDirectory(folder, value);
  }
  return synthesizeGitRevision(value, options);
}
