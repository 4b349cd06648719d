import { analyzeKql, KqlDiagnostic, kustoTypeName, positionOf } from '../analyze';
import { listItems } from '../language-service';
import { ColumnDefinition } from '../../tables/table-schema';
import { KqlValue, ResultColumn, Row } from '../values';
import { Clock, CompileContext, fromRelation, materialize, Tabular } from './compile-context';
import { compileQueryBlock, compileTabular } from './compile-tabular';
import { EvaluationCode, KqlQueryError, NotEmulatedError } from './errors';
import { converterTo } from './value-conversions';

/* eslint-disable @typescript-eslint/no-explicit-any */

export { KqlQueryError } from './errors';
export type { KqlQueryInnerCode } from './errors';

/** A table a query can read: its name, its columns, and its rows in arrival order. */
export interface QueryTable {
  readonly tableName: string;
  readonly columns: readonly ColumnDefinition[];
  rows(): Iterable<Row>;
}

/** The result of a query, shaped like a table of the query API's response (spec 6.2): rows are arrays in column order. */
export interface QueryResult {
  /** Columns with their KQL type names (`string`, `long`, `datetime`, `dynamic`, ...). */
  readonly columns: ResultColumn[];
  readonly rows: KqlValue[][];
  /** True when the result was cut at `maxRows`. */
  readonly truncated?: boolean;
}

/** Options of {@link runQuery}. */
export interface RunQueryOptions {
  /**
   * The time of `now()` and `ago()`, fixed for the whole query.
   *
   * @default - the system clock when the query starts
   */
  readonly now?: Date;

  /**
   * At most this many rows are returned.
   *
   * @default 500000 (the query API's limit)
   */
  readonly maxRows?: number;
}

/** The query API returns at most this many rows (Azure Monitor service limits). */
export const DEFAULT_MAX_ROWS = 500_000;


function located(diagnostic: Pick<KqlDiagnostic, 'line' | 'column' | 'message'>): string {
  return `Line ${diagnostic.line}, position ${diagnostic.column}: ${diagnostic.message}`;
}

/**
 * Runs a KQL query over tables, as the Log Analytics query API does: parsed and analyzed by the language service
 * against the tables' columns, then compiled into closures and run.
 *
 * Supports the transformation subset (`where`, `extend`, `project`, `project-away`, `project-rename`, `parse`,
 * `print`, `let`) plus `take`/`limit`, `count`, `summarize ... by` (count, countif, dcount, sum, avg, min, max,
 * make_list, make_set, take_any, ...), `order by`/`sort by`, `top`, `distinct`, `union`, `getschema`, `datatable`,
 * `toscalar()` and `in (subquery)`.
 *
 * @throws KqlQueryError `BadArgumentError` with inner code `SyntaxError` when the text does not parse, and
 *   `SemanticError` when it does not analyze (unknown table or column, wrong types) or uses what the emulator does
 *   not run (the message names it, e.g. the `join` operator)
 */
export function runQuery(query: string, tables: readonly QueryTable[], options: RunQueryOptions = {}): QueryResult {
  const analysis = analyzeKql(query, { tables: tables.map(({ tableName, columns }) => ({ tableName, columns })) });
  const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    const syntaxErrors = listItems(analysis.code.GetSyntaxDiagnostics())
      .filter((diagnostic: any) => String(diagnostic.Severity) === 'Error');
    throw new KqlQueryError(syntaxErrors.length > 0 ? 'SyntaxError' : 'SemanticError', located(errors[0]), errors);
  }
  const now = options.now ?? new Date();
  const byName = new Map(tables.map((table) => [table.tableName, table]));
  const context: CompileContext = {
    mode: 'query',
    clock: new Clock(() => now),
    bindings: new Map(),
    resolveTable: (tableName) => {
      const table = byName.get(tableName);
      return table === undefined ? undefined : fromRelation({
        columns: table.columns.map((column) => ({ name: column.name, type: kustoTypeName(column.type) })),
        rows: () => table.rows(),
      });
    },
    compileTabular,
  };
  let result: Tabular | undefined;
  try {
    result = compileQueryBlock(analysis.code.Syntax, context);
  } catch (error) {
    if (error instanceof NotEmulatedError) {
      const start = Number(error.node.TextStart);
      const diagnostic: KqlDiagnostic = {
        ...positionOf(analysis.code, start), start, length: Number(error.node.Width), severity: 'error',
        code: EvaluationCode.NOT_EMULATED, message: error.message,
      };
      throw new KqlQueryError('SemanticError', located(diagnostic), [diagnostic]);
    }
    throw error;
  }
  if (result === undefined) {
    const diagnostic: KqlDiagnostic = {
      line: 1, column: 1, start: 0, length: 0, severity: 'error', code: EvaluationCode.NOT_EMULATED,
      message: 'The query has no tabular expression to return.',
    };
    throw new KqlQueryError('SemanticError', located(diagnostic), [diagnostic]);
  }
  return collect(result, options.maxRows ?? DEFAULT_MAX_ROWS);
}

/** Runs the compiled query and keeps up to `maxRows` rows as arrays. */
function collect(result: Tabular, maxRows: number): QueryResult {
  const relation = result.source === undefined ? undefined : materialize(result);
  const columns = result.columns.map(({ name, type }) => ({ name, type }));
  const converters = columns.map((column) => converterTo(column.type));
  const rows: KqlValue[][] = [];
  let truncated = false;
  for (const row of relation?.rows() ?? []) {
    if (rows.length >= maxRows) {
      truncated = true;
      break;
    }
    rows.push(columns.map((column, index) => converters[index](row[column.name])));
  }
  return truncated ? { columns, rows, truncated } : { columns, rows };
}
