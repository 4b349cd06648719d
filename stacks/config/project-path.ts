import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { describeFileError } from '../../constructs/private/read-text-file';

/** A path a config names, resolved inside the folders it may name; or why it is refused. */
export type ProjectPath = { readonly path: string } | { readonly problem: string };

/**
 * Resolves `written` (relative to `directory`, the config file's folder) after symbolic links, and accepts it only
 * inside `directory` or one of `alsoAllowed`: a config is data from a pull request, and must not make the synthesis
 * read a file of the machine it runs on (its content would reach `cdk.tf.json`, messages and the review comment).
 */
export function projectPath(directory: string, written: string, alsoAllowed: readonly string[] = []): ProjectPath {
  if (written.includes('\0')) {
    return { problem: 'holds a NUL character' };
  }
  let real: string;
  try {
    real = realpathSync(path.resolve(directory, written));
  } catch (error) {
    return { problem: describeFileError(error) };
  }
  const roots = [directory, ...alsoAllowed].map((root) => {
    try {
      return realpathSync(root);
    } catch {
      return path.resolve(root);
    }
  });
  if (!roots.some((root) => isInside(root, real))) {
    return { problem: `is outside the folder of the config file: a file or folder it names must be inside that folder${
      path.resolve(directory, written) === real ? '' : ' (after symbolic links)'}` };
  }
  return { path: real };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}
