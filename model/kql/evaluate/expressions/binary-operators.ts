import { KqlTimespan, KqlValue } from '../../values';
import { Evaluator } from '../compile-context';
import { kqlCompare, kqlEquals } from '../value-comparison';

/**
 * Arithmetic, comparison, equality and logical operators (KQL reference, "Numerical operators", "Logical
 * operators", "Datetime / timespan arithmetic"). A null operand gives null; `==` and `!=` follow "Equality and
 * inequality of null values"; `and`/`or` are three-valued.
 */

const NUMBER_TYPES = new Set(['int', 'long', 'real', 'decimal']);

/** True when both operands are numbers by their analyzer types, so the fast path needs no type checks. */
function bothNumeric(leftType: string, rightType: string): boolean {
  return NUMBER_TYPES.has(leftType) && NUMBER_TYPES.has(rightType);
}

/** `+` on values of any type. */
function add(left: KqlValue, right: KqlValue): KqlValue {
  if (typeof left === 'number' && typeof right === 'number') {
    return left + right;
  }
  if (left instanceof Date && right instanceof KqlTimespan) {
    return new Date(left.getTime() + right.milliseconds);
  }
  if (left instanceof KqlTimespan && right instanceof Date) {
    return new Date(right.getTime() + left.milliseconds);
  }
  if (left instanceof KqlTimespan && right instanceof KqlTimespan) {
    return new KqlTimespan(left.milliseconds + right.milliseconds);
  }
  return null;
}

/** `-` on values of any type: datetime - datetime is a timespan. */
function subtract(left: KqlValue, right: KqlValue): KqlValue {
  if (typeof left === 'number' && typeof right === 'number') {
    return left - right;
  }
  if (left instanceof Date && right instanceof Date) {
    return new KqlTimespan(left.getTime() - right.getTime());
  }
  if (left instanceof Date && right instanceof KqlTimespan) {
    return new Date(left.getTime() - right.milliseconds);
  }
  if (left instanceof KqlTimespan && right instanceof KqlTimespan) {
    return new KqlTimespan(left.milliseconds - right.milliseconds);
  }
  return null;
}

function multiply(left: KqlValue, right: KqlValue): KqlValue {
  if (typeof left === 'number' && typeof right === 'number') {
    return left * right;
  }
  if (left instanceof KqlTimespan && typeof right === 'number') {
    return new KqlTimespan(left.milliseconds * right);
  }
  if (typeof left === 'number' && right instanceof KqlTimespan) {
    return new KqlTimespan(left * right.milliseconds);
  }
  return null;
}

/** `/`: integer division (truncating, null on zero) when the result type is an integer type. */
function divide(integer: boolean): (left: KqlValue, right: KqlValue) => KqlValue {
  return (left, right) => {
    if (typeof left === 'number' && typeof right === 'number') {
      if (integer) {
        return right === 0 ? null : Math.trunc(left / right);
      }
      return left / right;
    }
    if (left instanceof KqlTimespan && right instanceof KqlTimespan) {
      return right.milliseconds === 0 ? null : left.milliseconds / right.milliseconds;
    }
    if (left instanceof KqlTimespan && typeof right === 'number') {
      return right === 0 ? null : new KqlTimespan(left.milliseconds / right);
    }
    return null;
  };
}

function modulo(left: KqlValue, right: KqlValue): KqlValue {
  if (typeof left === 'number' && typeof right === 'number') {
    return right === 0 ? null : left % right;
  }
  if (left instanceof KqlTimespan && right instanceof KqlTimespan) {
    return right.milliseconds === 0 ? null : new KqlTimespan(left.milliseconds % right.milliseconds);
  }
  return null;
}

/** An operator that gives null when either operand is null. */
function nullPropagating(left: Evaluator, right: Evaluator, apply: (left: KqlValue, right: KqlValue) => KqlValue): Evaluator {
  return (row) => {
    const leftValue = left(row);
    if (leftValue === null) {
      return null;
    }
    const rightValue = right(row);
    return rightValue === null ? null : apply(leftValue, rightValue);
  };
}

