import { kustoTypeName, positionOf } from '../analyze';
import { checkTransformation, TransformationCode } from '../check-transformation';
import { ColumnDefinition } from '../../tables/table-schema';
import { ResultColumn, Row } from '../values';
import {
  Clock, ColumnBinding, CompileContext, composeSteps, constantEvaluator, markColumnReader, Tabular,
} from './compile-context';
import { compileQueryBlock, compileTabular } from './compile-tabular';
import { NotEmulatedError, TransformationNotSupportedError } from './errors';
import { converterTo, typedReader } from './value-conversions';

export { TransformationNotSupportedError } from './errors';

/** A transformation compiled once, applied to each record. */
export interface CompiledTransformation {
  /** The columns of the output rows, with the analyzer's types (`string`, `int`, `datetime`, ...). */
  readonly outputColumns: ResultColumn[];

  /**
   * Applies the transformation to one record: the output row (output columns only, values of their types; a
   * column with no value, null or empty text, is left out and reads as such), or undefined when the
   * transformation drops the record. The input row is not changed.
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
      name: column.name, type: kustoTypeName(column.type), read: markColumnReader(typedReader(column.name, kustoTypeName(column.type))),
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
  return buildTransformation(result, input, check.resultColumns, clock);
}

/**
 * Makes the output rows. A column with no value (null, or empty text: a string column holds no null) is left out
 * of the row, which reads as null (`""` for text) all the same (see {@link Row}); rows stay small when a wide
 * table has few columns filled, as CEF events in `CommonSecurityLog` do.
 *
 * When every output column is an input column passed on unchanged (a transformation that only filters), the row's
 * own members are visited instead of every column of the table.
 */
function rowBuilder(result: Tabular, input: Tabular, outputColumns: readonly ResultColumn[]): (row: Row) => Row {
  const byName = new Map(result.columns.map((column) => [column.name, column]));
  const inputByName = new Map(input.columns.map((column) => [column.name, column]));
  const outputs = outputColumns.map((column) => ({
    name: column.name,
    read: byName.get(column.name)?.read ?? constantEvaluator(null),
    convert: converterTo(column.type),
  }));
  const passedOn = outputColumns.every((column) => {
    const inputColumn = inputByName.get(column.name);
    return inputColumn !== undefined && inputColumn.type === column.type && inputColumn.read === byName.get(column.name)?.read;
  });
  if (passedOn && outputColumns.length > 0) {
    const byMember = new Map(outputs.map((output) => [output.name, output]));
    return (row) => {
      const output: Row = {};
      for (const member in row) {
        const column = byMember.get(member);
        if (column !== undefined) {
          const value = column.convert(column.read(row));
          if (value !== null && value !== '') {
            output[member] = value;
          }
        }
      }
      return output;
    };
  }
  const names = outputs.map((output) => output.name);
  const reads = outputs.map((output) => output.read);
  const converters = outputs.map((output) => output.convert);
  const count = names.length;
  return (row) => {
    const output: Row = {};
    for (let index = 0; index < count; index++) {
      const value = converters[index](reads[index](row));
      if (value !== null && value !== '') {
        output[names[index]] = value;
      }
    }
    return output;
  };
}

function buildTransformation(result: Tabular, input: Tabular, outputColumns: ResultColumn[], clock: Clock): CompiledTransformation {
  const passes = composeSteps(result.steps);
  const build = rowBuilder(result, input, outputColumns);
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
