import { compileKqlRegex, escapeRegex } from '../regular-expressions';

/** One element of a `parse` pattern: a constant, `*`, or a column with its type. */
export type ParsePart =
  | { readonly kind: 'constant'; readonly text: string }
  | { readonly kind: 'anything' }
  | { readonly kind: 'column'; readonly type: string };

/** The `kind=` of a `parse`. */
export type ParseKind = 'simple' | 'relaxed' | 'regex';

/** Finds the columns' texts in a text: one entry per column, or null when the pattern does not match. */
export type ParseMatcher = (text: string) => ArrayLike<string | undefined> | null;

/**
 * Compiles a `parse` pattern into a matcher. The pattern means a regular expression that must match the whole text:
 * `*` and text columns match as few characters as possible (not across a line break, except with `kind=regex`),
 * `int`/`long` columns digits, `real` columns a number.
 *
 * For `simple` and `relaxed` patterns the matcher first tries the regular expression's first path with `indexOf`:
 * each text column ends at the next occurrence of the constant after it, each number column takes every digit. When
 * that path matches, it is the match the regular expression finds (its engine tries exactly this path first); when
 * it does not (a line break inside a column, a constant missing, two columns side by side, ...), the regular
 * expression decides. `match` is undefined when the regular expression (`source`) does not compile.
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
  const fromRegex: ParseMatcher = (text) => {
    const match = regex.exec(text);
    return match === null ? null : match.slice(1);
  };
  const firstPath = kind === 'regex' ? undefined : firstPathMatcher(parts, kind);
  return { source, match: firstPath === undefined ? fromRegex : (text) => firstPath(text) ?? fromRegex(text) };
}

/** The regular expression of a typed column: digits for integers, a number for reals, else like `*`. */
function columnPattern(type: string, anything: string): string {
  switch (type) {
    case 'int': case 'long': return '-?\\d+';
    case 'real': case 'decimal': return '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
    default: return anything;
  }
}

/** A step of the first path: text up to a constant or the end, digits, or a constant. */
type Step =
  | { readonly kind: 'constant'; readonly text: string }
  | { readonly kind: 'text'; readonly capture: boolean; readonly until: string | undefined }
  | { readonly kind: 'digits' };

/**
 * The matcher of the regular expression's first path, or undefined when the pattern has parts this does not follow
 * (a real column, a variable part not followed by a constant or the end). Its result null means "ask the regular
 * expression", not "no match".
 */
function firstPathMatcher(parts: readonly ParsePart[], kind: ParseKind): ((text: string) => string[] | null) | undefined {
  const steps: Step[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const next = parts[index + 1];
    if (part.kind === 'constant') {
      if (part.text !== '') {
        steps.push({ kind: 'constant', text: part.text });
      }
      continue;
    }
    if (next !== undefined && (next.kind !== 'constant' || next.text === '')) {
      return undefined;
    }
    const lazy = part.kind === 'anything' || kind === 'relaxed' || !isNumberType(part.type);
    if (lazy) {
      steps.push({ kind: 'text', capture: part.kind === 'column', until: next?.text });
    } else if (part.kind === 'column' && (part.type === 'int' || part.type === 'long')) {
      steps.push({ kind: 'digits' });
    } else {
      return undefined;
    }
  }
  return (text) => {
    const captures: string[] = [];
    let position = 0;
    for (const step of steps) {
      if (step.kind === 'constant') {
        if (!text.startsWith(step.text, position)) {
          return null;
        }
        position += step.text.length;
      } else if (step.kind === 'text') {
        const end = step.until === undefined ? text.length : text.indexOf(step.until, position);
        if (end < 0) {
          return null;
        }
        const newline = text.indexOf('\n', position);
        if (newline >= 0 && newline < end) {
          return null;
        }
        if (step.capture) {
          captures.push(text.slice(position, end));
        }
        position = end;
      } else {
        let end = position;
        if (text.charCodeAt(end) === 0x2d /* - */) {
          end++;
        }
        const first = end;
        while (end < text.length && isDigit(text.charCodeAt(end))) {
          end++;
        }
        if (end === first) {
          return null;
        }
        captures.push(text.slice(position, end));
        position = end;
      }
    }
    return position === text.length ? captures : null;
  };
}

function isNumberType(type: string): boolean {
  return type === 'int' || type === 'long' || type === 'real' || type === 'decimal';
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
