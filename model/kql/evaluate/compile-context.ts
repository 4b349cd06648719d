import { KqlValue, ResultColumn, Row } from '../values';
import { SyntaxNode } from './syntax';
import { namedRowBuilder } from './named-properties';
import { typedReader } from './value-conversions';

/**
 * The shapes the compilers share: an expression compiles to an {@link Evaluator} (a closure over the row being
 * evaluated), a tabular expression to a {@link Tabular} (where its rows come from, the per-row steps that run on
 * each, and a reader per output column).
 */

/** Computes one value for the row being evaluated. */
export type Evaluator = (row: Row) => KqlValue;

/** One per-row step of a pipeline (where, extend, parse, ...): computes its columns; false drops the row. */
export type Step = (row: Row) => boolean;

/** A column in scope, with its analyzer type and the closure that reads it for the current row. */
export interface ColumnBinding {
  readonly name: string;
  readonly type: string;
  readonly read: Evaluator;
}

/** Rows with known columns: a stored table, or the result of an operator that needs all its input (summarize). */
export interface Relation {
  readonly columns: readonly ResultColumn[];
  /** The rows; each call starts over. Rows hold the relation's columns with values of their types. */
  rows(): Iterable<Row>;
}

/**
 * A compiled tabular expression: the rows of `source` (or the record being transformed when undefined) go through
 * `steps`; for each row that passes, `columns` read the values of the result.
 */
export interface Tabular {
  readonly source: Relation | undefined;
  readonly steps: readonly Step[];
  readonly columns: readonly ColumnBinding[];
}

/** What a `let` name, a function parameter or a user function stands for. */
export type Binding =
  | { readonly kind: 'scalar'; readonly evaluate: Evaluator }
  | { readonly kind: 'function'; readonly declaration: SyntaxNode }
  | { readonly kind: 'tabular'; readonly expression: SyntaxNode };

/** Compiles an operator of a pipeline (`| where ...`) applied to the tabular expression before it. */
export type OperatorCompiler = (operator: SyntaxNode, input: Tabular, context: CompileContext) => Tabular;

/** Compiles an aggregate call inside `summarize` into a reader of the group's aggregated value. */
export type AggregateCompiler = (call: SyntaxNode, name: string) => Evaluator;

/** The time that `now()` and `ago()` see: fixed for a whole query, read once per record in a transformation. */
export class Clock {
  private current: Date | undefined;

  constructor(private readonly source: () => Date) {}

  public now(): Date {
    if (this.current === undefined) {
      this.current = this.source();
    }
    return this.current;
  }

  /** Forgets the time read, so that the next `now()` reads the source again (one record to the next). */
  public reset(): void {
    this.current = undefined;
  }
}

/** What the compilers need besides the syntax node. */
export interface CompileContext {
  /** A DCR transformation (per record, input table `source`) or a query (over stored tables). */
  readonly mode: 'transformation' | 'query';
  readonly clock: Clock;
  /** `let` names, parameters and user functions, by the analyzer's symbol (so shadowing resolves as KQL does). */
  readonly bindings: Map<unknown, Binding>;
  /** The rows of a table the query names; undefined if there is no such table. */
  readonly resolveTable: (tableName: string) => Tabular | undefined;
  /** Compiles a tabular expression (subqueries in `toscalar()` and `in`, tabular `let`s). */
  readonly compileTabular: (node: SyntaxNode, context: CompileContext) => Tabular;
  /** Set inside `summarize`: aggregate calls compile through it. */
  readonly aggregates?: AggregateCompiler;
}

/** The columns of a tabular expression by name, as expressions over its rows see them. */
export function scopeOf(tabular: Tabular): Map<string, ColumnBinding> {
  return new Map(tabular.columns.map((column) => [column.name, column]));
}

/** The same rows, one more per-row step, and new output columns. */
export function withStep(tabular: Tabular, step: Step | undefined, columns: readonly ColumnBinding[]): Tabular {
  return { source: tabular.source, steps: step === undefined ? tabular.steps : [...tabular.steps, step], columns };
}

/** Runs several steps in order, stopping at the first that drops the row. */
export function composeSteps(steps: readonly Step[]): Step {
  switch (steps.length) {
    case 0: return () => true;
    case 1: return steps[0];
    case 2: {
      const [first, second] = steps;
      return (row) => first(row) && second(row);
    }
    case 3: {
      const [first, second, third] = steps;
      return (row) => first(row) && second(row) && third(row);
    }
    default: {
      const all = [...steps];
      const count = all.length;
      return (row) => {
        for (let index = 0; index < count; index++) {
          if (!all[index](row)) {
            return false;
          }
        }
        return true;
      };
    }
  }
}

/** A tabular expression over the rows of a relation, whose columns read the row's own values. */
export function fromRelation(relation: Relation): Tabular {
  return {
    source: relation,
    steps: [],
    columns: relation.columns.map((column) => ({
      name: column.name, type: column.type, read: markColumnReader(typedReader(column.name, column.type)),
    })),
  };
}

/** Readers that only read a value already there (a row's member, a computed slot): cheap to call again. */
const columnReaders = new WeakSet<Evaluator>();

/** Marks an evaluator as a plain column reader, so operators pass it on instead of computing it again. */
export function markColumnReader(reader: Evaluator): Evaluator {
  columnReaders.add(reader);
  return reader;
}

/** True when the evaluator only reads a value already there. */
export function isColumnReader(evaluator: Evaluator): boolean {
  return columnReaders.has(evaluator);
}

/**
 * Runs the steps of a tabular expression over its source and keeps the result as a relation; operators that need
 * all rows (summarize, sort, ...) start from it. The rows are produced lazily, each time they are read.
 */
export function materialize(tabular: Tabular): Relation {
  const source = tabular.source;
  if (source === undefined) {
    throw new Error('a transformation has no relation to materialize');
  }
  const columns = tabular.columns.map(({ name, type }) => ({ name, type }));
  const build = namedRowBuilder(tabular.columns.map((column) => column.name), tabular.columns.map((column) => column.read), false);
  const passes = composeSteps(tabular.steps);
  return {
    columns,
    rows: function* rows(): Iterable<Row> {
      for (const row of source.rows()) {
        if (passes(row)) {
          yield build(row);
        }
      }
    },
  };
}

/** The value of a constant evaluator, marked when it was made by {@link constantEvaluator}. */
const constants = new WeakMap<Evaluator, KqlValue>();

/** An evaluator that always gives `value`; compilers fold calls whose arguments are all constant. */
export function constantEvaluator(value: KqlValue): Evaluator {
  const evaluator: Evaluator = () => value;
  constants.set(evaluator, value);
  return evaluator;
}

/** The value of an evaluator made by {@link constantEvaluator}, or undefined when it depends on the row. */
export function constantOf(evaluator: Evaluator): { value: KqlValue } | undefined {
  return constants.has(evaluator) ? { value: constants.get(evaluator) as KqlValue } : undefined;
}

/** A row with no columns, to evaluate constant expressions. */
export const EMPTY_ROW: Row = Object.freeze({}) as Row;
