import { ColumnDefinition, TableColumnType, TableSchema } from '../tables/table-schema';
import { analyzeKql, KqlAnalysis, KqlDiagnostic, KqlSeverity, kustoTypeName, positionOf } from './analyze';
import { kusto } from './language-service';
import { TRANSFORMATION_ONLY_FUNCTIONS } from './transformation-functions';
import {
  MAX_PARSE_COLUMNS, MAX_TRANSFORMATION_CHARACTERS, SUPPORTED_QUERY_OPERATORS, SUPPORTED_SCALAR_FUNCTIONS,
  TRANSFORMATION_SPELLINGS,
} from './transformation-subset';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Codes of the findings this module adds to the language service's own. */
export const TransformationCode = {
  UNSUPPORTED_OPERATOR: 'SCDK001',
  UNSUPPORTED_FUNCTION: 'SCDK002',
  TOO_MANY_PARSE_COLUMNS: 'SCDK003',
  TOO_LONG: 'SCDK004',
  DYNAMIC_LITERAL: 'SCDK005',
  MISSING_TIME_GENERATED: 'SCDK010',
  TIME_GENERATED_NOT_DATETIME: 'SCDK011',
  UNKNOWN_OUTPUT_COLUMN: 'SCDK012',
  OUTPUT_TYPE_MISMATCH: 'SCDK013',
  RESERVED_OUTPUT_COLUMN: 'SCDK014',
  NOT_TABULAR: 'SCDK015',
} as const;

/** What a transformation is checked against. */
export interface TransformationContext {
  /** Columns of the input stream, seen by the query as the table `source`. */
  readonly inputColumns: readonly ColumnDefinition[];

  /**
   * The destination table; its columns are what the result must match.
   *
   * @default - the result is checked for `TimeGenerated` only
   */
  readonly outputTable?: TableSchema;
}

/** The outcome of checking a transformation: the analysis and every finding, ours and the analyzer's. */
export interface TransformationCheck extends KqlAnalysis {
  /** Findings of severity `error`: the transformation would be refused, or would not ingest. */
  readonly errors: KqlDiagnostic[];
  /** Findings of severity `warning`. */
  readonly warnings: KqlDiagnostic[];
}

/** The conversion function that turns a value into a column of this type. */
const CONVERSION: Record<TableColumnType, string> = {
  string: 'tostring', int: 'toint', long: 'tolong', real: 'toreal', boolean: 'tobool', datetime: 'todatetime',
  dynamic: 'parse_json', guid: 'toguid',
};

/**
 * Checks a DCR transformation (`transformKql`): the language service parses and analyzes it against the input
 * stream's columns, our own rules keep it inside the subset Azure supports, and its result columns are matched
 * with the destination table.
 */
export function checkTransformation(transformKql: string, context: TransformationContext): TransformationCheck {
  // Many workspaces often carry the same rules: an identical check is answered from the cache.
  const key = JSON.stringify([transformKql, context.inputColumns, context.outputTable ?? null]);
  const cached = checkCache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const check = runCheck(transformKql, context);
  if (checkCache.size >= MAX_CACHED_CHECKS) {
    checkCache.delete(checkCache.keys().next().value as string);
  }
  checkCache.set(key, check);
  return check;
}

/** Checks kept for identical (transformation, input, output) triples; the oldest goes first. */
const checkCache = new Map<string, TransformationCheck>();
const MAX_CACHED_CHECKS = 1000;

function runCheck(transformKql: string, context: TransformationContext): TransformationCheck {
  const analysis = analyzeKql(transformKql, {
    tables: [{ tableName: 'source', columns: context.inputColumns }],
    functions: TRANSFORMATION_ONLY_FUNCTIONS,
  });
  const findings: KqlDiagnostic[] = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning');
  const hasSyntaxErrors = findings.some((finding) => finding.severity === 'error');
  const add = (start: number, length: number, severity: KqlSeverity, code: string, message: string) =>
    findings.push({ ...positionOf(analysis.code, start), start, length, severity, code, message });

  if (transformKql.length > MAX_TRANSFORMATION_CHARACTERS) {
    add(0, 0, 'error', TransformationCode.TOO_LONG,
      `The transformation has ${transformKql.length} characters; Azure accepts at most ${MAX_TRANSFORMATION_CHARACTERS}.`);
  }
  checkSubset(analysis, add);
  if (!hasSyntaxErrors) {
    checkOutput(analysis, context, add);
  }
  findings.sort((a, b) => a.start - b.start);
  return {
    ...analysis,
    errors: findings.filter((finding) => finding.severity === 'error'),
    warnings: findings.filter((finding) => finding.severity === 'warning'),
  };
}

