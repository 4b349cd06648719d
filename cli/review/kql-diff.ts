import { diffLines } from 'diff';

/** At most this many lines of a diff are shown whole; longer ones keep only the changed lines and their context. */
const WHOLE_DIFF_LINES = 40;
const CONTEXT_LINES = 3;

/**
 * A KQL text with each top-level `|` starting a line, so a diff shows the operator that changed rather than one
 * long line. Pipes inside string literals, comments and brackets stay where they are; the text itself is unchanged
 * apart from line breaks before pipes (the query is not parsed).
 */
export function kqlOperatorLines(kql: string): string {
  let output = '';
  let depth = 0;
  let index = 0;
  while (index < kql.length) {
    const character = kql[index];
    const skipped = skipLiteral(kql, index);
    if (skipped > index) {
      output += kql.slice(index, skipped);
      index = skipped;
      continue;
    }
    if ('([{'.includes(character)) {
      depth += 1;
    } else if (')]}'.includes(character)) {
      depth = Math.max(0, depth - 1);
    }
    if (character === '|' && depth === 0) {
      const trimmed = output.replace(/[ \t]+$/, '');
      output = trimmed === '' || trimmed.endsWith('\n') ? trimmed : `${trimmed}\n`;
    }
    output += character;
    index += 1;
  }
  return output;
}

/** The end of a string literal or `//` comment starting at `index`, or `index` itself when none starts there. */
function skipLiteral(text: string, index: number): number {
  if (text.startsWith('//', index)) {
    const end = text.indexOf('\n', index);
    return end < 0 ? text.length : end;
  }
  const isQuote = (character: string | undefined) => character === '"' || character === '\'';
  const verbatim = text[index] === '@' && isQuote(text[index + 1]);
  const obfuscated = (text[index] === 'h' || text[index] === 'H') && isQuote(text[index + 1]) && !/[A-Za-z0-9_]/.test(text[index - 1] ?? '');
  const quoteIndex = verbatim || obfuscated ? index + 1 : index;
  const quote = text[quoteIndex];
  if (!isQuote(quote)) {
    return index;
  }
  let position = quoteIndex + 1;
  while (position < text.length && text[position] !== quote) {
    position += !verbatim && text[position] === '\\' ? 2 : 1;
  }
  return Math.min(text.length, position + 1);
}

/**
 * A line diff of two texts in unified form without file headers: ` ` kept, `-` removed, `+` added. Short diffs
 * are shown whole; long ones as hunks (`@@ -a,b +c,d @@`) with three lines of context.
 */
export function unifiedLineDiff(before: string, after: string): string {
  const lines: Array<{ sign: ' ' | '-' | '+'; text: string; beforeLine: number; afterLine: number }> = [];
  let beforeLine = 1;
  let afterLine = 1;
  for (const part of diffLines(before.endsWith('\n') ? before : `${before}\n`, after.endsWith('\n') ? after : `${after}\n`)) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) {
      lines.push({ sign, text, beforeLine, afterLine });
      beforeLine += sign === '+' ? 0 : 1;
      afterLine += sign === '-' ? 0 : 1;
    }
  }
  if (lines.length <= WHOLE_DIFF_LINES) {
    return lines.map((line) => `${line.sign}${line.text}`).join('\n');
  }
  const keep = lines.map((_, index) => lines.slice(Math.max(0, index - CONTEXT_LINES), index + CONTEXT_LINES + 1).some((line) => line.sign !== ' '));
  const output: string[] = [];
  lines.forEach((line, index) => {
    if (!keep[index]) {
      return;
    }
    if (index === 0 || !keep[index - 1]) {
      let end = index;
      while (end < lines.length && keep[end]) {
        end += 1;
      }
      const hunk = lines.slice(index, end);
      const beforeCount = hunk.filter((entry) => entry.sign !== '+').length;
      const afterCount = hunk.filter((entry) => entry.sign !== '-').length;
      output.push(`@@ -${line.beforeLine},${beforeCount} +${line.afterLine},${afterCount} @@`);
    }
    output.push(`${line.sign}${line.text}`);
  });
  return output.join('\n');
}

/** A diff of two KQL texts, one top-level operator a line. */
export function kqlDiff(before: string, after: string): string {
  return unifiedLineDiff(kqlOperatorLines(before), kqlOperatorLines(after));
}
