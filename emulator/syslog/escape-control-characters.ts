import { LINE_FEED, NUL, SPACE } from './character-codes';

/**
 * What rsyslog on the forwarder does to a message on receipt, before parsing it and handing it to the Azure Monitor
 * Agent (rsyslog runtime/parser.c, sanitizeMessage; defaults `$EscapeControlCharactersOnReceive on`,
 * `$ControlCharacterEscapePrefix #`, `parser.escapeControlCharacterTab on`, `$DropTrailingLFOnReception on`):
 * one NUL at the very end is dropped, then one LF at the very end, then every other control character below
 * U+0020 (NUL, tab, CR and LF included) is written as `#` and three octal digits: a line feed inside a message
 * becomes `#012`, a tab `#011`.
 *
 * This is why Radiflow's sample lines carry `#012`: rsyslog escaped a line feed. Azure stores that text as it is,
 * and so does the emulator: `#012` is never turned back into a line feed. A listener applies this function to each
 * received message so that a raw control character is stored as Azure would store it.
 */
export function escapeControlCharacters(message: string): string {
  let end = message.length;
  if (end > 0 && message.charCodeAt(end - 1) === NUL) {
    end--;
  }
  if (end > 0 && message.charCodeAt(end - 1) === LINE_FEED) {
    end--;
  }
  let first = 0;
  while (first < end && message.charCodeAt(first) >= SPACE) {
    first++;
  }
  if (first === end) {
    return end === message.length ? message : message.slice(0, end);
  }
  let result = message.slice(0, first);
  let copiedUpTo = first;
  for (let index = first; index < end; index++) {
    const code = message.charCodeAt(index);
    if (code < SPACE) {
      result += `${message.slice(copiedUpTo, index)}#${(code >> 6) & 7}${(code >> 3) & 7}${code & 7}`;
      copiedUpTo = index + 1;
    }
  }
  return result + message.slice(copiedUpTo, end);
}
