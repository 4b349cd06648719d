/**
 * KQL regular expressions use RE2 syntax; most of it means the same in JavaScript. What differs and is common
 * in queries is translated: leading flag groups `(?i)`, named groups `(?P<name>...)`, `\A`/`\z`, POSIX classes.
 * A pattern that does not compile gives undefined (the KQL functions then return null).
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9', alpha: 'a-zA-Z', ascii: '\\x00-\\x7F', blank: ' \\t', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\s', upper: 'A-Z', word: '\\w',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp | undefined>();
const MAX_CACHED = 500;

/**
 * Compiles an RE2 pattern (as KQL writes it) into a JavaScript regular expression with the given extra flags
 * (`g` for all matches). Results are cached: callers compile constant patterns once, and patterns that come from
 * row values are usually few.
 */
export function compileKqlRegex(pattern: string, flags = ''): RegExp | undefined {
  const key = `${flags}/${pattern}`;
  if (cache.has(key)) {
    const cached = cache.get(key);
    if (cached !== undefined) {
      cached.lastIndex = 0;
    }
    return cached;
  }
  let compiled: RegExp | undefined;
  try {
    let source = pattern;
    let allFlags = flags;
    const leading = /^\(\?([imsU]+)\)/.exec(source);
    if (leading !== null) {
      source = source.slice(leading[0].length);
      for (const flag of leading[1]) {
        if (flag !== 'U' && !allFlags.includes(flag)) {
          allFlags += flag;
        }
      }
    }
    source = source
      .replace(/\(\?P</g, '(?<')
      .replace(/\\A/g, '^')
      .replace(/\\z/g, '$')
      .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negated: string, name: string) => {
        const members = POSIX_CLASSES[name];
        return members === undefined ? whole : negated === '' ? members : whole;
      });
    compiled = new RegExp(source, allFlags);
  } catch {
    compiled = undefined;
  }
  if (cache.size >= MAX_CACHED) {
    cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, compiled);
  return compiled;
}

/** The text with the characters that mean something in a regular expression escaped. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
