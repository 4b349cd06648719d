/** Where in a solution's files something was found: the file, and when known the line, column and path inside it. */
export interface SourceLocation {
  /** The file as shown to the user, e.g. `solutions/syslog/analytic-rules/ssh-brute-force.yaml`. */
  readonly file: string;
  /** 1-based line. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** The path inside the document, e.g. `entityMappings[0].fieldMappings[1].identifier`. */
  readonly path?: string;
}

/** One finding about a solution's files: an error stops the solution from loading, a warning is reported. */
export interface SolutionProblem extends SourceLocation {
  readonly severity: 'error' | 'warning';
  /** What is wrong and what would be accepted. */
  readonly message: string;
}

/** `file:line:column: path: message`, leaving out what is unknown, as compilers print findings. */
export function formatSolutionProblem(problem: SolutionProblem): string {
  const position = problem.line === undefined ? '' : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  const path = problem.path === undefined || problem.path === '' ? '' : ` ${problem.path}:`;
  return `${problem.file}${position}:${path} ${problem.message}`;
}

/** A problem at a location. */
export function problemAt(location: SourceLocation, severity: SolutionProblem['severity'], message: string): SolutionProblem {
  return { ...location, severity, message };
}

/** The errors among some problems. */
export function errorsOf(problems: readonly SolutionProblem[]): SolutionProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

/** The warnings among some problems. */
export function warningsOf(problems: readonly SolutionProblem[]): SolutionProblem[] {
  return problems.filter((problem) => problem.severity === 'warning');
}

/**
 * A solution that cannot be loaded, with every error found (not just the first), so that one run shows everything
 * to fix.
 */
export class SolutionLoadError extends Error {
  public readonly code = 'SENTINEL_CDK_SOLUTION';

  constructor(public readonly problems: readonly SolutionProblem[]) {
    super(`${problems.length} error${problems.length === 1 ? '' : 's'} in the solution:\n${problems.map(formatSolutionProblem).join('\n')}`);
    this.name = 'SolutionLoadError';
  }
}
