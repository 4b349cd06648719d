/** Text cut to at most `maxBytes` bytes of UTF-8, never inside a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) {
    return text;
  }
  let bytes = 0;
  let index = 0;
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) {
      return text.slice(0, index);
    }
    bytes += size;
    index += character.length;
  }
  return text;
}
