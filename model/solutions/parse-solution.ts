import { AnalyticRule, ContentParseResult, parseAnalyticRule } from './analytic-rule';
import { AutomationRule, parseAutomationRule } from './automation-rule';
import { HuntingQuery, parseHuntingQuery } from './hunting-query';
import { ParserFunction, parseParserFunction } from './parser-function';
import { errorsOf, SolutionProblem, warningsOf } from './solution-problem';
import { parseSolutionManifest, resolveFilePatterns, SOLUTION_MANIFEST_FILE, SolutionManifest } from './solution-manifest';
import { parseWatchlist, Watchlist } from './watchlist';
import { parseWorkbook, Workbook } from './workbook';
import { DocumentPath, YamlSource } from './yaml-source';

/** A file's text, or why it cannot be read (with the position of bytes that are not UTF-8). */
export type SolutionFileText = string | { readonly problem: string; readonly line?: number; readonly column?: number };

/**
 * The files of a solution folder: path relative to the folder (with `/`) to the text, or to a function that reads it.
 * Only solution.yaml and the files it lists are read; the others are only named (to warn of content nobody listed).
 */
export interface SolutionFiles {
  /** The folder as shown in messages, e.g. `solutions/syslog`. */
  readonly directory: string;
  readonly files: ReadonlyMap<string, SolutionFileText | (() => SolutionFileText)>;
}

/** The text of a solution's file, read when it is first asked for; a problem when it cannot be read. */
function textOf(input: SolutionFiles, relative: string): { text?: string; problem?: SolutionProblem } {
  const entry = input.files.get(relative);
  const found = typeof entry === 'function' ? entry() : entry;
  if (found === undefined || typeof found === 'string') {
    return { text: found?.replace(/^\uFEFF/, '') };
  }
  return { problem: { file: `${input.directory}/${relative}`, severity: 'error', message: found.problem,
    ...(found.line === undefined ? {} : { line: found.line, column: found.column ?? 1 }) } };
}

/** A solution with all its content read and checked, ready to deploy to any number of workspaces. */
export interface SolutionDefinition {
  readonly directory: string;
  readonly manifest: SolutionManifest;
  readonly analyticRules: readonly AnalyticRule[];
  readonly huntingQueries: readonly HuntingQuery[];
  readonly parsers: readonly ParserFunction[];
  readonly automationRules: readonly AutomationRule[];
  readonly workbooks: readonly Workbook[];
  readonly watchlists: readonly Watchlist[];
  /** Findings that do not stop the solution from loading. */
  readonly warnings: readonly SolutionProblem[];
}

/** Extensions of the files that can be content; any other file (a README, a logo) is left alone. */
const CONTENT_EXTENSIONS = /\.(ya?ml|json|csv)$/i;

