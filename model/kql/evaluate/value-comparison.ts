import { KqlTimespan, KqlValue } from '../values';

/**
 * Equality, order and grouping keys of values of any KQL type, for the operators that do not know the types of
 * their operands at compile time (dynamic values) and for sort, summarize and distinct.
 */

/** The number behind a value that has one (numbers, datetimes, timespans), or undefined. */
function numericOf(value: KqlValue): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  if (value instanceof KqlTimespan) {
    return value.milliseconds;
  }
  return undefined;
}

/** True when two non-null values are equal: same number, text, datetime, timespan, boolean or JSON. */
export function valuesEqual(left: KqlValue, right: KqlValue): boolean {
  if (left === right) {
    return true;
  }
  if (left === null || right === null) {
    return false;
  }
  if (typeof left === 'number' || typeof right === 'number') {
    return typeof left === 'number' && typeof right === 'number' && left === right;
  }
  if (left instanceof Date || left instanceof KqlTimespan) {
    return left.constructor === right.constructor && numericOf(left) === numericOf(right);
  }
  if (typeof left === 'object' && typeof right === 'object') {
    return JSON.stringify(left) === JSON.stringify(right);
  }
  return false;
}

/**
 * KQL `==` on values of any type: null with null is null, null with a value is false (null values, "Equality and
 * inequality of null values").
 */
export function kqlEquals(left: KqlValue, right: KqlValue): boolean | null {
  if (left === null || right === null) {
    return left === null && right === null ? null : false;
  }
  return valuesEqual(left, right);
}

/** Rank of a type in a mixed sort: nulls, then booleans, numbers, datetimes, timespans, text, JSON. */
function typeRank(value: KqlValue): number {
  if (value === null) {
    return 0;
  }
  if (typeof value === 'boolean') {
    return 1;
  }
  if (typeof value === 'number') {
    return 2;
  }
  if (value instanceof Date) {
    return 3;
  }
  if (value instanceof KqlTimespan) {
    return 4;
  }
  return typeof value === 'string' ? 5 : 6;
}

/**
 * Orders two non-null values for sorting: numbers, datetimes and timespans by value, text by ordinal comparison,
 * booleans false first, values of different types by type (a total order, unlike {@link kqlCompare}).
 */
export function compareValues(left: KqlValue, right: KqlValue): number {
  if (typeof left === 'number' && typeof right === 'number') {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (typeof left === 'string' && typeof right === 'string') {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const leftRank = typeRank(left);
  const rightRank = typeRank(right);
  if (leftRank !== rightRank) {
    return leftRank - rightRank;
  }
  const leftNumber = numericOf(left);
  const rightNumber = numericOf(right);
  if (leftNumber !== undefined && rightNumber !== undefined) {
    return leftNumber < rightNumber ? -1 : leftNumber > rightNumber ? 1 : 0;
  }
  if (typeof left === 'boolean' && typeof right === 'boolean') {
    return Number(left) - Number(right);
  }
  const leftText = JSON.stringify(left);
  const rightText = JSON.stringify(right);
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

/** KQL `<` and friends on values of any type: null if either is null or they are of types that do not order. */
export function kqlCompare(left: KqlValue, right: KqlValue): number | null {
  if (left === null || right === null) {
    return null;
  }
  if (typeof left === 'number' && typeof right === 'number') {
    return Number.isNaN(left) || Number.isNaN(right) ? null : left < right ? -1 : left > right ? 1 : 0;
  }
  const leftNumber = numericOf(left);
  const rightNumber = numericOf(right);
  if (leftNumber !== undefined && rightNumber !== undefined) {
    if (typeof left === 'number' || typeof right === 'number' || left.constructor !== right.constructor) {
      return null;
    }
    return leftNumber < rightNumber ? -1 : leftNumber > rightNumber ? 1 : 0;
  }
  if (typeof left === 'string' && typeof right === 'string') {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  return null;
}

/** A text that is equal for equal values, to group rows (summarize, distinct, dcount, `in` sets). */
export function groupKey(value: KqlValue): string {
  if (typeof value === 'string') {
    return `s${value}`;
  }
  if (typeof value === 'number') {
    return `n${value}`;
  }
  if (value === null || value === undefined) {
    return 'z';
  }
  if (typeof value === 'boolean') {
    return value ? 'b1' : 'b0';
  }
  if (value instanceof Date) {
    return `d${value.getTime()}`;
  }
  if (value instanceof KqlTimespan) {
    return `t${value.milliseconds}`;
  }
  return `j${JSON.stringify(value)}`;
}
