import {
  EQUALS_SIGN, HYPHEN_MINUS, LEFT_SQUARE_BRACKET, QUOTATION_MARK, REVERSE_SOLIDUS, RIGHT_SQUARE_BRACKET, SPACE,
} from './character-codes';
import { ParseResult, failed, parsed } from './parse-result';
import { backslashEscapes, unescapeBackslashes } from './unescape-backslashes';

/** One SD-ELEMENT of RFC 5424 §6.3.1: `[exampleSDID@32473 iut="3" eventSource="Application"]`. */
export interface StructuredDataElement {
  /** SD-ID, e.g. `timeQuality` or `exampleSDID@32473`. */
  id: string;
  /** SD-PARAMs, unescaped; a name given twice keeps its last value. */
  parameters: Record<string, string>;
}

/** RFC 5424 §6.3.2/§6.3.3 SD-NAME: 1 or more PRINTUSASCII characters except `=`, SP, `]` and `"`. */
function isNameCharacter(code: number): boolean {
  return code > SPACE && code < 0x7f && code !== EQUALS_SIGN && code !== RIGHT_SQUARE_BRACKET && code !== QUOTATION_MARK;
}

/** The index after the SD-NAME starting at `start` (equal to `start` when there is none). */
function nameEnd(line: string, start: number): number {
  let index = start;
  while (isNameCharacter(line.charCodeAt(index))) {
    index++;
  }
  return index;
}

/**
 * RFC 5424 §6.3.3: inside PARAM-VALUE, `\"`, `\\` and `\]` stand for `"`, `\` and `]`; a backslash before any other
 * character is a backslash.
 */
const PARAMETER_VALUE_ESCAPES = backslashEscapes({ '"': '"', '\\': '\\', ']': ']' });

/** A PARAM-VALUE with its escapes (RFC 5424 §6.3.3) replaced. */
export function unescapeParameterValue(text: string): string {
  return unescapeBackslashes(text, PARAMETER_VALUE_ESCAPES);
}

/**
 * RFC 5424 §6.3: STRUCTURED-DATA at `start`, either the NILVALUE `-` (an empty list) or one or more SD-ELEMENTs
 * `"[" SD-ID *(SP SD-PARAM) "]"` with SD-PARAM `PARAM-NAME "=" %d34 PARAM-VALUE %d34`. A `]` left unescaped inside a
 * quoted value is taken as text. `next` is the index after the last element.
 */
export function parseStructuredData(line: string, start: number): ParseResult<StructuredDataElement[]> {
  if (line.charCodeAt(start) === HYPHEN_MINUS) {
    return parsed([], start + 1);
  }
  if (line.charCodeAt(start) !== LEFT_SQUARE_BRACKET) {
    return failed(start, 'STRUCTURED-DATA: "-" or "["');
  }
  const elements: StructuredDataElement[] = [];
  let index = start;
  while (line.charCodeAt(index) === LEFT_SQUARE_BRACKET) {
    const idEnd = nameEnd(line, index + 1);
    if (idEnd === index + 1) {
      return failed(index + 1, 'an SD-ID');
    }
    const element: StructuredDataElement = { id: line.slice(index + 1, idEnd), parameters: Object.create(null) };
    index = idEnd;
    while (line.charCodeAt(index) === SPACE) {
      const parameterNameEnd = nameEnd(line, index + 1);
      if (parameterNameEnd === index + 1) {
        return failed(index + 1, 'a PARAM-NAME');
      }
      if (line.charCodeAt(parameterNameEnd) !== EQUALS_SIGN || line.charCodeAt(parameterNameEnd + 1) !== QUOTATION_MARK) {
        return failed(parameterNameEnd, '="');
      }
      const valueStart = parameterNameEnd + 2;
      let valueEnd = valueStart;
      let escaped = false;
      for (let code = line.charCodeAt(valueEnd); code !== QUOTATION_MARK; code = line.charCodeAt(valueEnd)) {
        if (valueEnd >= line.length) {
          return failed(valueEnd, 'the closing " of a PARAM-VALUE');
        }
        if (code === REVERSE_SOLIDUS) {
          escaped = true;
          valueEnd++;
        }
        valueEnd++;
      }
      const value = line.slice(valueStart, valueEnd);
      element.parameters[line.slice(index + 1, parameterNameEnd)] = escaped ? unescapeParameterValue(value) : value;
      index = valueEnd + 1;
    }
    if (line.charCodeAt(index) !== RIGHT_SQUARE_BRACKET) {
      return failed(index, 'SP SD-PARAM or "]"');
    }
    elements.push(element);
    index++;
  }
  return parsed(elements, index);
}
