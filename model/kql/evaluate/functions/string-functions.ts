import { createHash } from 'node:crypto';
import { KqlValue, Row } from '../../values';
import { InvalidRegexError } from '../errors';
import { compileKqlRegex, KqlRegex, kqlRegexProblem } from '../regular-expressions';
import { converterTo, toKqlString, toLong } from '../value-conversions';
import { constantArgument, ScalarCall, ScalarFunction } from './scalar-function';
import { syntaxClass } from '../syntax';

/** String functions (KQL reference, "String functions"). Text arguments go through `tostring()` first. */

/** The most times `strrep()` repeats a text. */
export const MAX_STRREP_MULTIPLIER = 1024;

/** Length in Unicode characters (code points), as KQL counts them. */
function characterLength(text: string): number {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text).length : text.length;
}

/** The regular expression of argument `index`: compiled once when constant, else per distinct value. */
function regexArgument(call: ScalarCall, index: number): (row: Row) => KqlRegex | undefined {
  const constant = constantArgument(call, index);
  if (constant !== undefined) {
    const pattern = toKqlString(constant.value);
    const problem = kqlRegexProblem(pattern);
    if (problem !== undefined) {
      throw new InvalidRegexError(pattern, problem, call.argumentNodes[index]);
    }
    const compiled = compileKqlRegex(pattern);
    return () => compiled;
  }
  const argument = call.args[index];
  return (row) => compileKqlRegex(toKqlString(argument(row)));
}

/** `extract(regex, captureGroup, source [, typeof(T)])`: the group of the first match, or null (`""` as text). */
/** `isnotempty()` and its alias `notempty()`. */
const isNotEmpty: ScalarFunction = (call) => {
  const [argument] = call.args;
  return (row) => {
    const value = argument(row);
    return value !== null && value !== '';
  };
};

const extract: ScalarFunction = (call) => {
  const pattern = regexArgument(call, 0);
  const [, group, source] = call.args;
  const typeNode = call.argumentNodes[3];
  const convert = typeNode !== undefined && syntaxClass(typeNode) === 'TypeOfLiteralExpression'
    ? converterTo(call.resultType) : undefined;
  return (row) => {
    const regex = pattern(row);
    const index = toLong(group(row));
    if (regex === undefined || index === null) {
      return convert === undefined ? '' : null;
    }
    const match = regex.exec(toKqlString(source(row)));
    const text = match === null ? undefined : match.groups[index];
    if (text === undefined) {
      return convert === undefined ? '' : null;
    }
    return convert === undefined ? text : convert(text);
  };
};

/** `extract_all(regex, [captureGroups,] source)`: every match, as texts (one group) or arrays (several). */
const extractAll: ScalarFunction = (call) => {
  const pattern = regexArgument(call, 0);
  const groupsArgument = call.args.length === 3 ? call.args[1] : undefined;
  const source = call.args[call.args.length - 1];
  return (row) => {
    const regex = pattern(row);
    if (regex === undefined) {
      return null;
    }
    const text = toKqlString(source(row));
    const requested = groupsArgument === undefined ? undefined : groupsArgument(row);
    const matches: unknown[] = [];
    for (const { groups: found } of regex.matches(text)) {
      const groups = Array.isArray(requested) ? requested.map((group) => toLong(group as KqlValue) ?? 0)
        : found.length > 1 ? found.slice(1).map((_, index) => index + 1) : [0];
      matches.push(groups.length === 1 ? (found[groups[0]] ?? '') : groups.map((group) => found[group] ?? ''));
    }
    return matches.length === 0 ? null : matches;
  };
};

/** `countof(source, search [, kind])`: occurrences of a text (overlapping) or matches of a regex (`kind="regex"`). */
const countof: ScalarFunction = (call) => {
  const [source, search] = call.args;
  const kind = call.args.length > 2 ? toKqlString(constantArgument(call, 2)?.value ?? 'normal') : 'normal';
  if (kind === 'regex') {
    const pattern = regexArgument(call, 1);
    return (row) => {
      const regex = pattern(row);
      if (regex === undefined) {
        return null;
      }
      let count = 0;
      for (const _match of regex.matches(toKqlString(source(row)))) {
        count++;
      }
      return count;
    };
  }
  return (row) => {
    const text = toKqlString(source(row));
    const needle = toKqlString(search(row));
    if (needle === '') {
      return 0;
    }
    let count = 0;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  };
};

/** `indexof(source, lookup [, start [, length [, occurrence]]])`: zero-based position, -1 when not found. */
const indexof: ScalarFunction = (call) => {
  const [source, lookup, startArgument, lengthArgument, occurrenceArgument] = call.args;
  return (row) => {
    const text = toKqlString(source(row));
    const needle = toKqlString(lookup(row));
    let start = startArgument === undefined ? 0 : toLong(startArgument(row));
    const length = lengthArgument === undefined ? -1 : toLong(lengthArgument(row));
    const occurrence = occurrenceArgument === undefined ? 1 : toLong(occurrenceArgument(row));
    if (start === null || length === null || occurrence === null || occurrence < 1) {
      return null;
    }
    if (start < 0) {
      start = Math.max(0, text.length + start);
    }
    if (start > text.length) {
      return -1;
    }
    const end = length < 0 ? text.length : Math.min(text.length, start + length);
    let found = start - 1;
    for (let seen = 0; seen < occurrence; seen++) {
      found = text.indexOf(needle, found + 1);
      if (found < 0 || found + needle.length > end) {
        return -1;
      }
    }
    return found;
  };
};

