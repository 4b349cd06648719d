import { ColumnDefinition, TableColumnType } from '../tables/table-schema';
import { kusto, listItems } from './language-service';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Severity of a diagnostic, in the language service's words, lower-cased. */
export type KqlSeverity = 'error' | 'warning' | 'suggestion' | 'information';

/** One finding of the analyzer, with its position in the query text. */
export interface KqlDiagnostic {
  /** 1-based line of the first character. */
  readonly line: number;
  /** 1-based column of the first character. */
  readonly column: number;
  /** Offset of the first character in the text. */
  readonly start: number;
  /** Length in characters (0 for a missing element). */
  readonly length: number;
  readonly severity: KqlSeverity;
  /** The language service's code (`KS006`), or ours (`SCDK...`) for transformation rules. */
  readonly code: string;
  readonly message: string;
}

/** A column of the query result, with the type the analyzer inferred (`string`, `long`, `bool`, `unknown`, ...). */
export interface KqlResultColumn {
  readonly name: string;
  readonly type: string;
}

/** A table the query may read. */
export interface KqlTableInput {
  readonly tableName: string;
  readonly columns: readonly ColumnDefinition[];
}

/** A scalar function the query may call beyond the built-in ones (e.g. `geo_location`, only known to DCRs). */
export interface KqlFunctionInput {
  readonly name: string;
  readonly returnType: TableColumnType;
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly type: TableColumnType }>;
}

/** What the query is analyzed against. */
export interface KqlAnalysisContext {
  /** Tables in scope; a DCR transformation reads one table named `source`. */
  readonly tables: readonly KqlTableInput[];
  /** @default - none */
  readonly functions?: readonly KqlFunctionInput[];
}

/** The outcome of parsing and analyzing one query. */
export interface KqlAnalysis {
  readonly text: string;
  readonly diagnostics: KqlDiagnostic[];
  /** Columns of the result when the query is tabular; empty otherwise. */
  readonly resultColumns: KqlResultColumn[];
  /** The analyzed `KustoCode`, for callers that walk the syntax tree. */
  readonly code: any;
}

/** The name Kusto gives a column type: ours are Azure's table types, where Kusto says `bool` for `boolean`. */
export function kustoTypeName(type: TableColumnType): string {
  return type === 'boolean' ? 'bool' : type;
}

