import { compileKqlRegex, escapeRegex } from '../regular-expressions';

/** One element of a `parse` pattern: a constant, `*`, or a column with its type. */
export type ParsePart =
  | { readonly kind: 'constant'; readonly text: string }
  | { readonly kind: 'anything' }
  | { readonly kind: 'column'; readonly type: string };

/** The `kind=` of a `parse`. */
export type ParseKind = 'simple' | 'relaxed' | 'regex';

/** Finds the columns' texts in a text: column `i` at index `i + 1` (as a regular expression's groups), or null. */
export type ParseMatcher = (text: string) => ArrayLike<string | undefined> | null;

/**
 * Compiles a `parse` pattern into a matcher. The pattern means a regular expression that must match the whole text:
 * `*` and text columns match as few characters as possible (not across a line break, except with `kind=regex`),
 * `int`/`long` columns digits, `real` columns a number.
 *
 * `match` is undefined when the regular expression (`source`) does not compile.
 */
export function compileParsePattern(parts: readonly ParsePart[], kind: ParseKind, flags = ''): { source: string; match?: ParseMatcher } {
  const anything = kind === 'regex' ? '.*?' : '[^\\n]*?';
  let pattern = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'anything':
        pattern += anything;
        break;
      case 'column':
        pattern += kind === 'relaxed' ? `(${anything})` : `(${columnPattern(part.type, anything)})`;
        break;
      default:
        pattern += kind === 'regex' ? `(?:${part.text})` : escapeRegex(part.text);
    }
  }
  // A pattern that ends with text matching as few characters as possible can only end at the end of the text: matching
  // as many is the same match, and the engine then scans instead of trying the end after every character.
  if (kind !== 'regex' && pattern.endsWith(`(${anything})`)) {
    pattern = `${pattern.slice(0, -anything.length - 2)}(${anything.slice(0, -1)})`;
  } else if (kind !== 'regex' && pattern.endsWith(anything)) {
    pattern = pattern.slice(0, -1);
  }
  const source = `^${pattern}$`;
  const regex = compileKqlRegex(source, flags);
  if (regex === undefined) {
    return { source };
  }
  return { source, match: (text) => regex.exec(text)?.groups ?? null };
}

/** The regular expression of a typed column: digits for integers, a number for reals, else like `*`. */
function columnPattern(type: string, anything: string): string {
  switch (type) {
    case 'int': case 'long': return '-?\\d+';
    case 'real': case 'decimal': return '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
    default: return anything;
  }
}
