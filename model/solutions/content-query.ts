import { KqlResultColumn, KqlTableInput, kustoTypeName } from '../kql/analyze';
import { kusto, listItems } from '../kql/language-service';
import { queryableBuiltInTables } from '../tables/builtin-tables';
import { ColumnDefinition, TableSchema } from '../tables/table-schema';
import { ContentText } from './content-common';
import { kustoParameterList, ParserFunction, ParserParameter } from './parser-function';
import { SolutionProblem } from './solution-problem';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A workspace function a content query may call: a parser, or Sentinel's own `_GetWatchlist`. */
export interface ContentFunction {
  readonly name: string;
  readonly parameters: readonly ParserParameter[];
  /** The function's query. */
  readonly body: string;
}

/** What content queries of a workspace are analyzed against. */
export interface ContentQueryContext {
  /** Built-in tables and the workspace's custom tables. */
  readonly tables: readonly KqlTableInput[];
  readonly functions: readonly ContentFunction[];
}

/** The outcome of analyzing one content query. */
export interface ContentQueryCheck {
  /** Errors (syntax, types) and warnings (unknown tables, columns, functions), positioned in the content file. */
  readonly problems: SolutionProblem[];
  readonly resultColumns: readonly KqlResultColumn[];
  /** True when every name resolved: then the result columns are complete and can be relied on. */
  readonly namesResolved: boolean;
}

/**
 * Codes of the analyzer's "the name does not refer to any known column / table / function": what a query reads that
 * the model does not know. Sentinel has tables and functions the model lacks, so these are warnings; everything else
 * the analyzer reports is a mistake in the query.
 */
const UNKNOWN_NAME_CODES = new Set(['KS142', 'KS204', 'KS211']);

/** The context of a workspace: the built-in tables the model knows, its custom tables, its parsers and watchlists. */
export function contentQueryContext(options: {
  readonly customTables: readonly TableSchema[];
  readonly parsers: readonly ParserFunction[];
  /** The columns of every watchlist deployed to the workspace, which `_GetWatchlist` returns. */
  readonly watchlistColumns: readonly string[];
}): ContentQueryContext {
  return {
    tables: [...queryableBuiltInTables(), ...options.customTables],
    functions: [
      ...options.parsers.map((parser) => ({ name: parser.functionAlias, parameters: parser.parameters, body: parser.query.text })),
      getWatchlistFunction(options.watchlistColumns),
    ],
  };
}

/**
 * Sentinel's `_GetWatchlist(alias)` over the `Watchlist` table: the latest version of each item, with the item's
 * fields as columns. Sentinel unpacks the fields with `bag_unpack`; here every known watchlist column is a string, as
 * the CSV values are.
 */
function getWatchlistFunction(columns: readonly string[]): ContentFunction {
  const fixed = ['_DTItemId', 'LastUpdatedTimeUTC', 'SearchKey', 'WatchlistItem'];
  const itemColumns = [...new Set(columns)].filter((column) => !fixed.includes(column))
    .map((column) => `${quoteName(column)} = tostring(WatchlistItem[${quoteString(column)}])`);
  return {
    name: '_GetWatchlist',
    parameters: [{ name: 'watchlistAlias', type: 'string' }],
    body: 'Watchlist\n| where _DTItemType == "watchlist-item" and WatchlistAlias == watchlistAlias\n'
      + `| project ${[...fixed, ...itemColumns].join(', ')}`,
  };
}

/**
 * Analyzes the content queries of one workspace with the Kusto language service, against one database built once:
 * the tables, and each function declared with the columns its body returns. A body is analyzed once (its own
 * dependencies first), so a rule that calls a parser costs milliseconds instead of re-analyzing the parser; this is
 * also why this does not go through `analyzeKql`, which builds a new global state for each text.
 */
export class ContentQueryAnalyzer {
  private readonly globals: any;
  private readonly checks = new Map<string, ContentQueryCheck>();

