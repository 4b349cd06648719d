import { kustoTypeName, positionOf } from '../analyze';
import { checkTransformation, TransformationCode } from '../check-transformation';
import { ColumnDefinition } from '../../tables/table-schema';
import { ResultColumn, Row } from '../values';
import {
  Clock, ColumnBinding, CompileContext, composeSteps, constantEvaluator, markColumnReader, Tabular,
} from './compile-context';
import { compileQueryBlock, compileTabular } from './compile-tabular';
import { NotEmulatedError, TransformationNotSupportedError } from './errors';
import { namedPropertySetter, namedRowBuilder } from './named-properties';
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

  /**
   * {@link apply} for a row that is already typed: each value null or of its column's type, no member that is
   * not an input column (the rows the emulator makes itself of syslog and CEF events, and of validated records).
   * A transformation that only filters then returns the row itself, not a copy (rows are not changed once made, so
   * a stored row may be shared); a null or empty value it holds reads as the missing column would.
   */
  applyToTypedRow(row: Row): Row | undefined;
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

/** How a transformation makes its output rows. */
interface RowMaking {
  /** The output row of an input row that passed. */
  readonly build: (row: Row) => Row;
  /** True when an input row of typed values, with no empty one and no other member, is its own output row. */
  readonly typedRowIsOutput: boolean;
}

/**
 * Makes the output rows. A column with no value (null, or empty text: a string column holds no null) is left out
 * of the row, which reads as null (`""` for text) all the same (see {@link Row}); rows stay small when a wide
 * table has few columns filled, as CEF events in `CommonSecurityLog` do. Rows are built by generated code with
 * named stores (see named-properties.ts), so they stay fast objects however many columns they hold.
 *
 * When every output column is an input column passed on unchanged (a transformation that only filters), the row's
 * own members are visited instead of every column of the table; when, moreover, the output has every input column,
 * a row already typed is its own output (see {@link CompiledTransformation.applyToTypedRow}).
 */
function rowMaking(result: Tabular, input: Tabular, outputColumns: readonly ResultColumn[]): RowMaking {
  const byName = new Map(result.columns.map((column) => [column.name, column]));
  const inputByName = new Map(input.columns.map((column) => [column.name, column]));
  const outputs = outputColumns.map((column) => ({
    name: column.name,
    read: byName.get(column.name)?.read ?? constantEvaluator(null),
    convert: converterTo(column.type),
    set: namedPropertySetter(column.name),
  }));
  const passedOn = outputColumns.length > 0 && outputColumns.every((column) => {
    const inputColumn = inputByName.get(column.name);
    return inputColumn !== undefined && inputColumn.type === column.type && inputColumn.read === byName.get(column.name)?.read;
  });
  if (passedOn) {
    const byMember = new Map(outputs.map((output) => [output.name, output]));
    return {
      typedRowIsOutput: outputColumns.length === input.columns.length,
      build: (row) => {
        const output: Row = {};
        for (const member in row) {
          const column = byMember.get(member);
          if (column !== undefined) {
            const value = column.convert(column.read(row));
            if (value !== null && value !== '') {
              column.set(output, value);
            }
          }
        }
        return output;
      },
    };
  }
  return {
    typedRowIsOutput: false,
    build: namedRowBuilder(outputs.map((output) => output.name), outputs.map(({ read, convert }) => (row: Row) => convert(read(row))), true),
  };
}

function buildTransformation(result: Tabular, input: Tabular, outputColumns: ResultColumn[], clock: Clock): CompiledTransformation {
  const passes = composeSteps(result.steps);
  const { build, typedRowIsOutput } = rowMaking(result, input, outputColumns);
  const source = result.source;
  if (source === undefined) {
    const apply = (row: Row) => {
      clock.reset();
      return passes(row) ? build(row) : undefined;
    };
    return {
      outputColumns,
      apply,
      applyToTypedRow: typedRowIsOutput ? (row) => {
        clock.reset();
        return passes(row) ? row : undefined;
      } : apply,
    };
  }
  // `print` (or another source of its own): the record is not read; the first row that passes is the output.
  const apply = () => {
    clock.reset();
    for (const row of source.rows()) {
      if (passes(row)) {
        return build(row);
      }
    }
    return undefined;
  };
  return { outputColumns, apply, applyToTypedRow: apply };
}
