import { positionOf } from '../analyze';
import { checkTransformation, TransformationCode } from '../check-transformation';
import { ColumnDefinition } from '../../tables/table-schema';
import { KqlTimespan, ResultColumn, Row } from '../values';
import {
  Clock, ColumnBinding, CompileContext, composeSteps, constantEvaluator, constantOf, Evaluator, markColumnReader, Tabular,
} from './compile-context';
import { compileQueryBlock, compileTabular } from './compile-tabular';
import { NotEmulatedError, TransformationNotSupportedError } from './errors';
import { converterTo, typedReader, ValueConverter } from './value-conversions';

export { TransformationNotSupportedError } from './errors';

/** A transformation compiled once, applied to each record. */
export interface CompiledTransformation {
  /** The columns of the output rows, with the analyzer's types (`string`, `int`, `datetime`, ...). */
  readonly outputColumns: ResultColumn[];

  /**
   * Applies the transformation to one record: the output row (output columns only, values of their types), or
   * undefined when the transformation drops the record. The input row is not changed.
   */
  apply(row: Row): Row | undefined;
}

/** Options of {@link compileTransformation}. */
export interface CompileTransformationOptions {
  /**
   * The clock of `now()` and `ago()`, read once per record.
   *
   * @default - the system clock
   */
  readonly now?: () => Date;
}

/** Codes of `checkTransformation` that are about the destination table, not about running the transformation. */
const OUTPUT_CODES: ReadonlySet<string> = new Set([
  TransformationCode.MISSING_TIME_GENERATED, TransformationCode.TIME_GENERATED_NOT_DATETIME,
  TransformationCode.UNKNOWN_OUTPUT_COLUMN, TransformationCode.OUTPUT_TYPE_MISMATCH, TransformationCode.RESERVED_OUTPUT_COLUMN,
]);

/** Kusto's names of our column types. */
function kustoType(type: ColumnDefinition['type']): string {
  return type === 'boolean' ? 'bool' : type;
}

/**
 * Compiles a DCR transformation (`transformKql`) over records with the given input columns (the stream
 * declaration), as Azure runs it on each record.
 *
 * The language service parses and analyzes the text (through `checkTransformation`, whose findings refuse what a
 * transformation cannot do); the syntax tree is then compiled once into closures, so `apply` does no parsing and
 * no tree walking. Input values of another type than declared are converted (a datetime sent as ISO text is a
 * datetime); a missing column is null.
 *
 * @throws TransformationNotSupportedError for KQL that does not parse or analyze (the language service's code,
 *   `KS...`), that is outside the transformation subset (`SCDK001`...), or that the emulator does not evaluate
 *   (`SCDK020`)
 */
export function compileTransformation(transformKql: string, inputColumns: readonly ColumnDefinition[],
  options: CompileTransformationOptions = {}): CompiledTransformation {
  const check = checkTransformation(transformKql, { inputColumns });
  const refusal = check.errors.find((error) => !OUTPUT_CODES.has(error.code));
  if (refusal !== undefined) {
    throw new TransformationNotSupportedError(refusal.code, refusal.message, refusal.line, refusal.column);
  }
  const clock = new Clock(options.now ?? (() => new Date()));
  const input: Tabular = {
    source: undefined,
    steps: [],
    columns: inputColumns.map((column): ColumnBinding => ({
      name: column.name, type: kustoType(column.type), read: markColumnReader(typedReader(column.name, kustoType(column.type))),
    })),
  };
  const context: CompileContext = {
    mode: 'transformation',
    clock,
    bindings: new Map(),
    resolveTable: (tableName) => (tableName === 'source' ? input : undefined),
    compileTabular,
  };
  let result: Tabular | undefined;
  try {
    result = compileQueryBlock(check.code.Syntax, context);
  } catch (error) {
    if (error instanceof NotEmulatedError) {
      const { line, column } = positionOf(check.code, error.node.TextStart);
      throw new TransformationNotSupportedError(error.code, `${error.message} (line ${line}, column ${column})`, line, column);
    }
    throw error;
  }
  if (result === undefined) {
    throw new TransformationNotSupportedError(TransformationCode.NOT_TABULAR,
      'A transformation must end in a tabular expression over `source` (or `print`).');
  }
  return buildTransformation(result, check.resultColumns, clock);
}

/**
 * Makes the output rows. Each row starts as a copy of a template that holds every column in order, with the values
 * of the constant columns already in place (copying a template is much cheaper than adding properties one by
 * one); the other columns are then written.
 */
function rowBuilder(result: Tabular, outputColumns: readonly ResultColumn[]): (row: Row) => Row {
  const byName = new Map(result.columns.map((column) => [column.name, column]));
  // JSON.parse makes an object in fast mode whatever its number of properties; adding them one by one may not.
  const template = JSON.parse(JSON.stringify(Object.fromEntries(outputColumns.map((column) => [column.name, null])))) as Row;
  const names: string[] = [];
  const reads: Evaluator[] = [];
  const converters: ValueConverter[] = [];
  for (const column of outputColumns) {
    const read = byName.get(column.name)?.read ?? constantEvaluator(null);
    const convert = converterTo(column.type);
    const constant = constantOf(read);
    const value = constant === undefined ? undefined : convert(constant.value);
    if (value !== undefined && (value === null || typeof value !== 'object' || value instanceof Date || value instanceof KqlTimespan)) {
      template[column.name] = value;
    } else {
      names.push(column.name);
      reads.push(read);
      converters.push(convert);
    }
  }
  const count = names.length;
  return (row) => {
    const output: Row = { ...template };
    for (let index = 0; index < count; index++) {
      output[names[index]] = converters[index](reads[index](row));
    }
    return output;
  };
}

function buildTransformation(result: Tabular, outputColumns: ResultColumn[], clock: Clock): CompiledTransformation {
  const passes = composeSteps(result.steps);
  const build = rowBuilder(result, outputColumns);
  const source = result.source;
  if (source === undefined) {
    return {
      outputColumns,
      apply: (row) => {
        clock.reset();
        return passes(row) ? build(row) : undefined;
      },
    };
  }
  // `print` (or another source of its own): the record is not read; the first row that passes is the output.
  return {
    outputColumns,
    apply: () => {
      clock.reset();
      for (const row of source.rows()) {
        if (passes(row)) {
          return build(row);
        }
      }
      return undefined;
    },
  };
}