/** Reads a solution: solution.yaml, then every file it lists, reporting every problem of every file at once. */
export function parseSolution(input: SolutionFiles): { solution?: SolutionDefinition; problems: SolutionProblem[] } {
  const shown = (relative: string) => `${input.directory}/${relative}`;
  const { text: manifestText, problem } = textOf(input, SOLUTION_MANIFEST_FILE);
  if (problem !== undefined) {
    return { problems: [problem] };
  }
  if (manifestText === undefined) {
    return { problems: [{ file: input.directory, severity: 'error', message: `has no ${SOLUTION_MANIFEST_FILE}; every solution folder starts with one` }] };
  }
  const { manifest, source, problems } = parseSolutionManifest(shown(SOLUTION_MANIFEST_FILE), manifestText);
  if (manifest === undefined) {
    return { problems };
  }
  const reader = new ContentReader(input, source, problems);
  const analyticRules = reader.readAll('analyticRules', manifest.analyticRules, parseAnalyticRule);
  const huntingQueries = reader.readAll('huntingQueries', manifest.huntingQueries, parseHuntingQuery);
  const parsers = reader.readAll('parsers', manifest.parsers, parseParserFunction);
  const automationRules = reader.readAll('automationRules', manifest.automationRules, parseAutomationRule);
  const workbooks = manifest.workbooks.flatMap((declaration, index) => reader.readOne(['workbooks', index, 'file'], declaration.file,
    (file, text) => parseWorkbook(declaration, file, text)));
  const watchlists = manifest.watchlists.flatMap((declaration, index) => reader.readOne(['watchlists', index, 'file'], declaration.file,
    (file, text) => parseWatchlist(declaration, file, text, source.locate(['watchlists', index]))));

  reader.refuseDuplicates('analytic rule id', analyticRules.map((rule) => ({ key: rule.id, file: rule.file })));
  reader.refuseDuplicates('hunting query id', huntingQueries.map((query) => ({ key: query.id, file: query.file })));
  reader.refuseDuplicates('parser FunctionAlias', parsers.map((parser) => ({ key: parser.functionAlias, file: parser.file })));
  reader.refuseDuplicates('automation rule id', automationRules.map((rule) => ({ key: rule.id, file: rule.file })));
  reader.refuseDuplicates('watchlist alias', watchlists.map((watchlist) => ({ key: watchlist.alias, file: watchlist.file })));
  reader.warnAboutUnlistedFiles();

  if (errorsOf(problems).length > 0) {
    return { problems };
  }
  return {
    problems,
    solution: {
      directory: input.directory, manifest, analyticRules, huntingQueries, parsers, automationRules, workbooks, watchlists,
      warnings: warningsOf(problems),
    },
  };
}

/** Reads the files solution.yaml lists, collecting every problem and remembering which files were listed. */
class ContentReader {
  private readonly listed = new Set<string>();
  private readonly relativeFiles: string[];

  constructor(private readonly input: SolutionFiles, private readonly manifest: YamlSource, private readonly problems: SolutionProblem[]) {
    this.relativeFiles = [...input.files.keys()];
  }

  public readAll<T>(field: string, patterns: readonly string[], parse: (file: string, text: string) => ContentParseResult<T>): T[] {
    const files = resolveFilePatterns(patterns, this.relativeFiles.filter((file) => file !== SOLUTION_MANIFEST_FILE), (index, pattern) =>
      this.problems.push({ ...this.manifest.locate([field, index]), severity: 'error', message: `"${pattern}" names no file in ${this.input.directory}` }));
    return files.flatMap((relative) => this.parse(relative, parse));
  }

  public readOne<T>(path: DocumentPath, relative: string, parse: (file: string, text: string) => ContentParseResult<T>): T[] {
    if (!this.input.files.has(relative)) {
      this.problems.push({ ...this.manifest.locate(path), severity: 'error', message: `"${relative}" is not a file of ${this.input.directory}` });
      return [];
    }
    return this.parse(relative, parse);
  }

  public refuseDuplicates(what: string, entries: ReadonlyArray<{ key: string; file: string }>): void {
    entries.forEach((entry, index) => {
      const first = entries.findIndex((other) => other.key === entry.key);
      if (first !== index) {
        this.problems.push({ file: entry.file, severity: 'error', message: `the ${what} "${entry.key}" is also used by ${entries[first].file}` });
      }
    });
  }

  /** A content file nobody listed is most likely forgotten: it would silently not be deployed. */
  public warnAboutUnlistedFiles(): void {
    for (const relative of this.relativeFiles) {
      if (relative !== SOLUTION_MANIFEST_FILE && CONTENT_EXTENSIONS.test(relative) && !this.listed.has(relative)) {
        this.problems.push({ file: `${this.input.directory}/${relative}`, severity: 'warning',
          message: `is not listed in ${SOLUTION_MANIFEST_FILE}, so it is not deployed` });
      }
    }
  }

  private parse<T>(relative: string, parse: (file: string, text: string) => ContentParseResult<T>): T[] {
    this.listed.add(relative);
    const { text, problem } = textOf(this.input, relative);
    if (problem !== undefined) {
      this.problems.push(problem);
      return [];
    }
    const result = parse(`${this.input.directory}/${relative}`, text ?? '');
    this.problems.push(...result.problems);
    return result.content === undefined ? [] : [result.content];
  }
}