  constructor(private readonly context: ContentQueryContext) {
    const symbols = kusto().Symbols;
    const tables = context.tables.map((table) => new symbols.TableSymbol.$ctor7(table.tableName, schemaString(table.columns), null));
    const declared: any[] = [];
    for (const fn of dependencyOrder(context.functions)) {
      const code = kusto().KustoCode.ParseAndAnalyze(parameterDeclarations(fn.parameters) + fn.body, globalsWith([...tables, ...declared]));
      const columns = resultColumnsOf(code);
      const resolved = !listItems(code.GetDiagnostics()).some((diagnostic: any) => UNKNOWN_NAME_CODES.has(String(diagnostic.Code)));
      const parameters = symbols.Parameter.ParseList(kustoParameterList(fn.parameters));
      // A body that reads something unknown has untyped columns: declared with its body, the analyzer keeps them
      // untyped in the callers too, instead of reporting type errors that are only a consequence.
      declared.push(resolved && columns.length > 0
        ? new symbols.FunctionSymbol.$ctor5(fn.name, new symbols.TableSymbol.$ctor7(fn.name, resultSchemaString(columns), null), parameters)
        : new symbols.FunctionSymbol.$ctor16(fn.name, kustoParameterList(fn.parameters), `{\n${fn.body}\n}`, null));
    }
    this.globals = globalsWith([...tables, ...declared]);
  }

  /** The analyzer of a context, shared by every check of the same tables and functions (a stack synthesizes several times in tests). */
  public static of(context: ContentQueryContext): ContentQueryAnalyzer {
    const key = JSON.stringify(context);
    let analyzer = analyzers.get(key);
    if (analyzer === undefined) {
      analyzer = new ContentQueryAnalyzer(context);
      if (analyzers.size >= MAX_CACHED_ANALYZERS) {
        analyzers.delete(analyzers.keys().next().value as string);
      }
      analyzers.set(key, analyzer);
    }
    return analyzer;
  }

  /**
   * Analyzes a query after its parameters are resolved; positions are mapped to the content file. A parser's own query
   * is checked with its parameters declared.
   */
  public check(query: ContentText, renderedText: string, parameters: readonly ParserParameter[] = []): ContentQueryCheck {
    const key = JSON.stringify([query.origin.file, query.origin.map(1, 1), query.field, renderedText, parameters]);
    const cached = this.checks.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const check = this.analyze(query, renderedText, parameters);
    this.checks.set(key, check);
    return check;
  }

  private analyze(query: ContentText, renderedText: string, parameters: readonly ParserParameter[]): ContentQueryCheck {
    const language = kusto();
    const prefix = parameterDeclarations(parameters);
    const code = language.KustoCode.ParseAndAnalyze(prefix + renderedText, this.globals);
    const syntaxErrorStarts = new Set(listItems(language.KustoCode.Parse(prefix + renderedText).GetDiagnostics())
      .map((diagnostic: any) => diagnostic.Start as number));
    const diagnostics = listItems(code.GetDiagnostics())
      .filter((diagnostic: any) => ['Error', 'Warning'].includes(String(diagnostic.Severity)))
      .map((diagnostic: any): Finding => ({
        start: diagnostic.Start as number,
        code: String(diagnostic.Code ?? ''),
        message: String(diagnostic.Message),
        severity: String(diagnostic.Severity) === 'Error' ? 'error' : 'warning',
        syntax: syntaxErrorStarts.has(diagnostic.Start),
      }));
    return {
      problems: diagnostics.map((finding) => this.problemOf(query, renderedText, prefix.length, finding)),
      resultColumns: resultColumnsOf(code),
      namesResolved: !diagnostics.some((finding) => UNKNOWN_NAME_CODES.has(finding.code)),
    };
  }

