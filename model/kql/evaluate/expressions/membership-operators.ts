import { KqlTimespan, KqlValue } from '../../values';
import { constantOf, Evaluator } from '../compile-context';
import { groupKey, kqlCompare } from '../value-comparison';
import { flatten } from './string-operators';

/**
 * `in`, `!in`, `in~`, `!in~` and `between`, `!between` (KQL reference, "in operator", "between operator").
 */

/** One element of the list right of `in`: a scalar (a dynamic array counts as its elements) or a subquery's values. */
export type InListElement = { readonly scalar: Evaluator } | { readonly values: () => readonly KqlValue[] };

function keyOf(caseInsensitive: boolean): (value: KqlValue) => string {
  return caseInsensitive ? (value) => groupKey(typeof value === 'string' ? value.toLowerCase() : value) : groupKey;
}

/**
 * Compiles `left in (list)`. When the list is constant (literals, subquery results) its values go into a set once,
 * and each row costs one lookup; a list of texts compared case-sensitively holds the texts themselves.
 */
export function compileIn(operator: string, left: Evaluator, list: readonly InListElement[]): Evaluator {
  const written = operator.toLowerCase();
  const negated = written.startsWith('!');
  const key = keyOf(written.endsWith('~'));
  const allConstant = list.every((element) => 'values' in element || constantOf(element.scalar) !== undefined);
  if (allConstant) {
    let lookup: ((value: KqlValue) => boolean) | undefined;
    const build = (): ((value: KqlValue) => boolean) => {
      const values = list.flatMap((element) => ('values' in element ? [...element.values()]
        : flatten((constantOf(element.scalar) as { value: KqlValue }).value) as KqlValue[]));
      if (!written.endsWith('~') && values.every((value) => typeof value === 'string')) {
        const texts = new Set(values as string[]);
        return (value) => typeof value === 'string' && texts.has(value);
      }
      if (values.every((value) => typeof value === 'number')) {
        const numbers = new Set(values as number[]);
        return (value) => typeof value === 'number' && numbers.has(value);
      }
      const keys = new Set(values.map((value) => key(value)));
      return (value) => keys.has(key(value));
    };
    return (row) => {
      const value = left(row);
      if (value === null) {
        return negated;
      }
      if (lookup === undefined) {
        lookup = build();
      }
      return lookup(value) !== negated;
    };
  }
  return (row) => {
    const value = left(row);
    if (value === null) {
      return negated;
    }
    const wanted = key(value);
    let found = false;
    for (const element of list) {
      const candidates = 'values' in element ? element.values() : flatten(element.scalar(row)) as KqlValue[];
      if (candidates.some((candidate) => key(candidate) === wanted)) {
        found = true;
        break;
      }
    }
    return found !== negated;
  };
}

/**
 * Compiles `left between (low .. high)`: inclusive on both ends; for datetimes `high` may be a timespan, counted
 * from `low`. Null when an operand is null.
 */
export function compileBetween(operator: string, left: Evaluator, low: Evaluator, high: Evaluator): Evaluator {
  const negated = operator.toLowerCase().startsWith('!');
  return (row) => {
    const value = left(row);
    const from = low(row);
    let to = high(row);
    if (value === null || from === null || to === null) {
      return null;
    }
    if (to instanceof KqlTimespan && from instanceof Date) {
      to = new Date(from.getTime() + to.milliseconds);
    }
    const afterLow = kqlCompare(value, from);
    const beforeHigh = kqlCompare(value, to);
    if (afterLow === null || beforeHigh === null) {
      return null;
    }
    const inside = afterLow >= 0 && beforeHigh <= 0;
    return negated ? !inside : inside;
  };
}
