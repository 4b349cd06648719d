import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CommandIo } from '../../../cli/command-io';

/** This package's `node_modules`, linked into the test projects so that they resolve cdktf and the provider. */
export const NODE_MODULES = path.resolve(__dirname, '..', '..', '..', 'node_modules');

/** Command input and output kept in arrays, for a command run in-process. */
export function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (line) => out.push(line), stderr: (line) => err.push(line), readStdin: () => '', stdinIsTerminal: () => true };
}

/**
 * A git repository in a temporary folder, with one commit of what `write` puts there on branch `main`, then checked out
 * on a new branch for the change.
 */
export function repository(write: (root: string) => void, branch = 'change-facility-and-transform'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'review-git-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.email', 'reviewer@contoso.com');
  git('config', 'user.name', 'Reviewer');
  git('config', 'commit.gpgsign', 'false');
  write(root);
  writeFileSync(path.join(root, '.gitignore'), 'node_modules\ncdktf.out\n');
  git('add', '--all');
  git('commit', '--quiet', '--message', 'The topology as deployed');
  git('checkout', '--quiet', '-b', branch);
  return root;
}

/** The short commit of a ref, as the report shows it. */
export function shortCommit(root: string, ref: string): string {
  return execFileSync('git', ['rev-parse', '--short=7', ref], { cwd: root, encoding: 'utf8' }).trim();
}

/** The review's temporary folders that exist now. */
export function reviewTemporaryFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('sentinel-cdk-review-'));
}

/** Replaces a text of a file, failing when the text is not there. */
export function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(from, to);
  if (edited === text) {
    throw new Error(`${file} does not contain ${String(from)}`);
  }
  writeFileSync(file, edited);
}