  /** What the model knows, for a name it does not: Microsoft's tables counted, the workspace's own named. */
  private knownNames(): string {
    const builtIn = new Set(queryableBuiltInTables().map((table) => table.tableName));
    const own = this.context.tables.map((table) => table.tableName).filter((name) => !builtIn.has(name));
    return `the model knows ${builtIn.size} built-in tables (sentinel-cdk kql check --help lists them)`
      + (own.length === 0 ? '' : `, the tables ${own.join(', ')}`)
      + ` and the functions ${this.context.functions.map((fn) => fn.name).join(', ')}`;
  }

  private problemOf(query: ContentText, text: string, prefixLength: number, finding: Finding): SolutionProblem {
    const position = lineAndColumn(text, finding.start - prefixLength);
    const unknownName = !finding.syntax && UNKNOWN_NAME_CODES.has(finding.code);
    const severity = finding.syntax || (finding.severity === 'error' && !unknownName) ? 'error' : 'warning';
    const hint = unknownName ? `; ${this.knownNames()}, and Sentinel refuses a rule that reads what the workspace lacks` : '';
    const excerpt = severity === 'error' ? `\n    ${text.split('\n')[position.line - 1] ?? ''}\n    ${' '.repeat(position.column - 1)}^` : '';
    return {
      file: query.origin.file, ...query.origin.map(position.line, position.column), path: query.field, severity,
      message: `${finding.message} (${finding.code})${hint}${excerpt}`,
    };
  }
}

/** Analyzers kept for identical contexts; the oldest goes first. */
const analyzers = new Map<string, ContentQueryAnalyzer>();
const MAX_CACHED_ANALYZERS = 20;

/** A diagnostic of the language service, classified. */
interface Finding {
  readonly start: number;
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** Found by the parser alone: the text is not KQL. */
  readonly syntax: boolean;
}

function globalsWith(members: readonly any[]): any {
  const language = kusto();
  return language.GlobalState.Default.WithDatabase(new language.Symbols.DatabaseSymbol.$ctor2('sentinel', null, [...members]));
}

function resultColumnsOf(code: any): KqlResultColumn[] {
  const columns = code.ResultType?.Columns;
  return columns === undefined || columns === null ? []
    : listItems(columns).map((column: any): KqlResultColumn => ({ name: String(column.Name), type: String(column.Type.Name) }));
}

/** `let <parameter> = <type>(null);` for each parameter, so that a function's body analyzes on its own. */
function parameterDeclarations(parameters: readonly ParserParameter[]): string {
  return parameters.map((parameter) => `let ${parameter.name} = ${parameter.type === 'string' ? '""' : `${parameter.type}(null)`};\n`).join('');
}

/** The functions, each after those it calls (by name), so that a function's callees are declared when it is analyzed. */
function dependencyOrder(functions: readonly ContentFunction[]): ContentFunction[] {
  const ordered: ContentFunction[] = [];
  const visiting = new Set<string>();
  const visit = (fn: ContentFunction) => {
    if (ordered.includes(fn) || visiting.has(fn.name)) {
      return;
    }
    visiting.add(fn.name);
    functions.filter((other) => other !== fn && mentions(fn.body, other.name)).forEach(visit);
    ordered.push(fn);
  };
  functions.forEach(visit);
  return ordered;
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(text);
}

/** The Kusto schema `(['Name']:type, ...)` of some columns; names are bracket-quoted so that any name works. */
function schemaString(columns: readonly ColumnDefinition[]): string {
  return `(${columns.map((column) => `${quoteName(column.name, true)}:${kustoTypeName(column.type)}`).join(', ')})`;
}

/** The schema of a function's result; a column the analyzer could not type is declared dynamic, which accepts any use. */
function resultSchemaString(columns: readonly KqlResultColumn[]): string {
  return `(${columns.map((column) => `${quoteName(column.name, true)}:${column.type === 'unknown' || column.type === '' ? 'dynamic' : column.type}`).join(', ')})`;
}

function quoteString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function quoteName(name: string, always = false): string {
  return !always && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${quoteString(name)}]`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
