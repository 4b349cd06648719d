import { SPACE, isDigit } from './character-codes';
import { CefExtensionField, parseCefExtension } from './parse-cef-extension';
import { ParseResult, failed, parsed } from './parse-result';
import { SyslogEvent } from './parse-syslog';
import { backslashEscapes, unescapeBackslashes } from './unescape-backslashes';

/** One CEF event: the seven header fields, unescaped, and the extension's `key=value` pairs in order. */
export interface CefEvent {
  version: string;
  deviceVendor: string;
  deviceProduct: string;
  deviceVersion: string;
  signatureId: string;
  name: string;
  severity: string;
  extension: CefExtensionField[];
}

/** The header fields in order, for failure messages. */
const HEADER_FIELD_NAMES = ['Version', 'Device Vendor', 'Device Product', 'Device Version', 'Signature ID', 'Name', 'Severity'];

const CEF_PREFIX = 'CEF:';

/** Spec 4.6: in a header field `\|` stands for `|` and `\\` for `\`; a backslash before any other character stays. */
const HEADER_ESCAPES = backslashEscapes({ '|': '|', '\\': '\\' });

/** A header field with its escapes (spec 4.6) replaced. */
export function unescapeHeaderField(text: string): string {
  return unescapeBackslashes(text, HEADER_ESCAPES);
}

/**
 * A CEF event (spec 4.4, 4.6): `CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|`
 * then the extension. `text` starts at `CEF:`; spaces after the colon are skipped (Barracuda and `logger -t CEF`
 * send `CEF: 0|`). Each header field ends at the first `|` not escaped as `\|`; one pass, jumping from `|` to `|`.
 *
 * Fails when `text` does not start with `CEF:` or the header has fewer than seven fields; a header whose Severity
 * ends the text (no last `|`) has an empty extension. The extension is parsed best-effort (see
 * {@link parseCefExtension}).
 */
export function parseCef(text: string): ParseResult<CefEvent> {
  if (!text.startsWith(CEF_PREFIX)) {
    return failed(0, '"CEF:"');
  }
  const length = text.length;
  let index = CEF_PREFIX.length;
  while (text.charCodeAt(index) === SPACE) {
    index++;
  }
  const fields: string[] = [];
  // As in the extension scanner: the next `|` and `\` are found with indexOf and kept until passed (-1: none left).
  let nextBar = -2;
  let nextBackslash = -2;
  for (let field = 0; field < HEADER_FIELD_NAMES.length; field++) {
    const fieldStart = index;
    let escaped = false;
    for (;;) {
      if (nextBar !== -1 && nextBar < index) {
        nextBar = text.indexOf('|', index);
      }
      if (nextBackslash !== -1 && nextBackslash < index) {
        nextBackslash = text.indexOf('\\', index);
      }
      if (nextBackslash >= 0 && (nextBar < 0 || nextBackslash < nextBar)) {
        escaped = true;
        index = nextBackslash + 2;
        continue;
      }
      index = nextBar < 0 ? length : nextBar;
      break;
    }
    if (index >= length && field < HEADER_FIELD_NAMES.length - 1) {
      return failed(length, `"|" after the CEF header field ${HEADER_FIELD_NAMES[field]}`);
    }
    const value = text.slice(fieldStart, Math.min(index, length));
    fields.push(escaped ? unescapeHeaderField(value) : value);
    index++;
  }
  return parsed({
    version: fields[0],
    deviceVendor: fields[1],
    deviceProduct: fields[2],
    deviceVersion: fields[3],
    signatureId: fields[4],
    name: fields[5],
    severity: fields[6],
    extension: index < length ? parseCefExtension(text, index) : [],
  }, length);
}

/**
 * The index of `CEF:` in a syslog MSG or a raw line without syslog header, or -1: the first `CEF:` followed by
 * optional spaces and a digit (the version), so that `CEF:` inside other text is not taken.
 */
export function findCefStart(message: string): number {
  for (let index = message.indexOf(CEF_PREFIX); index >= 0; index = message.indexOf(CEF_PREFIX, index + 1)) {
    let version = index + CEF_PREFIX.length;
    while (message.charCodeAt(version) === SPACE) {
      version++;
    }
    if (isDigit(message.charCodeAt(version))) {
      return index;
    }
  }
  return -1;
}

/**
 * The CEF text a syslog event carries, from `CEF:` on, or undefined. Either the MSG holds `CEF:` (see
 * {@link findCefStart}), or the syslog parser took `CEF:` as the TAG, as rsyslog does for Microsoft's own test
 * message (`logger -t CEF "0|Mock-test|..."`, spec 5) and for a bare `CEF:0|...` line: then APP-NAME is `CEF` and
 * the CEF text is `CEF:` followed by the MSG.
 */
export function findCefText(event: SyslogEvent): string | undefined {
  if (event.appName === 'CEF' && event.processId === undefined) {
    const text = CEF_PREFIX + event.message;
    if (findCefStart(text) === 0) {
      return text;
    }
  }
  const start = findCefStart(event.message);
  return start < 0 ? undefined : event.message.slice(start);
}

