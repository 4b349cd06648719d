import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseSolution, SolutionDefinition, SolutionFileText } from '../../model/solutions/parse-solution';
import { errorsOf, SolutionLoadError } from '../../model/solutions/solution-problem';
import { MAX_CONTENT_FILE_BYTES, MAX_YAML_FILE_BYTES, readTextFile } from '../private/read-text-file';

/** The solutions this package ships in its `solutions/` folder. */
export const SHIPPED_SOLUTIONS = ['syslog', 'common-event-format', 'palo-alto-networks', 'custom-rest-source'] as const;

/** The name of a shipped solution. */
export type ShippedSolutionName = (typeof SHIPPED_SOLUTIONS)[number];

/** Folders a solution never holds content in. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * The folder of a shipped solution. It is found from the package root (the folder of this package's package.json), so
 * it is the same whether the code runs from the sources or from `dist/`: the solution files are not copied.
 */
export function shippedSolutionDirectory(name: ShippedSolutionName): string {
  return path.join(packageRoot(), 'solutions', name);
}

/** The folder of the shipped solutions. */
export function shippedSolutionsDirectory(): string {
  return path.join(packageRoot(), 'solutions');
}

function packageRoot(): string {
  let directory = __dirname;
  while (!existsSync(path.join(directory, 'package.json')) || !existsSync(path.join(directory, 'solutions'))) {
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`sentinel-cdk: cannot find the package root (a folder with package.json and solutions/) above ${__dirname}`);
    }
    directory = parent;
  }
  return directory;
}

/**
 * Reads a solution folder: solution.yaml and every file it lists, checked against their JSON Schemas and the rules of
 * the formats. Throws a {@link SolutionLoadError} listing every error of every file; warnings are kept on the result.
 *
 * ```ts
 * const solution = loadSolution('solutions/contoso-vpn');
 * ```
 */
export function loadSolution(directory: string): SolutionDefinition {
  const absolute = path.resolve(directory);
  const shown = displayPath(absolute);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new SolutionLoadError([{ file: shown, severity: 'error', message: 'is not a folder' }]);
  }
  const { solution, problems } = parseSolution({ directory: shown, files: readFolder(absolute) });
  if (solution === undefined) {
    throw new SolutionLoadError(errorsOf(problems));
  }
  return solution;
}

/** The most files a solution folder may hold (Microsoft's largest solutions have a few hundred). */
const MAX_SOLUTION_FILES = 5_000;

/**
 * Every regular file below a folder, by its path relative to the folder with `/`, each read only when the solution asks
 * for it (solution.yaml lists it), UTF-8 and bounded in size. Symbolic links are not followed: content stays inside the
 * folder. More than {@link MAX_SOLUTION_FILES} files is an error rather than a walk through whatever the folder is.
 */
function readFolder(root: string): Map<string, SolutionFileText | (() => SolutionFileText)> {
  const files = new Map<string, SolutionFileText | (() => SolutionFileText)>();
  const pending = [''];
  while (pending.length > 0) {
    const relative = pending.pop() as string;
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) {
        pending.push(child);
      } else if (entry.isFile()) {
        if (files.size >= MAX_SOLUTION_FILES) {
          throw new SolutionLoadError([{ file: displayPath(root), severity: 'error',
            message: `holds more than ${MAX_SOLUTION_FILES} files; is it a solution folder?` }]);
        }
        const limit = /\.ya?ml$/i.test(entry.name) ? MAX_YAML_FILE_BYTES : MAX_CONTENT_FILE_BYTES;
        files.set(child, () => {
          const read = readTextFile(path.join(root, child), limit);
          return 'text' in read ? read.text : read;
        });
      }
    }
  }
  return files;
}

/** The folder relative to the working directory when it is inside it (messages stay short and machine-independent). */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolute;
}