type AddFinding = (start: number, length: number, severity: KqlSeverity, code: string, message: string) => void;

function nodeClass(element: any): string {
  return String(element.constructor.$$name).replace('Kusto.Language.Syntax.', '');
}

/** Refuses what a per-record transformation cannot run: other operators, other functions, long `parse`. */
function checkSubset(analysis: KqlAnalysis, add: AddFinding): void {
  const syntax = kusto().Syntax;
  const letNames = new Set<string>();
  syntax.SyntaxElement.WalkElements(analysis.code.Syntax, (element: any) => {
    if (!element.IsToken && nodeClass(element) === 'LetStatement') {
      letNames.add(String(element.Name.SimpleName));
    }
  });
  syntax.SyntaxElement.WalkElements(analysis.code.Syntax, (element: any) => {
    if (element.IsToken) {
      return;
    }
    const kind = nodeClass(element);
    if (element instanceof syntax.QueryOperator && !SUPPORTED_QUERY_OPERATORS.has(kind)) {
      const keyword = String(element.GetFirstToken().Text);
      add(element.TextStart, element.Width, 'error', 'SCDK001',
        `The '${keyword}' operator is not supported in a transformation: a transformation runs on each record ` +
        `on its own; use ${[...SUPPORTED_QUERY_OPERATORS.values()].join(', ')}.`);
    } else if (kind === 'FunctionCallExpression') {
      const name = String(element.Name.SimpleName);
      if (!SUPPORTED_SCALAR_FUNCTIONS.has(name) && !letNames.has(name)) {
        const spelling = TRANSFORMATION_SPELLINGS.get(name);
        add(element.TextStart, element.Width, 'error', 'SCDK002', spelling !== undefined
          ? `The function '${name}' is spelled '${spelling}' in a transformation.`
          : `The function '${name}' is not supported in a transformation (see "Supported KQL features in Azure Monitor transformations").`);
      }
    } else if (kind === 'DynamicExpression') {
      add(element.TextStart, element.Width, 'error', 'SCDK005',
        "A dynamic literal is not supported in a transformation; use parse_json('...') instead.");
    } else if (kind === 'ParseOperator') {
      let columns = 0;
      syntax.SyntaxElement.WalkElements(element, (inner: any) => {
        if (!inner.IsToken && nodeClass(inner) === 'NameDeclaration') {
          columns++;
        }
      });
      if (columns > MAX_PARSE_COLUMNS) {
        add(element.TextStart, element.Width, 'error', 'SCDK003',
          `This parse statement extracts ${columns} columns; a transformation allows at most ${MAX_PARSE_COLUMNS} per parse statement. Split it.`);
      }
    }
  });
}

/** Where the query declares each name (its last declaration), to point a finding at where a column is made. */
function declarationsOf(analysis: KqlAnalysis): Map<string, { start: number; length: number }> {
  const syntax = kusto().Syntax;
  const declarations = new Map<string, { start: number; length: number }>();
  syntax.SyntaxElement.WalkElements(analysis.code.Syntax, (element: any) => {
    if (!element.IsToken && nodeClass(element) === 'NameDeclaration') {
      declarations.set(String(element.SimpleName), { start: element.TextStart, length: element.Width });
    }
  });
  return declarations;
}

/** Where the query first names the input stream (`source`), or undefined. */
function sourceReferenceOf(analysis: KqlAnalysis): { start: number; length: number } | undefined {
  const syntax = kusto().Syntax;
  let reference: { start: number; length: number } | undefined;
  syntax.SyntaxElement.WalkElements(analysis.code.Syntax, (element: any) => {
    if (reference === undefined && !element.IsToken && nodeClass(element) === 'NameReference' && String(element.SimpleName) === 'source') {
      reference = { start: element.TextStart, length: element.Width };
    }
  });
  return reference;
}

