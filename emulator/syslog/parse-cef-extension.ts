import { DIGIT_NINE, DIGIT_ZERO, EQUALS_SIGN, FULL_STOP, LOW_LINE, SPACE, isLetter } from './character-codes';
import { backslashEscapes, unescapeBackslashes } from './unescape-backslashes';

/** One `key=value` of a CEF extension, the value unescaped. */
export interface CefExtensionField {
  key: string;
  value: string;
}

/** A key starts with a letter or `_` (WithSecure sends `details_alertType`). */
function isKeyStart(code: number): boolean {
  return isLetter(code) || code === LOW_LINE;
}

/** Then letters, digits, `_` and `.` (ArcSight's `ad.` keys). */
function isKeyCharacter(code: number): boolean {
  return isLetter(code) || (code >= DIGIT_ZERO && code <= DIGIT_NINE) || code === LOW_LINE || code === FULL_STOP;
}

/** The index after the key that starts at `start`, or `start` when no key starts there. */
function keyEnd(text: string, start: number): number {
  if (!isKeyStart(text.charCodeAt(start))) {
    return start;
  }
  let index = start + 1;
  while (isKeyCharacter(text.charCodeAt(index))) {
    index++;
  }
  return index;
}

/**
 * Spec 4.6: in an extension value `\=` stands for `=`, `\\` for `\`, and `\n` and `\r` for a line feed and a carriage
 * return. A backslash before any other character is a plain backslash (`\|` stays `\|`: the spec does not escape `|`
 * in extensions), as is a backslash at the very end.
 */
const EXTENSION_VALUE_ESCAPES = backslashEscapes({ '=': '=', '\\': '\\', n: '\n', r: '\r' });

/** An extension value with its escapes (spec 4.6) replaced. */
export function unescapeExtensionValue(text: string): string {
  return unescapeBackslashes(text, EXTENSION_VALUE_ESCAPES);
}

/**
 * Spec 4.6: a CEF extension from `start`, space-separated `key=value` where a value runs until the next ` key=` (so
 * values hold spaces and unescaped `=`: Barracuda's `msg=lang=en` is `msg` with value `lang=en`). One pass over the
 * text: it jumps from space to space with indexOf, the characters after a space are tried as a key, and a key not
 * followed by `=` is value text; no character is looked at twice, no regular expression runs. A backslash escapes
 * no space, so escapes never move a boundary: `\=` cannot end a key, and an unescaped Windows path
 * (`fname=C:\dir\ act=blocked`) still ends at ` act=`.
 *
 * Best-effort as an agent must be: spaces before the first key and after each value are dropped; text before the
 * first `key=` is dropped; a truncated last pair keeps what arrived (`cs1=abc cs2` is `cs1` = `abc cs2`); a key
 * given twice is kept twice, in order.
 */
export function parseCefExtension(text: string, start: number): CefExtensionField[] {
  const fields: CefExtensionField[] = [];
  const length = text.length;
  let index = start;
  while (text.charCodeAt(index) === SPACE) {
    index++;
  }
  if (index >= length) {
    return fields;
  }
  const firstKeyEnd = keyEnd(text, index);
  let key: string | undefined;
  let valueStart = index;
  if (firstKeyEnd > index && text.charCodeAt(firstKeyEnd) === EQUALS_SIGN) {
    key = text.slice(index, firstKeyEnd);
    valueStart = firstKeyEnd + 1;
  }
  for (;;) {
    let position = valueStart;
    let boundary = -1;
    let nextKeyEnd = -1;
    for (let space = text.indexOf(' ', position); space >= 0; space = text.indexOf(' ', position)) {
      const candidateEnd = keyEnd(text, space + 1);
      if (candidateEnd > space + 1 && text.charCodeAt(candidateEnd) === EQUALS_SIGN) {
        boundary = space;
        nextKeyEnd = candidateEnd;
        break;
      }
      position = candidateEnd > space + 1 ? candidateEnd : space + 1;
    }
    if (key !== undefined) {
      let valueEnd = boundary < 0 ? length : boundary;
      while (valueEnd > valueStart && text.charCodeAt(valueEnd - 1) === SPACE) {
        valueEnd--;
      }
      const value = text.slice(valueStart, valueEnd);
      fields.push({ key, value: unescapeExtensionValue(value) });
    }
    if (boundary < 0) {
      return fields;
    }
    key = text.slice(boundary + 1, nextKeyEnd);
    valueStart = nextKeyEnd + 1;
  }
}