/** Compiles `+ - * / %`; number operands by their types get a path without type checks. */
export function compileArithmetic(operator: string, left: Evaluator, right: Evaluator, leftType: string, rightType: string,
  resultType: string): Evaluator | undefined {
  const numeric = bothNumeric(leftType, rightType);
  const integer = resultType === 'int' || resultType === 'long';
  switch (operator) {
    case '+':
      return numeric ? nullPropagating(left, right, (a, b) => (a as number) + (b as number)) : nullPropagating(left, right, add);
    case '-':
      return numeric ? nullPropagating(left, right, (a, b) => (a as number) - (b as number)) : nullPropagating(left, right, subtract);
    case '*':
      return numeric ? nullPropagating(left, right, (a, b) => (a as number) * (b as number)) : nullPropagating(left, right, multiply);
    case '/':
      return nullPropagating(left, right, divide(integer));
    case '%':
      return nullPropagating(left, right, modulo);
    default:
      return undefined;
  }
}

/** Compiles `< <= > >=`: null when either side is null. */
export function compileComparison(operator: string, left: Evaluator, right: Evaluator, leftType: string,
  rightType: string): Evaluator | undefined {
  const test = operator === '<' ? (order: number) => order < 0
    : operator === '<=' ? (order: number) => order <= 0
      : operator === '>' ? (order: number) => order > 0
        : operator === '>=' ? (order: number) => order >= 0 : undefined;
  if (test === undefined) {
    return undefined;
  }
  if (bothNumeric(leftType, rightType)) {
    switch (operator) {
      case '<': return nullPropagating(left, right, (a, b) => (a as number) < (b as number));
      case '<=': return nullPropagating(left, right, (a, b) => (a as number) <= (b as number));
      case '>': return nullPropagating(left, right, (a, b) => (a as number) > (b as number));
      default: return nullPropagating(left, right, (a, b) => (a as number) >= (b as number));
    }
  }
  return (row) => {
    const order = kqlCompare(left(row), right(row));
    return order === null ? null : test(order);
  };
}

/** Compiles `==` and `!=`; text operands are never null, so text compares with `===` directly. */
export function compileEquality(operator: string, left: Evaluator, right: Evaluator, leftType: string,
  rightType: string): Evaluator | undefined {
  const negate = operator === '!=' || operator === '<>';
  if (operator !== '==' && !negate) {
    return undefined;
  }
  if (leftType === 'string' && rightType === 'string') {
    return negate ? (row) => left(row) !== right(row) : (row) => left(row) === right(row);
  }
  if (bothNumeric(leftType, rightType)) {
    return (row) => {
      const leftValue = left(row);
      const rightValue = right(row);
      if (leftValue === null || rightValue === null) {
        return leftValue === rightValue ? null : negate;
      }
      return negate ? leftValue !== rightValue : leftValue === rightValue;
    };
  }
  return (row) => {
    const equal = kqlEquals(left(row), right(row));
    return equal === null ? null : negate ? !equal : equal;
  };
}

/** Compiles `and` and `or` with short-circuit and three-valued logic (null is neither true nor false). */
export function compileLogical(operator: string, left: Evaluator, right: Evaluator): Evaluator | undefined {
  if (operator === 'and') {
    return (row) => {
      const leftValue = left(row);
      if (leftValue === false) {
        return false;
      }
      const rightValue = right(row);
      if (rightValue === false) {
        return false;
      }
      return leftValue === true && rightValue === true ? true : null;
    };
  }
  if (operator === 'or') {
    return (row) => {
      const leftValue = left(row);
      if (leftValue === true) {
        return true;
      }
      const rightValue = right(row);
      if (rightValue === true) {
        return true;
      }
      return leftValue === false && rightValue === false ? false : null;
    };
  }
  return undefined;
}
