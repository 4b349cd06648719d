/** One problem of a topology config: where it is and what is expected. */
export interface ConfigProblem {
  /** The file, as the user named it (relative to the working directory when inside it). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** The path inside the document, e.g. `workspaces.soc-prod.connectors.LinuxAuth.facilityNames[0]`. */
  readonly path: string;
  /** What is wrong and what would be accepted. */
  readonly message: string;
}

/** `file:line:column: path: message`, as compilers print findings. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`;
}

/** A topology config that cannot be synthesized, with every problem found (not only the first). */
export class ConfigError extends Error {
  public readonly code = 'CONFIG_INVALID';
  public readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const sorted = sortProblems(problems);
    super(`${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the topology config:\n${sorted.map(formatConfigProblem).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = sorted;
  }
}

/** Problems by file, then position, each once. */
function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const unique = new Map(problems.map((problem) => [formatConfigProblem(problem), problem]));
  return [...unique.values()].sort((first, second) => first.file.localeCompare(second.file) || first.line - second.line
    || first.column - second.column || first.path.localeCompare(second.path));
}
