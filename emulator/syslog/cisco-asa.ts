import { Row } from '../../model/kql/values';
import { COLON, DIGIT_ZERO, HYPHEN_MINUS, SPACE, isDigit } from './character-codes';
import { commonSecurityLogBaseRow } from './common-security-log-base-row';
import { ParseResult, failed, parsed } from './parse-result';
import { SyslogEvent } from './parse-syslog';
import { EventContext } from './syslog-to-row';

/** One Cisco ASA (or FTD) syslog message: `%ASA-6-302013: Built outbound TCP connection ...`. */
export interface CiscoAsaEvent {
  /** `ASA`, or `FTD` for Firepower Threat Defense (`%FTD-...`). */
  product: 'ASA' | 'FTD';
  /** The ASA severity, 0 (emergencies) to 7 (debugging). */
  severity: number;
  /** The message ID, e.g. `302013`. */
  messageId: string;
  /** The text after `%ASA-<severity>-<id>:`. */
  message: string;
}

const MARKERS = ['%ASA-', '%FTD-'] as const;

/** The index of the first `%ASA-` or `%FTD-` in `text`, with its product, or [-1, 'ASA']. */
function findMarker(text: string): [number, 'ASA' | 'FTD'] {
  const asa = text.indexOf(MARKERS[0]);
  const firepower = text.indexOf(MARKERS[1]);
  if (firepower >= 0 && (asa < 0 || firepower < asa)) {
    return [firepower, 'FTD'];
  }
  return [asa, 'ASA'];
}

/**
 * A Cisco ASA or FTD message (spec 4.7): `%ASA-<severity>-<message id>: <text>`, found anywhere in `message` (after a
 * host name and ` : `, as ASAs with `logging device-id` send). Fails when there is no such marker, the severity is
 * not a digit 0-7, or the ID has no digits or no `:` after it.
 */
export function parseCiscoAsa(message: string): ParseResult<CiscoAsaEvent> {
  const [start, product] = findMarker(message);
  if (start < 0) {
    return failed(0, '%ASA-<severity>-<message id>:');
  }
  let index = start + MARKERS[0].length;
  const severity = message.charCodeAt(index) - DIGIT_ZERO;
  if (severity < 0 || severity > 7 || message.charCodeAt(index + 1) !== HYPHEN_MINUS) {
    return failed(index, 'an ASA severity 0 to 7, then -');
  }
  index += 2;
  const idStart = index;
  while (isDigit(message.charCodeAt(index))) {
    index++;
  }
  if (index === idStart || message.charCodeAt(index) !== COLON) {
    return failed(index, 'a message ID of digits, then :');
  }
  const messageId = message.slice(idStart, index);
  index++;
  if (message.charCodeAt(index) === SPACE) {
    index++;
  }
  return parsed({ product, severity, messageId, message: message.slice(index) }, message.length);
}

/**
 * The text of a syslog event that may hold an ASA message: the MSG, or, when the syslog parser took
 * `%ASA-6-302013:` as the TAG (an ASA that sends no timestamp or host name), that TAG put back before the MSG.
 */
export function findCiscoAsaText(event: SyslogEvent): string {
  const appName = event.appName;
  if (appName !== undefined && (appName.startsWith(MARKERS[0]) || appName.startsWith(MARKERS[1]))) {
    return `${appName}: ${event.message}`;
  }
  return event.message;
}

/**
 * A CommonSecurityLog row for a Cisco ASA or FTD message. The field mapping the agent applies is UNCONFIRMED
 * (spec 4.7); this is the spec's default: DeviceVendor `Cisco`, DeviceProduct `ASA` (or `FTD`), DeviceEventClassID
 * the message ID, LogSeverity the ASA severity digit, Message the text; plus the columns of every row (see
 * commonSecurityLogBaseRow).
 */
export function toCiscoAsaCommonSecurityLogRow(event: CiscoAsaEvent, syslog: SyslogEvent | undefined, context: EventContext): Row {
  const row = commonSecurityLogBaseRow(syslog, context);
  row.DeviceVendor = 'Cisco';
  row.DeviceProduct = event.product;
  row.DeviceEventClassID = event.messageId;
  row.LogSeverity = String(event.severity);
  row.Message = event.message;
  return row;
}
