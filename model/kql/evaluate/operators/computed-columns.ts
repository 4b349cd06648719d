import { KqlValue } from '../../values';
import {
  ColumnBinding, constantOf, Evaluator, isColumnReader, markColumnReader, scopeOf, Step, Tabular, withStep,
} from '../compile-context';
import { listElements, SyntaxNode, syntaxClass, tableColumns } from '../syntax';

/**
 * Columns that an operator computes (extend, project, parse, print): each row's values go into slots of one array,
 * owned by the operator, in one step; the new columns read their slot. Constants and plain column reads need no
 * slot: they are passed on as they are.
 */
export class ComputedColumns {
  private readonly values: KqlValue[] = [];
  private readonly evaluators: Evaluator[] = [];
  private readonly slotIndexes: number[] = [];

  /** Adds a column computed by `evaluator`; returns the reader of its value for the current row. */
  public add(evaluator: Evaluator): Evaluator {
    if (constantOf(evaluator) !== undefined || isColumnReader(evaluator)) {
      return evaluator;
    }
    const values = this.values;
    const slot = values.length;
    values.push(null);
    this.evaluators.push(evaluator);
    this.slotIndexes.push(slot);
    return markColumnReader(() => values[slot]);
  }

  /** A slot that the caller's own step fills (parse writes several columns from one match). */
  public slot(): { readonly set: (value: KqlValue) => void; readonly read: Evaluator } {
    const values = this.values;
    const index = values.length;
    values.push(null);
    return { set: (value) => { values[index] = value; }, read: markColumnReader(() => values[index]) };
  }

  /** The step that fills the slots of `add`, in order; undefined when nothing is computed. */
  public step(): Step | undefined {
    const values = this.values;
    const evaluators = [...this.evaluators];
    const slots = [...this.slotIndexes];
    switch (evaluators.length) {
      case 0:
        return undefined;
      case 1: {
        const [first] = evaluators;
        const [slot] = slots;
        return (row) => {
          values[slot] = first(row);
          return true;
        };
      }
      default: {
        const count = evaluators.length;
        return (row) => {
          for (let index = 0; index < count; index++) {
            values[slots[index]] = evaluators[index](row);
          }
          return true;
        };
      }
    }
  }
}

/** One expression of a list like `extend A = x, y`: its declared name (if any) and the expression. */
export interface NamedExpression {
  readonly name: string | undefined;
  readonly expression: SyntaxNode;
}

/** The expressions of an operator's list, with the names declared by `Name = expression`. */
export function namedExpressions(list: SyntaxNode): NamedExpression[] {
  return listElements(list).map((element) => (syntaxClass(element) === 'SimpleNamedExpression'
    ? { name: String(element.Name.SimpleName), expression: element.Expression }
    : { name: undefined, expression: element }));
}

/**
 * The columns the analyzer says an operator keeps (project-away, project-keep, project-reorder), read from the
 * input as they are; nothing is computed.
 */
export function selectColumns(operator: SyntaxNode, input: Tabular): Tabular {
  const scope = scopeOf(input);
  const columns = tableColumns(operator).map((column): ColumnBinding => ({
    ...column, read: (scope.get(column.name) as ColumnBinding).read,
  }));
  return withStep(input, undefined, columns);
}
