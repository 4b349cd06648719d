/** Inline code that holds any text: the fence is one backtick longer than the longest run inside. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/[\r\n]+/g, ' ')}${fence}`;
}

/** Text for a Markdown table cell: pipes escaped, line breaks as spaces. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** A fenced code block whose fence is longer than any backtick run of the text. */
export function fencedBlock(language: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** A value of a Terraform argument as a reviewer reads it: strings as inline code, others as JSON, long ones cut. */
export function shownValue(value: unknown, maximumLength = 80): string {
  if (value === undefined || value === null) {
    return 'unset';
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return inlineCode(text.length > maximumLength ? `${text.slice(0, maximumLength - 1)}…` : text);
}
