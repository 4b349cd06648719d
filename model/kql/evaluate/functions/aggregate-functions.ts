import { KqlValue, Row } from '../../values';
import { Evaluator } from '../compile-context';
import { compareValues, groupKey } from '../value-comparison';
import { toReal } from '../value-conversions';
import { asDynamicMember } from './dynamic-functions';

/**
 * Aggregation functions of `summarize` (KQL reference, "Aggregation functions"). Null values are ignored ("Null
 * values and aggregation functions"); over no values, `count`/`dcount` give 0 and the others null.
 */

/** The running state of one aggregate for one group. */
export interface Accumulator {
  add(row: Row): void;
  result(): KqlValue;
}

/** Makes a fresh accumulator for each group, from the compiled arguments of the call. */
export type AggregateFunction = (args: readonly Evaluator[]) => () => Accumulator;

/** A predicate argument (`countif(x > 1)`): only rows where it is true count. */
function when(predicate: Evaluator | undefined, row: Row): boolean {
  return predicate === undefined || predicate(row) === true;
}

function counting(predicateIndex: number | undefined): AggregateFunction {
  return (args) => {
    const predicate = predicateIndex === undefined ? undefined : args[predicateIndex];
    return () => {
      let count = 0;
      return { add: (row) => { if (when(predicate, row)) { count++; } }, result: () => count };
    };
  };
}

function distinctCount(withPredicate: boolean): AggregateFunction {
  return ([value, predicate]) => () => {
    const seen = new Set<string>();
    return {
      add: (row) => {
        if (withPredicate && predicate(row) !== true) {
          return;
        }
        const item = value(row);
        if (item !== null) {
          seen.add(groupKey(item));
        }
      },
      result: () => seen.size,
    };
  };
}

function summing(average: boolean, withPredicate: boolean): AggregateFunction {
  return ([value, predicate]) => () => {
    let total = 0;
    let count = 0;
    return {
      add: (row) => {
        if (withPredicate && predicate(row) !== true) {
          return;
        }
        const number = toReal(value(row));
        if (number !== null) {
          total += number;
          count++;
        }
      },
      result: () => (count === 0 ? null : average ? total / count : total),
    };
  };
}

function extreme(sign: 1 | -1, withPredicate: boolean): AggregateFunction {
  return ([value, predicate]) => () => {
    let best: KqlValue = null;
    return {
      add: (row) => {
        if (withPredicate && predicate(row) !== true) {
          return;
        }
        const item = value(row);
        if (item !== null && (best === null || sign * compareValues(item, best) > 0)) {
          best = item;
        }
      },
      result: () => best,
    };
  };
}

function listing(distinct: boolean): AggregateFunction {
  return ([value, limit]) => () => {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let maximum: number | undefined;
    return {
      add: (row) => {
        if (maximum === undefined) {
          // The default and the largest maxSize of make_list() and make_set() (KQL reference).
          maximum = Math.min(limit === undefined ? 1_048_576 : toReal(limit(row)) ?? 1_048_576, 1_048_576);
        }
        const item = value(row);
        if (item === null || items.length >= maximum) {
          return;
        }
        if (distinct) {
          const key = groupKey(item);
          if (seen.has(key)) {
            return;
          }
          seen.add(key);
        }
        items.push(asDynamicMember(item));
      },
      result: () => items as KqlValue,
    };
  };
}

const takeAny: AggregateFunction = ([value]) => () => {
  let taken: KqlValue = null;
  return {
    add: (row) => {
      if (taken === null) {
        taken = value(row);
      }
    },
    result: () => taken,
  };
};

/**
 * `arg_max(expression, columns...)`/`arg_min`: the columns of the row where the expression is largest/smallest.
 * The arguments are the expression, then a reader per column to keep; the result is the array of the expression's
 * value and the kept columns (summarize spreads it over its output columns).
 */
export function argumentExtreme(sign: 1 | -1): AggregateFunction {
  return ([value, ...columns]) => () => {
    let best: KqlValue = null;
    let kept: KqlValue[] = columns.map(() => null);
    return {
      add: (row) => {
        const item = value(row);
        if (item !== null && (best === null || sign * compareValues(item, best) > 0)) {
          best = item;
          kept = columns.map((column) => column(row));
        }
      },
      result: () => [best, ...kept] as KqlValue,
    };
  };
}

export const AGGREGATE_FUNCTIONS: Readonly<Record<string, AggregateFunction>> = {
  count: counting(undefined),
  countif: counting(0),
  dcount: distinctCount(false),
  count_distinct: distinctCount(false),
  dcountif: distinctCount(true),
  sum: summing(false, false),
  sumif: summing(false, true),
  avg: summing(true, false),
  avgif: summing(true, true),
  min: extreme(-1, false),
  max: extreme(1, false),
  minif: extreme(-1, true),
  maxif: extreme(1, true),
  make_list: listing(false),
  make_set: listing(true),
  take_any: takeAny,
  any: takeAny,
};
