import { KqlValue } from '../../values';
import { constantOf, Evaluator } from '../compile-context';
import { toKqlString } from '../value-conversions';

/**
 * Access into dynamic values (KQL reference, "The dynamic data type"): `d.a.b` and `d['a']` read a member of a
 * bag, `d[0]` an element of an array (`d[-1]` counts from the end). Anything else (a missing member, an index out
 * of range, a member of a non-bag) is null.
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** The member `key` of a bag, or null. */
export function memberOf(value: KqlValue, key: string): KqlValue {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
    && hasOwn.call(value, key)) {
    const member = (value as Record<string, unknown>)[key];
    return member === undefined ? null : member as KqlValue;
  }
  return null;
}

/** The element `index` of an array (negative from the end), or null. */
export function elementOf(value: KqlValue, index: number): KqlValue {
  if (!Array.isArray(value) || !Number.isInteger(index)) {
    return null;
  }
  const element = value[index < 0 ? value.length + index : index];
  return element === undefined ? null : element as KqlValue;
}

/** `value.member` with a member name known when compiling. */
export function compileMemberAccess(value: Evaluator, key: string): Evaluator {
  return (row) => memberOf(value(row), key);
}

/** `value[selector]`: an element when the selector is a number, a member when it is text. */
export function compileElementAccess(value: Evaluator, selector: Evaluator): Evaluator {
  const constant = constantOf(selector);
  if (constant !== undefined) {
    const key = constant.value;
    if (typeof key === 'number') {
      return (row) => elementOf(value(row), key);
    }
    const name = toKqlString(key);
    return (row) => memberOf(value(row), name);
  }
  return (row) => {
    const key = selector(row);
    return typeof key === 'number' ? elementOf(value(row), key) : memberOf(value(row), toKqlString(key));
  };
}
