/**
 * The backslash escapes of one syslog or CEF field: for each character that may follow a backslash, what the pair
 * stands for. Indexed by character code, so that unescaping looks up no string keys.
 */
export type BackslashEscapes = readonly (string | undefined)[];

/** Escapes from a plain object: `{ '|': '|', n: '\n' }`. */
export function backslashEscapes(pairs: Readonly<Record<string, string>>): BackslashEscapes {
  const escapes: (string | undefined)[] = [];
  for (const [character, replacement] of Object.entries(pairs)) {
    escapes[character.charCodeAt(0)] = replacement;
  }
  return escapes;
}

/**
 * `text` with each backslash pair of `escapes` replaced by what it stands for; a backslash before any other character,
 * and one at the very end, stays as it is. Text without a backslash is returned as it is, with no copy.
 */
export function unescapeBackslashes(text: string, escapes: BackslashEscapes): string {
  let result = '';
  let copiedUpTo = 0;
  for (let index = text.indexOf('\\'); index >= 0 && index < text.length - 1; index = text.indexOf('\\', index)) {
    const replacement = escapes[text.charCodeAt(index + 1)];
    if (replacement === undefined) {
      index += 1;
    } else {
      result += text.slice(copiedUpTo, index) + replacement;
      index += 2;
      copiedUpTo = index;
    }
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}
