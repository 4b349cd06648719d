/**
 * Character codes and classes the syslog and CEF scanners test with `charCodeAt`, so that no scanner needs a regular
 * expression per character.
 */
export const SPACE = 0x20;
export const LINE_FEED = 0x0a;
export const CARRIAGE_RETURN = 0x0d;
export const NUL = 0x00;
export const QUOTATION_MARK = 0x22;
export const PLUS_SIGN = 0x2b;
export const HYPHEN_MINUS = 0x2d;
export const FULL_STOP = 0x2e;
export const COLON = 0x3a;
export const LESS_THAN_SIGN = 0x3c;
export const EQUALS_SIGN = 0x3d;
export const GREATER_THAN_SIGN = 0x3e;
export const LEFT_SQUARE_BRACKET = 0x5b;
export const REVERSE_SOLIDUS = 0x5c;
export const RIGHT_SQUARE_BRACKET = 0x5d;
export const LOW_LINE = 0x5f;
export const DIGIT_ZERO = 0x30;
export const DIGIT_ONE = 0x31;
export const DIGIT_NINE = 0x39;
export const BYTE_ORDER_MARK = 0xfeff;

/** `0`-`9`. */
export function isDigit(code: number): boolean {
  return code >= DIGIT_ZERO && code <= DIGIT_NINE;
}

/** ASCII letters `A`-`Z` and `a`-`z`. */
export function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** ASCII letters and digits (C `isalnum` in the "C" locale). */
export function isAlphanumeric(code: number): boolean {
  return isLetter(code) || isDigit(code);
}

/**
 * The value of the unsigned decimal integer `text[start, end)`, or -1 when that range is empty, holds anything but
 * digits or has more than 15 digits (beyond that a JavaScript number loses integers).
 */
export function decimalValue(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) {
    return -1;
  }
  let value = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < DIGIT_ZERO || code > DIGIT_NINE) {
      return -1;
    }
    value = value * 10 + (code - DIGIT_ZERO);
  }
  return value;
}