/** The Kusto schema string `(Name:type, ...)` of some columns; names are bracket-quoted so any name works. */
function schemaString(columns: readonly ColumnDefinition[]): string {
  const quote = (name: string) => `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  return `(${columns.map((column) => `${quote(column.name)}:${kustoTypeName(column.type)}`).join(', ')})`;
}

/** The language service's "A column with the name 'X' is already declared". */
const SELF_RENAME_CODE = 'KS171';

/** Where each `project-rename X = X` names its column: the one case of KS171 that the engine runs (as a no-op). */
function selfRenameStarts(language: any, code: any): Set<number> {
  const starts = new Set<number>();
  language.Syntax.SyntaxElement.WalkElements(code.Syntax, (element: any) => {
    if (element.IsToken || !String(element.constructor.$$name).endsWith('.SimpleNamedExpression')) {
      return;
    }
    // SimpleNamedExpression < SeparatedElement < SyntaxList < ProjectRenameOperator.
    const operator = element.Parent?.Parent?.Parent;
    const inRename = operator !== null && operator !== undefined && String(operator.constructor.$$name).endsWith('.ProjectRenameOperator');
    const name = element.Name?.SimpleName;
    const reference = element.Expression;
    if (inRename && name !== undefined && String(reference?.constructor.$$name).endsWith('.NameReference') && reference.SimpleName === name) {
      starts.add(element.Name.TextStart);
    }
  });
  return starts;
}

/**
 * Table symbols by name and schema. Building one parses its schema, which for Microsoft's catalog (over a thousand
 * columns) made each analysis four times slower; symbols are immutable, so every analysis shares them. Bounded: the
 * oldest goes first.
 */
const tableSymbols = new Map<string, any>();
const MAX_TABLE_SYMBOLS = 1000;

function tableSymbol(symbols: any, table: KqlTableInput): any {
  const schema = schemaString(table.columns);
  const key = `${table.tableName}\u0000${schema}`;
  let symbol = tableSymbols.get(key);
  if (symbol === undefined) {
    symbol = new symbols.TableSymbol.$ctor7(table.tableName, schema, null);
    if (tableSymbols.size >= MAX_TABLE_SYMBOLS) {
      tableSymbols.delete(tableSymbols.keys().next().value as string);
    }
    tableSymbols.set(key, symbol);
  }
  return symbol;
}

function scalarSymbol(language: any, type: TableColumnType): any {
  const scalarTypes = language.Symbols.ScalarTypes;
  switch (type) {
    case 'string': return scalarTypes.String;
    case 'int': return scalarTypes.Int;
    case 'long': return scalarTypes.Long;
    case 'real': return scalarTypes.Real;
    case 'boolean': return scalarTypes.Bool;
    case 'datetime': return scalarTypes.DateTime;
    case 'dynamic': return scalarTypes.Dynamic;
    case 'guid': return scalarTypes.Guid;
  }
}

function functionSymbol(language: any, definition: KqlFunctionInput): any {
  const symbols = language.Symbols;
  const parameters = definition.parameters.map(
    (parameter) => new symbols.Parameter.$ctor2(parameter.name, scalarSymbol(language, parameter.type)),
  );
  return new symbols.FunctionSymbol.$ctor5(definition.name, scalarSymbol(language, definition.returnType), parameters);
}

function severityOf(severity: string): KqlSeverity {
  switch (severity) {
    case 'Error': return 'error';
    case 'Warning': return 'warning';
    case 'Suggestion': return 'suggestion';
    default: return 'information';
  }
}

/** 1-based line and column of an offset in the analyzed text. */
export function positionOf(code: any, offset: number): { line: number; column: number } {
  const line = { v: 0 };
  const column = { v: 0 };
  if (code.TryGetLineAndOffset(offset, line, column)) {
    return { line: line.v, column: column.v };
  }
  return { line: 1, column: offset + 1 };
}

/**
 * Parses and analyzes `text` with the Kusto language service against the given tables and functions.
 *
 * The language service loads on the first call (about a second); later calls on small queries take milliseconds.
 */
export function analyzeKql(text: string, context: KqlAnalysisContext): KqlAnalysis {
  const language = kusto();
  const symbols = language.Symbols;
  const members: any[] = context.tables.map((table) => tableSymbol(symbols, table));
  for (const definition of context.functions ?? []) {
    members.push(functionSymbol(language, definition));
  }
  const database = new symbols.DatabaseSymbol.$ctor2('sentinel', null, members);
  const globals = language.GlobalState.Default.WithDatabase(database);
  const code = language.KustoCode.ParseAndAnalyze(text, globals);

  const found = listItems(code.GetDiagnostics());
  // Walked only when needed: analysis is on the emulator's per-query path.
  const selfRenames = found.some((diagnostic: any) => String(diagnostic.Code) === SELF_RENAME_CODE)
    ? selfRenameStarts(language, code) : new Set<number>();
  const diagnostics = found.map((diagnostic: any): KqlDiagnostic => {
    const selfRename = String(diagnostic.Code) === SELF_RENAME_CODE && selfRenames.has(diagnostic.Start);
    return {
      ...positionOf(code, diagnostic.Start),
      start: diagnostic.Start,
      length: diagnostic.Length,
      severity: selfRename ? 'warning' : severityOf(String(diagnostic.Severity)),
      code: String(diagnostic.Code ?? ''),
      message: selfRename ? `${String(diagnostic.Message)} Renaming a column to its own name changes nothing, and Kusto's engine `
        + 'runs it (Microsoft\'s content has such renames); the language service\'s error is a warning here.' : String(diagnostic.Message),
    };
  });
  const resultType = code.ResultType;
  const resultColumns = resultType !== null && resultType !== undefined && resultType.Columns !== undefined
    ? listItems(resultType.Columns).map((column: any): KqlResultColumn => ({ name: column.Name, type: column.Type.Name }))
    : [];
  return { text, diagnostics, resultColumns, code };
}