/** `substring(source, start [, length])`: zero-based, clamped to the text. */
const substring: ScalarFunction = (call) => {
  const [source, startArgument, lengthArgument] = call.args;
  return (row) => {
    const text = toKqlString(source(row));
    let start = toLong(startArgument(row));
    let length = lengthArgument === undefined ? text.length : toLong(lengthArgument(row));
    if (start === null || length === null) {
      return '';
    }
    if (start < 0) {
      length += start;
      start = 0;
    }
    return length <= 0 ? '' : text.substr(start, length);
  };
};

/** `split(source, delimiter [, index])`: the parts as an array; with an index, an array of that one part. */
const split: ScalarFunction = (call) => {
  const [source, delimiter, indexArgument] = call.args;
  return (row) => {
    const text = toKqlString(source(row));
    const separator = toKqlString(delimiter(row));
    const parts = separator === '' ? [text] : text.split(separator);
    if (indexArgument === undefined) {
      return parts;
    }
    const index = toLong(indexArgument(row));
    if (index === null) {
      return null;
    }
    const part = parts[index < 0 ? parts.length + index : index];
    return part === undefined ? [] : [part];
  };
};

/** `strcat(a, b, ...)`: the texts of the arguments, joined. */
const strcat: ScalarFunction = (call) => {
  const parts = call.args;
  if (parts.length === 2) {
    const [first, second] = parts;
    return (row) => toKqlString(first(row)) + toKqlString(second(row));
  }
  return (row) => {
    let text = '';
    for (const part of parts) {
      text += toKqlString(part(row));
    }
    return text;
  };
};

/** `strcat_delim(delimiter, a, b, ...)`. */
const strcatDelim: ScalarFunction = (call) => {
  const [delimiter, ...parts] = call.args;
  return (row) => parts.map((part) => toKqlString(part(row))).join(toKqlString(delimiter(row)));
};

/** `trim(regex, source)`, `trim_start`, `trim_end`: removes leading and/or trailing matches of the regex. */
function trimFunction(leading: boolean, trailing: boolean): ScalarFunction {
  return (call) => {
    const pattern = regexArgument(call, 0);
    const source = call.args[1];
    return (row) => {
      const regex = pattern(row);
      const text = toKqlString(source(row));
      if (regex === undefined) {
        return text;
      }
      const group = `(?:${regex.source})`;
      let result = text;
      if (leading) {
        result = compileKqlRegex(`^${group}+`)?.replaceAll(result, '') ?? result;
      }
      if (trailing) {
        result = compileKqlRegex(`${group}+$`)?.replaceAll(result, '') ?? result;
      }
      return result;
    };
  };
}

/** `replace_regex(source, regex, rewrite)`: every match replaced; `\1` in the rewrite is group 1. */
const replaceRegex: ScalarFunction = (call) => {
  const pattern = regexArgument(call, 1);
  const [source, , rewrite] = call.args;
  return (row) => {
    const regex = pattern(row);
    if (regex === undefined) {
      return '';
    }
    return regex.replaceAll(toKqlString(source(row)), toKqlString(rewrite(row)));
  };
};

/** `replace_string(text, lookup, rewrite)`: every occurrence replaced. */
const replaceString: ScalarFunction = (call) => {
  const [source, lookup, rewrite] = call.args;
  return (row) => {
    const needle = toKqlString(lookup(row));
    const text = toKqlString(source(row));
    return needle === '' ? text : text.split(needle).join(toKqlString(rewrite(row)));
  };
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `base64_decodestring(text)`: the UTF-8 text of base64, empty when the input is not base64 (text has no null). */
function decodeBase64(text: string): string {
  const compact = text.trim();
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    return '';
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Applies a function of the argument's text. */
function ofText(apply: (text: string) => KqlValue): ScalarFunction {
  return (call) => {
    const [argument] = call.args;
    return (row) => apply(toKqlString(argument(row)));
  };
}

export const STRING_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  strlen: ofText(characterLength),
  tolower: ofText((text) => text.toLowerCase()),
  toupper: ofText((text) => text.toUpperCase()),
  reverse: ofText((text) => Array.from(text).reverse().join('')),
  isempty: (call) => {
    const [argument] = call.args;
    return (row) => {
      const value = argument(row);
      return value === null || value === '';
    };
  },
  isnotempty: isNotEmpty,
  notempty: isNotEmpty,
  strcat,
  strcat_delim: strcatDelim,
  substring,
  indexof,
  split,
  countof,
  extract,
  extract_all: extractAll,
  trim: trimFunction(true, true),
  trim_start: trimFunction(true, false),
  trim_end: trimFunction(false, true),
  replace_regex: replaceRegex,
  replace_string: replaceString,
  // "If multiplier is more than the maximal allowed value of 1024, input string will be repeated 1024 times" (KQL
  // reference, strrep()).
  strrep: (call) => {
    const [source, times, delimiter] = call.args;
    return (row) => {
      const count = toLong(times(row));
      return count === null || count < 0 ? ''
        : Array.from({ length: Math.min(count, MAX_STRREP_MULTIPLIER) }, () => toKqlString(source(row)))
          .join(delimiter === undefined ? '' : toKqlString(delimiter(row)));
    };
  },
  base64_encodestring: ofText((text) => Buffer.from(text, 'utf8').toString('base64')),
  base64_encode_tostring: ofText((text) => Buffer.from(text, 'utf8').toString('base64')),
  base64_decodestring: ofText(decodeBase64),
  base64_decode_tostring: ofText(decodeBase64),
  hash_sha256: ofText((text) => createHash('sha256').update(text, 'utf8').digest('hex')),
  url_encode: ofText((text) => encodeURIComponent(text)),
  url_decode: ofText((text) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return '';
    }
  }),
};
