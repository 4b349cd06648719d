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

/** A file's text, or where its bytes stop being UTF-8. */
export type DecodedText = { readonly text: string } | { readonly line: number; readonly column: number; readonly message: string };

/**
 * The text of a file's bytes: UTF-8, a byte order mark dropped. Bytes that are not UTF-8 are refused (at the line and
 * column of the first) instead of being replaced by U+FFFD: a config or a transform would say something else than the file.
 */
export function decodeUtf8Text(bytes: Uint8Array): DecodedText {
  const invalid = firstInvalidUtf8Byte(bytes);
  if (invalid !== undefined) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, invalid));
    const lines = before.split('\n');
    return { line: lines.length, column: lines[lines.length - 1].length + 1,
      message: `is not UTF-8: byte 0x${bytes[invalid].toString(16).padStart(2, '0')} at offset ${invalid} (save the file as UTF-8)` };
  }
  return { text: new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes) };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), if any. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number | undefined {
  for (let index = 0; index < bytes.length;) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    // The length of the sequence and the range of its second byte (which excludes overlong forms, surrogates, > U+10FFFF).
    const [length, low, high] = lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
      : lead === 0xe0 ? [3, 0xa0, 0xbf] : lead === 0xed ? [3, 0x80, 0x9f] : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
        : lead === 0xf0 ? [4, 0x90, 0xbf] : lead === 0xf4 ? [4, 0x80, 0x8f] : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
          : [0, 0, 0];
    if (length === 0 || index + length > bytes.length || bytes[index + 1] < low || bytes[index + 1] > high) {
      return index;
    }
    for (let next = index + 2; next < index + length; next++) {
      if (bytes[next] < 0x80 || bytes[next] > 0xbf) {
        return index;
      }
    }
    index += length;
  }
  return undefined;
}
