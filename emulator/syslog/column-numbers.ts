import { DIGIT_ZERO, FULL_STOP, HYPHEN_MINUS, PLUS_SIGN, isDigit } from './character-codes';

/** Range of a KQL `int` (32 bits). */
const MIN_INT = -2_147_483_648;
const MAX_INT = 2_147_483_647;

/** The largest `long` magnitudes, as digits: 2^63 - 1, and 2^63 for a negative value. */
const MAX_POSITIVE_LONG_DIGITS = '9223372036854775807';
const MAX_NEGATIVE_LONG_DIGITS = '9223372036854775808';

/** Digits of the longest `long`. */
const MAX_LONG_DIGITS = 19;

/** Digits below which a sum of digits is exact in a JavaScript number. */
const MAX_EXACT_DIGITS = 15;

/**
 * An optional sign then decimal digits, as a number; undefined for anything else or more than `maxDigits` digits.
 * Up to 15 digits the sum is exact; longer ones are read by Number (values.ts: beyond 2^53 a long loses precision).
 */
function integerValue(text: string, maxDigits: number): number | undefined {
  const length = text.length;
  let index = 0;
  const sign = text.charCodeAt(0);
  if (sign === PLUS_SIGN || sign === HYPHEN_MINUS) {
    index = 1;
  }
  const digits = length - index;
  if (digits === 0 || digits > maxDigits) {
    return undefined;
  }
  let value = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) {
      return undefined;
    }
    value = value * 10 + (code - DIGIT_ZERO);
  }
  if (digits > MAX_EXACT_DIGITS) {
    value = Number(text.slice(length - digits));
  }
  return sign === HYPHEN_MINUS ? -value : value;
}

/** The value of a KQL `int` column: a decimal integer from -2^31 to 2^31-1, else undefined. */
export function intValue(text: string): number | undefined {
  const value = integerValue(text, 10);
  return value === undefined || value < MIN_INT || value > MAX_INT ? undefined : value;
}

/**
 * The value of a KQL `long` column: a decimal integer from -2^63 to 2^63-1 (checked on the digits, since a number
 * cannot tell 2^63-1 from 2^63), else undefined.
 */
export function longValue(text: string): number | undefined {
  const value = integerValue(text, MAX_LONG_DIGITS);
  if (value === undefined) {
    return undefined;
  }
  const negative = text.charCodeAt(0) === HYPHEN_MINUS;
  const digits = negative || text.charCodeAt(0) === PLUS_SIGN ? text.slice(1) : text;
  if (digits.length === MAX_LONG_DIGITS && digits > (negative ? MAX_NEGATIVE_LONG_DIGITS : MAX_POSITIVE_LONG_DIGITS)) {
    return undefined;
  }
  return value;
}

/** The index after the digits that start at `start`. */
function digitsEnd(text: string, start: number): number {
  let index = start;
  while (isDigit(text.charCodeAt(index))) {
    index++;
  }
  return index;
}

/**
 * The value of a KQL `real` column: a decimal number `[sign]digits[.digits][e[sign]digits]` (or `.5`), else
 * undefined; hexadecimal, `Infinity`, `NaN` and surrounding spaces are not numbers here.
 */
export function realValue(text: string): number | undefined {
  const length = text.length;
  let index = 0;
  const sign = text.charCodeAt(0);
  if (sign === PLUS_SIGN || sign === HYPHEN_MINUS) {
    index = 1;
  }
  const integerEnd = digitsEnd(text, index);
  let mantissaDigits = integerEnd - index;
  index = integerEnd;
  if (text.charCodeAt(index) === FULL_STOP) {
    const fractionEnd = digitsEnd(text, index + 1);
    mantissaDigits += fractionEnd - index - 1;
    index = fractionEnd;
  }
  if (mantissaDigits === 0) {
    return undefined;
  }
  const exponent = text.charCodeAt(index);
  if (exponent === 0x45 || exponent === 0x65) {
    let exponentStart = index + 1;
    const exponentSign = text.charCodeAt(exponentStart);
    if (exponentSign === PLUS_SIGN || exponentSign === HYPHEN_MINUS) {
      exponentStart++;
    }
    const exponentEnd = digitsEnd(text, exponentStart);
    if (exponentEnd === exponentStart) {
      return undefined;
    }
    index = exponentEnd;
  }
  if (index !== length) {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
