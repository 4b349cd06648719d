import { KqlTimespan, KqlValue } from '../../values';
import { EPOCH_OFFSET_MILLISECONDS, toLong, toReal } from '../value-conversions';
import { converted1, ScalarFunction } from './scalar-function';

/** Mathematical and bitwise functions (KQL reference, "Mathematical functions", "Binary functions"). */

/**
 * `bin(value, roundTo)` (alias `floor`): rounds down to a multiple of `roundTo`. Numbers with a number; datetimes
 * with a timespan, counted from 0001-01-01 as KQL counts ticks (so `7d` bins start on Mondays); timespans with
 * a timespan. Null when `roundTo` is not positive.
 */
export function bin(value: KqlValue, roundTo: KqlValue): KqlValue {
  if (value === null || roundTo === null) {
    return null;
  }
  if (value instanceof Date) {
    const size = roundTo instanceof KqlTimespan ? roundTo.milliseconds : null;
    if (size === null || size <= 0) {
      return null;
    }
    const sinceYearOne = value.getTime() + EPOCH_OFFSET_MILLISECONDS;
    return new Date(Math.floor(sinceYearOne / size) * size - EPOCH_OFFSET_MILLISECONDS);
  }
  if (value instanceof KqlTimespan) {
    const size = roundTo instanceof KqlTimespan ? roundTo.milliseconds : toReal(roundTo);
    return size === null || size <= 0 ? null : new KqlTimespan(Math.floor(value.milliseconds / size) * size);
  }
  const number = toReal(value);
  const size = toReal(roundTo);
  if (number === null || size === null || size <= 0) {
    return null;
  }
  return Math.floor(number / size) * size;
}

const binFunction: ScalarFunction = (call) => {
  const [value, roundTo] = call.args;
  if (call.args.length === 1) {
    return (row) => {
      const number = toReal(value(row));
      return number === null ? null : Math.floor(number);
    };
  }
  return (row) => bin(value(row), roundTo(row));
};

/** A function of numbers that gives null when an argument is null or not a number. */
function numeric(apply: (...values: number[]) => number): ScalarFunction {
  return (call) => {
    const args = call.args;
    if (args.length === 1) {
      return converted1(toReal, apply)(call);
    }
    return (row) => {
      const values: number[] = [];
      for (const argument of args) {
        const value = toReal(argument(row));
        if (value === null) {
          return null;
        }
        values.push(value);
      }
      return apply(...values);
    };
  };
}

/** `round(number [, precision])`: half away from zero. */
function round(value: number, precision = 0): number {
  const factor = 10 ** Math.trunc(precision);
  return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
}

/** Bitwise functions work on 64-bit integers. */
function bitwise(apply: (left: bigint, right: bigint) => bigint): ScalarFunction {
  return (call) => {
    const [first, second] = call.args;
    return (row) => {
      const left = toLong(first(row));
      const right = toLong(second(row));
      return left === null || right === null ? null : Number(BigInt.asIntN(64, apply(BigInt(left), BigInt(right))));
    };
  };
}

export const MATH_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  bin: binFunction,
  floor: binFunction,
  abs: (call) => {
    const [argument] = call.args;
    return (row) => {
      const value = argument(row);
      if (value instanceof KqlTimespan) {
        return new KqlTimespan(Math.abs(value.milliseconds));
      }
      const number = toReal(value);
      return number === null ? null : Math.abs(number);
    };
  },
  ceiling: numeric(Math.ceil),
  exp: numeric(Math.exp),
  exp10: numeric((value) => 10 ** value),
  exp2: numeric((value) => 2 ** value),
  log: numeric((value) => (value < 0 ? Number.NaN : Math.log(value))),
  log10: numeric((value) => (value < 0 ? Number.NaN : Math.log10(value))),
  log2: numeric((value) => (value < 0 ? Number.NaN : Math.log2(value))),
  pow: numeric((base, exponent) => base ** exponent),
  sqrt: numeric((value) => (value < 0 ? Number.NaN : Math.sqrt(value))),
  sign: numeric(Math.sign),
  round: numeric(round),
  isfinite: converted1(toReal, Number.isFinite),
  isinf: converted1(toReal, (value) => value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY),
  isnan: converted1(toReal, Number.isNaN),
  binary_and: bitwise((left, right) => left & right),
  binary_or: bitwise((left, right) => left | right),
  binary_xor: bitwise((left, right) => left ^ right),
  binary_shift_left: bitwise((left, right) => (right < 0n || right > 63n ? 0n : left << right)),
  binary_shift_right: bitwise((left, right) => (right < 0n || right > 63n ? 0n : left >> right)),
  binary_not: converted1(toLong, (value) => Number(BigInt.asIntN(64, ~BigInt(value)))),
};
