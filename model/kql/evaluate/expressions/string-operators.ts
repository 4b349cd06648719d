import { KqlValue } from '../../values';
import { constantOf, Evaluator } from '../compile-context';
import { InvalidRegexError } from '../errors';
import { compileKqlRegex, escapeRegex, kqlRegexProblem } from '../regular-expressions';
import { SyntaxNode } from '../syntax';
import { toKqlString } from '../value-conversions';

/**
 * String operators (KQL reference, "String operators"): `=~ !~`, `contains`, `startswith`, `endswith`, `has`,
 * `hasprefix`, `hassuffix` (each with `!` and `_cs`), `matches regex`, `has_any`, `has_all`. Operands are read as
 * text (a null is `""`). Without `_cs` the match ignores case. `has` matches whole terms: maximal runs of ASCII
 * letters and digits ("What is a term?").
 *
 * A constant right operand is compiled once into a regular expression (or kept as text for the `_cs` forms).
 */

/** A test of a text against a needle known when compiling. */
type TextTest = (text: string) => boolean;

const TERM_CHARACTER = /[A-Za-z0-9]/;

/** A regular expression for `needle` as a term (`has`), a term prefix (`hasprefix`) or a term suffix (`hassuffix`). */
function termRegex(needle: string, bound: 'both' | 'start' | 'end', caseSensitive: boolean): RegExp {
  const first = needle.length > 0 && TERM_CHARACTER.test(needle[0]);
  const last = needle.length > 0 && TERM_CHARACTER.test(needle[needle.length - 1]);
  const before = first && bound !== 'end' ? '(?<![A-Za-z0-9])' : '';
  const after = last && bound !== 'start' ? '(?![A-Za-z0-9])' : '';
  return new RegExp(`${before}${escapeRegex(needle)}${after}`, caseSensitive ? '' : 'i');
}

/** The test for an operator (without its `!`) and a needle. */
function textTest(operator: string, needle: string): TextTest | undefined {
  switch (operator) {
    case '=~': {
      const regex = new RegExp(`^${escapeRegex(needle)}$`, 'i');
      return (text) => regex.test(text);
    }
    case 'contains': {
      const regex = new RegExp(escapeRegex(needle), 'i');
      return (text) => regex.test(text);
    }
    case 'contains_cs': return (text) => text.includes(needle);
    case 'startswith': {
      const regex = new RegExp(`^${escapeRegex(needle)}`, 'i');
      return (text) => regex.test(text);
    }
    case 'startswith_cs': return (text) => text.startsWith(needle);
    case 'endswith': {
      const regex = new RegExp(`${escapeRegex(needle)}$`, 'i');
      return (text) => regex.test(text);
    }
    case 'endswith_cs': return (text) => text.endsWith(needle);
    case 'has': case 'has_cs': {
      const regex = termRegex(needle, 'both', operator === 'has_cs');
      return (text) => regex.test(text);
    }
    case 'hasprefix': case 'hasprefix_cs': {
      const regex = termRegex(needle, 'start', operator === 'hasprefix_cs');
      return (text) => regex.test(text);
    }
    case 'hassuffix': case 'hassuffix_cs': {
      const regex = termRegex(needle, 'end', operator === 'hassuffix_cs');
      return (text) => regex.test(text);
    }
    default: return undefined;
  }
}

/** The operator without its negation: `!has` → `has`, `!~` → `=~`. */
function positiveForm(operator: string): { operator: string; negated: boolean } {
  if (operator === '!~') {
    return { operator: '=~', negated: true };
  }
  return operator.startsWith('!') ? { operator: operator.slice(1), negated: true } : { operator, negated: false };
}

/** The test of a needle that changes per row; the last one built is reused while the needle stays the same. */
function perRowTest(operator: string): (needle: string) => TextTest | undefined {
  let lastNeedle: string | undefined;
  let lastTest: TextTest | undefined;
  return (needle) => {
    if (needle !== lastNeedle) {
      lastNeedle = needle;
      lastTest = textTest(operator, needle);
    }
    return lastTest;
  };
}

/** Compiles a string operator, or returns undefined when `operator` is not one. */
export function compileStringOperator(written: string, left: Evaluator, right: Evaluator, rightNode?: SyntaxNode): Evaluator | undefined {
  const { operator, negated } = positiveForm(written.toLowerCase());
  if (operator === 'matches regex' || operator.replace(/\s+/g, ' ') === 'matches regex') {
    return compileMatchesRegex(left, right, rightNode);
  }
  const constant = constantOf(right);
  if (constant !== undefined) {
    const test = textTest(operator, toKqlString(constant.value));
    if (test === undefined) {
      return undefined;
    }
    return negated ? (row) => !test(toKqlString(left(row))) : (row) => test(toKqlString(left(row)));
  }
  if (textTest(operator, '') === undefined) {
    return undefined;
  }
  const testFor = perRowTest(operator);
  return (row) => {
    const test = testFor(toKqlString(right(row))) as TextTest;
    const result = test(toKqlString(left(row)));
    return negated ? !result : result;
  };
}

/** `text matches regex pattern` (RE2 syntax). */
function compileMatchesRegex(left: Evaluator, right: Evaluator, rightNode: SyntaxNode | undefined): Evaluator {
  const constant = constantOf(right);
  if (constant !== undefined) {
    const pattern = toKqlString(constant.value);
    const problem = kqlRegexProblem(pattern);
    if (problem !== undefined && rightNode !== undefined) {
      throw new InvalidRegexError(pattern, problem, rightNode);
    }
    const regex = compileKqlRegex(pattern);
    return regex === undefined ? () => null : (row) => regex.test(toKqlString(left(row)));
  }
  return (row) => {
    const regex = compileKqlRegex(toKqlString(right(row)));
    return regex === undefined ? null : regex.test(toKqlString(left(row)));
  };
}

/** `text has_any (a, b)` / `has_all`: whether any / all of the terms are in the text (case-insensitive). */
export function compileHasAnyOrAll(all: boolean, left: Evaluator, needles: readonly Evaluator[]): Evaluator {
  const constants = needles.map((needle) => constantOf(needle));
  if (constants.every((constant) => constant !== undefined)) {
    const terms = constants.flatMap((constant) => flatten((constant as { value: KqlValue }).value));
    const tests = terms.map((term) => termRegex(toKqlString(term as KqlValue), 'both', false));
    return all
      ? (row) => {
        const text = toKqlString(left(row));
        return tests.every((regex) => regex.test(text));
      }
      : (row) => {
        const text = toKqlString(left(row));
        return tests.some((regex) => regex.test(text));
      };
  }
  return (row) => {
    const text = toKqlString(left(row));
    const terms = needles.flatMap((needle) => flatten(needle(row)));
    const found = (term: unknown) => termRegex(toKqlString(term as KqlValue), 'both', false).test(text);
    return all ? terms.every(found) : terms.some(found);
  };
}

/** A dynamic array's elements, or the value itself. */
export function flatten(value: KqlValue): unknown[] {
  return Array.isArray(value) ? value : [value];
}
