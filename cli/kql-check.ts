import { parseArgs } from 'node:util';
import { analyzeKql, KqlDiagnostic, KqlResultColumn } from '../model/kql/analyze';
import { checkTransformation } from '../model/kql/check-transformation';
import { microsoftStreamSchema, tableNameOfOutputStream, WORKSPACE_TRANSFORMATION_STREAM_PREFIX } from '../model/streams';
import { builtInTable, builtInTableNames, queryableBuiltInTables } from '../model/tables/builtin-tables';
import { ColumnDefinition, isTableColumnType, TABLE_COLUMN_TYPES, TableSchema } from '../model/tables/table-schema';
import { CommandIo, readArgumentFile, UsageError } from './command-io';

export const KQL_CHECK_USAGE = `Usage: sentinel-cdk kql check --input <stream or table> [--output <table>] [options] [FILE|-]

Checks a DCR transformation (or, with --query, a Log Analytics query) with Microsoft's Kusto language
service and prints its diagnostics as FILE:LINE:COL SEVERITY MESSAGE, then the result columns.
Exits 0 when there is no error, 1 when there are errors, 2 on a usage error or a FILE that cannot be read.

  --input NAME            the input stream or table: Microsoft-Syslog, Syslog, Microsoft-CommonSecurityLog,
                          CommonSecurityLog, a known table, Microsoft-Table-<Table> (a workspace transformation of
                          a known table, which writes it), or any name with --columns (e.g. Custom-MyApp)
  --columns LIST          columns of a custom input stream: name:type,name:type,...
  --output TABLE          the destination table the result must match (default: the input's own table
                          for a Microsoft- stream, none otherwise)
  --output-columns LIST   columns of a custom destination table: name:type,...
  --query                 check a query over the known tables instead of a transformation
  FILE                    the KQL file; - or nothing reads standard input

Types: ${TABLE_COLUMN_TYPES.join(', ')}.
Known tables: ${builtInTableNames().join(', ')};
with --query also ${sentinelManagedTableNames().join(', ')}, which Sentinel fills itself.`;

/** The tables a query may read that no transformation writes. */
function sentinelManagedTableNames(): string[] {
  const ingestion = new Set(builtInTableNames());
  return queryableBuiltInTables().map((table) => table.tableName).filter((name) => !ingestion.has(name));
}

/** Parses `name:type,name:type` into columns, naming the bad entry. */
export function parseColumnList(option: string, list: string): ColumnDefinition[] {
  return list.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '').map((entry) => {
    const [name, type, ...rest] = entry.split(':').map((part) => part.trim());
    if (name === undefined || name === '' || type === undefined || rest.length > 0) {
      throw new UsageError(`${option}: "${entry}" is not name:type`);
    }
    if (!isTableColumnType(type)) {
      throw new UsageError(`${option}: "${entry}" has an unknown type "${type}"; expected one of ${TABLE_COLUMN_TYPES.join(', ')}`);
    }
    return { name, type };
  });
}

/**
 * A table or stream the model knows: a built-in table, an agent stream (`Microsoft-Syslog`), or what a workspace
 * transformation reads (`Microsoft-Table-<Table>`: the table itself, which it also writes).
 */
function knownTable(name: string): TableSchema | undefined {
  if (name.startsWith(WORKSPACE_TRANSFORMATION_STREAM_PREFIX)) {
    return builtInTable(name.slice(WORKSPACE_TRANSFORMATION_STREAM_PREFIX.length));
  }
  return builtInTable(name) ?? microsoftStreamSchema(name);
}

function formatColumns(columns: readonly KqlResultColumn[]): string {
  const width = Math.max(...columns.map((column) => column.name.length));
  return columns.map((column) => `  ${column.name.padEnd(width)}  ${column.type}`).join('\n');
}

/** `sentinel-cdk kql check`: returns the exit code. */
export function runKqlCheck(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'input': { type: 'string' },
      'columns': { type: 'string' },
      'output': { type: 'string' },
      'output-columns': { type: 'string' },
      'query': { type: 'boolean', default: false },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(KQL_CHECK_USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    throw new UsageError(`expected at most one FILE, got ${positionals.join(' ')}`);
  }
  const file = positionals[0] ?? '-';
  if (file === '-' && io.stdinIsTerminal()) {
    throw new UsageError('no FILE given and standard input is a terminal; pass a file or pipe the KQL in');
  }
  const fileLabel = file === '-' ? '<stdin>' : file;
  const text = file === '-' ? io.readStdin() : readArgumentFile(file);
  if (text.trim() === '') {
    throw new UsageError(`${fileLabel} holds no KQL`);
  }

  let diagnostics: KqlDiagnostic[];
  let resultColumns: KqlResultColumn[];
  if (values.query) {
    const analysis = analyzeKql(text, { tables: queryableBuiltInTables() });
    diagnostics = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning');
    resultColumns = analysis.resultColumns;
  } else {
    const inputName = values.input;
    if (inputName === undefined) {
      throw new UsageError('--input is required: the stream or table the transformation reads (e.g. Microsoft-Syslog)');
    }
    const inputColumns = values.columns !== undefined
      ? parseColumnList('--columns', values.columns)
      : knownTable(inputName)?.columns.filter((column) => column.reserved !== true);
    if (inputColumns === undefined) {
      throw new UsageError(`--input: "${inputName}" is not a stream or table the model knows (${builtInTableNames().join(', ')}); ` +
        'give its columns with --columns name:type,...');
    }
    const outputName = values.output ?? (values.columns === undefined ? inputName : undefined);
    let outputTable: TableSchema | undefined;
    if (values['output-columns'] !== undefined) {
      const tableName = outputName === undefined ? 'output' : tableNameOfOutputStream(outputName) ?? outputName;
      outputTable = { tableName, columns: parseColumnList('--output-columns', values['output-columns']) };
    } else if (outputName !== undefined) {
      outputTable = knownTable(outputName) ?? knownTable(tableNameOfOutputStream(outputName) ?? outputName);
      if (outputTable === undefined) {
        throw new UsageError(`--output: "${outputName}" is not a table the model knows (${builtInTableNames().join(', ')}); ` +
          'give its columns with --output-columns name:type,...');
      }
    }
    const check = checkTransformation(text, { inputColumns, outputTable });
    diagnostics = [...check.errors, ...check.warnings].sort((a, b) => a.start - b.start);
    resultColumns = check.resultColumns;
  }

  for (const diagnostic of diagnostics) {
    io.stdout(`${fileLabel}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.message} (${diagnostic.code})`);
  }
  const errorCount = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (errorCount > 0) {
    io.stderr(`${errorCount} error${errorCount === 1 ? '' : 's'} in ${fileLabel}`);
    return 1;
  }
  io.stdout(`Result columns (${resultColumns.length}):\n${formatColumns(resultColumns)}`);
  return 0;
}