/** Matches the result columns with the destination table. */
function checkOutput(analysis: KqlAnalysis, context: TransformationContext, add: AddFinding): void {
  const end = analysis.text.trimEnd().length;
  if (analysis.resultColumns.length === 0) {
    add(0, end, 'error', TransformationCode.NOT_TABULAR, 'A transformation must end in a tabular expression over `source` (or `print`).');
    return;
  }
  const declarations = declarationsOf(analysis);
  const sourceReference = sourceReferenceOf(analysis);
  const declarationOf = (name: string) => declarations.get(name) ?? { start: 0, length: 0 };
  const timeGenerated = analysis.resultColumns.find((column) => column.name === 'TimeGenerated');
  if (timeGenerated === undefined) {
    add(end, 0, 'error', TransformationCode.MISSING_TIME_GENERATED,
      "The result has no 'TimeGenerated' column; every table needs it (e.g. `| extend TimeGenerated = now()`).");
  } else if (timeGenerated.type !== 'datetime' && timeGenerated.type !== 'unknown') {
    const at = declarationOf('TimeGenerated');
    add(at.start, at.length, 'error', TransformationCode.TIME_GENERATED_NOT_DATETIME,
      `'TimeGenerated' must be of type datetime, but the result has ${timeGenerated.type}; use todatetime().`);
  }
  const table = context.outputTable;
  if (table === undefined) {
    return;
  }
  const tableColumns = new Map(table.columns.map((candidate) => [candidate.name, candidate]));
  for (const column of analysis.resultColumns) {
    const target = tableColumns.get(column.name);
    const at = declarationOf(column.name);
    if (target === undefined) {
      const caseInsensitive = table.columns.find((candidate) => candidate.name.toLowerCase() === column.name.toLowerCase());
      // Azure accepts the rule and ingestion drops the column, in custom and built-in tables alike ("extra columns are
      // accepted without error, but you pay for ingesting data that isn't stored": data-collection-transformations-create),
      // and Microsoft ships rule and table pairs like that: a warning, at the column's declaration or, for a column
      // passed through from the input stream, at `source`.
      const origin = declarations.has(column.name) ? at : sourceReference ?? at;
      add(origin.start, origin.length, 'warning', TransformationCode.UNKNOWN_OUTPUT_COLUMN,
        `The result column '${column.name}'${declarations.has(column.name) ? '' : ' (from the input stream)'} does not exist ` +
        `in the table '${table.tableName}'` +
        (caseInsensitive !== undefined ? ` (did you mean '${caseInsensitive.name}'? column names are case sensitive)` : '') +
        '; ingestion drops it (billed, not stored). Rename it to a table column, add it to the table, or drop it with project-away.');
      continue;
    }
    if (target.reserved === true) {
      add(at.start, at.length, 'error', TransformationCode.RESERVED_OUTPUT_COLUMN,
        `The column '${column.name}' of '${table.tableName}' is filled by Log Analytics; a transformation cannot write it. Drop it with project-away.`);
      continue;
    }
    const compatibility = typeCompatibility(column.type, target.type);
    if (compatibility !== 'same') {
      add(at.start, at.length, compatibility === 'narrowing' ? 'warning' : 'error', TransformationCode.OUTPUT_TYPE_MISMATCH,
        `The result column '${column.name}' is ${column.type}, but '${table.tableName}.${target.name}' is ${kustoTypeName(target.type)}` +
        (compatibility === 'narrowing' ? ' and values beyond its range would be lost' : '') +
        `; convert it with ${CONVERSION[target.type]}().`);
    }
  }
}

/** How a result column of Kusto type `actual` fits a table column of type `expected`. */
function typeCompatibility(actual: string, expected: TableColumnType): 'same' | 'narrowing' | 'mismatch' {
  const wanted = kustoTypeName(expected);
  if (actual === wanted || actual === 'unknown' || actual === '' || expected === 'dynamic') {
    return 'same';
  }
  if ((actual === 'int' && (wanted === 'long' || wanted === 'real')) || (actual === 'long' && wanted === 'real')) {
    return 'same';
  }
  if (actual === 'long' && wanted === 'int') {
    return 'narrowing';
  }
  return 'mismatch';
}
