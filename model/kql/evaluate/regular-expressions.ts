import { Matcher, RE2JS } from 're2js';

/**
 * KQL regular expressions are RE2 (Kusto docs, "RE2 syntax"): linear in the text, no backreferences, no lookaround,
 * its own flags (`(?i)`, `(?s)`, `(?m)`, `(?U)`), named groups `(?P<name>...)`, `\A`/`\z`, POSIX classes. They run
 * here on re2js, a port of RE2 (Go's regexp engine, itself RE2's) to JavaScript: a pattern means what it means in
 * Azure, and no pattern can take longer than linear time. A pattern RE2 refuses is undefined here (the KQL
 * functions then return null; transformations are refused at load by {@link kqlRegexProblem}).
 */

/** One match: where it starts and ends, and each group's text (undefined when the group took no part). */
export interface KqlRegexMatch {
  readonly index: number;
  readonly end: number;
  /** Group 0 is the whole match. */
  readonly groups: ReadonlyArray<string | undefined>;
}

/** A compiled RE2 pattern. */
export class KqlRegex {
  constructor(
    /** The pattern as written. */
    public readonly source: string,
    private readonly compiled: RE2JS,
  ) {}

  /** Whether the pattern matches anywhere in the text. */
  public test(text: string): boolean {
    return this.compiled.matcher(text).find();
  }

  /** The first match, or null. */
  public exec(text: string): KqlRegexMatch | null {
    const matcher = this.compiled.matcher(text);
    return matcher.find() ? matchOf(matcher) : null;
  }

  /** Every match, left to right, without overlap; an empty match moves on by one character. */
  public *matches(text: string): Iterable<KqlRegexMatch> {
    const matcher = this.compiled.matcher(text);
    while (matcher.find()) {
      yield matchOf(matcher);
    }
  }

  /** The text with every match replaced by `rewrite`, where `\0` is the match and `\1`...`\9` its groups. */
  public replaceAll(text: string, rewrite: string): string {
    let result = '';
    let last = 0;
    for (const match of this.matches(text)) {
      result += text.slice(last, match.index)
        + rewrite.replace(/\\(\d)/g, (_whole, digit: string) => match.groups[Number(digit)] ?? '');
      last = match.end;
    }
    return result + text.slice(last);
  }
}

function matchOf(matcher: Matcher): KqlRegexMatch {
  const groups: Array<string | undefined> = [];
  for (let group = 0; group <= matcher.groupCount(); group++) {
    groups.push(matcher.group(group) ?? undefined);
  }
  return { index: matcher.start(), end: matcher.end(), groups };
}

/** Compiled patterns by flags and text: constant patterns compile once, and patterns from row values are few. */
const cache = new Map<string, KqlRegex | string>();
const MAX_CACHED = 500;

/** The flags `parse kind=regex flags=...` takes, as RE2 writes them inline. */
const FLAG_LETTERS = /^[imsU]*$/;

function compiled(pattern: string, flags: string): KqlRegex | string {
  const key = `${flags}/${pattern}`;
  let entry = cache.get(key);
  if (entry === undefined) {
    try {
      if (!FLAG_LETTERS.test(flags)) {
        throw new Error(`the flags '${flags}' are not RE2's (i, m, s, U)`);
      }
      entry = new KqlRegex(pattern, RE2JS.compile(flags === '' ? pattern : `(?${flags})${pattern}`));
    } catch (error) {
      entry = (error as Error).message;
    }
    if (cache.size >= MAX_CACHED) {
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(key, entry);
  }
  return entry;
}

/** Compiles an RE2 pattern (as KQL writes it) with RE2 flags (`i`, `m`, `s`, `U`); undefined when RE2 refuses it. */
export function compileKqlRegex(pattern: string, flags = ''): KqlRegex | undefined {
  const entry = compiled(pattern, flags);
  return typeof entry === 'string' ? undefined : entry;
}

/** Why RE2 refuses a pattern (its parser's message), or undefined when it compiles. */
export function kqlRegexProblem(pattern: string, flags = ''): string | undefined {
  const entry = compiled(pattern, flags);
  return typeof entry === 'string' ? entry : undefined;
}

/** The text with the characters that mean something in a regular expression escaped (RE2 and JavaScript alike). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
