import { Row } from '../../model/kql/values';
import { namedPropertySetter, PropertySetter } from '../../model/kql/evaluate/named-properties';
import { COMMON_SECURITY_LOG_TABLE } from '../../model/tables/common-security-log';
import { findColumn } from '../../model/tables/table-schema';
import { intValue, longValue, realValue } from './column-numbers';
import { commonSecurityLogBaseRow } from './common-security-log-base-row';
import { CefEvent } from './parse-cef';
import { SyslogEvent } from './parse-syslog';
import { parseCefTimestamp } from './parse-timestamp';
import { RecentText } from './recent-text';
import { EventContext } from './syslog-to-row';

/**
 * Spec 4.5: CEF extension key → CommonSecurityLog column, the complete list of Microsoft's "CEF and
 * CommonSecurityLog field mapping" page, with the column spellings of the table schema (spec 4.3: `dmac` goes to
 * `DestinationMACAddress`, not the page's `DestinationMacAddress`). The custom keys (`cs1`..`cs6`, `cn1`..`cn3`,
 * ...) and their labels are added below.
 */
const NAMED_KEY_COLUMNS: Readonly<Record<string, string>> = {
  act: 'DeviceAction',
  app: 'ApplicationProtocol',
  cat: 'DeviceEventCategory',
  cnt: 'EventCount',
  destinationDnsDomain: 'DestinationDnsDomain',
  destinationServiceName: 'DestinationServiceName',
  destinationTranslatedAddress: 'DestinationTranslatedAddress',
  destinationTranslatedPort: 'DestinationTranslatedPort',
  deviceDirection: 'CommunicationDirection',
  deviceDnsDomain: 'DeviceDnsDomain',
  deviceExternalId: 'DeviceExternalID',
  deviceFacility: 'DeviceFacility',
  deviceInboundInterface: 'DeviceInboundInterface',
  deviceNtDomain: 'DeviceNtDomain',
  deviceOutboundInterface: 'DeviceOutboundInterface',
  devicePayloadId: 'DevicePayloadId',
  deviceProcessName: 'ProcessName',
  deviceTranslatedAddress: 'DeviceTranslatedAddress',
  dhost: 'DestinationHostName',
  dmac: 'DestinationMACAddress',
  dntdom: 'DestinationNTDomain',
  dpid: 'DestinationProcessId',
  dpriv: 'DestinationUserPrivileges',
  dproc: 'DestinationProcessName',
  dpt: 'DestinationPort',
  dst: 'DestinationIP',
  dtz: 'DeviceTimeZone',
  duid: 'DestinationUserID',
  duser: 'DestinationUserName',
  dvc: 'DeviceAddress',
  dvchost: 'DeviceName',
  dvcmac: 'DeviceMacAddress',
  dvcpid: 'ProcessID',
  externalId: 'ExternalID',
  fileCreateTime: 'FileCreateTime',
  fileHash: 'FileHash',
  fileId: 'FileID',
  fileModificationTime: 'FileModificationTime',
  filePath: 'FilePath',
  filePermission: 'FilePermission',
  fileType: 'FileType',
  fname: 'FileName',
  fsize: 'FileSize',
  in: 'ReceivedBytes',
  msg: 'Message',
  oldFileCreateTime: 'OldFileCreateTime',
  oldFileHash: 'OldFileHash',
  oldFileId: 'OldFileID',
  oldFileModificationTime: 'OldFileModificationTime',
  oldFileName: 'OldFileName',
  oldFilePath: 'OldFilePath',
  oldFilePermission: 'OldFilePermission',
  oldFileSize: 'OldFileSize',
  oldFileType: 'OldFileType',
  out: 'SentBytes',
  outcome: 'EventOutcome',
  proto: 'Protocol',
  reason: 'Reason',
  request: 'RequestURL',
  requestClientApplication: 'RequestClientApplication',
  requestContext: 'RequestContext',
  requestCookies: 'RequestCookies',
  requestMethod: 'RequestMethod',
  rt: 'ReceiptTime',
  shost: 'SourceHostName',
  smac: 'SourceMACAddress',
  sntdom: 'SourceNTDomain',
  sourceDnsDomain: 'SourceDnsDomain',
  sourceServiceName: 'SourceServiceName',
  sourceTranslatedAddress: 'SourceTranslatedAddress',
  sourceTranslatedPort: 'SourceTranslatedPort',
  spid: 'SourceProcessId',
  spriv: 'SourceUserPrivileges',
  sproc: 'SourceProcessName',
  spt: 'SourcePort',
  src: 'SourceIP',
  suid: 'SourceUserID',
  suser: 'SourceUserName',
  type: 'EventType',
  // Not on Microsoft's page (UNCONFIRMED, spec 4.5): the StartTime and EndTime columns exist for these ArcSight keys.
  start: 'StartTime',
  end: 'EndTime',
};

/** Spec 4.5 "Custom": key prefix, column prefix, and how many of each there are; each has a `Label` key too. */
const CUSTOM_KEY_COLUMNS: ReadonlyArray<readonly [string, string, number]> = [
  ['c6a', 'DeviceCustomIPv6Address', 4],
  ['cfp', 'DeviceCustomFloatingPoint', 4],
  ['cn', 'DeviceCustomNumber', 3],
  ['cs', 'DeviceCustomString', 6],
  ['flexString', 'FlexString', 2],
  ['deviceCustomDate', 'DeviceCustomDate', 2],
  ['flexDate', 'FlexDate', 1],
  ['flexNumber', 'FlexNumber', 2],
];

/** Every extension key Microsoft maps, with its column: the named keys and the custom ones with their labels. */
export const CEF_EXTENSION_KEY_COLUMNS: Readonly<Record<string, string>> = Object.freeze({
  ...NAMED_KEY_COLUMNS,
  ...Object.fromEntries(CUSTOM_KEY_COLUMNS.flatMap(([keyPrefix, columnPrefix, count]) => Array.from(
    { length: count },
    (_, index) => [[`${keyPrefix}${index + 1}`, `${columnPrefix}${index + 1}`], [`${keyPrefix}${index + 1}Label`, `${columnPrefix}${index + 1}Label`]],
  ).flat())),
});

/** How a value is written into its column. */
enum ColumnKind { STRING, INT, LONG, REAL, DATETIME, DIRECTION }

interface MappedColumn {
  readonly column: string;
  readonly kind: ColumnKind;
  /** Sets the column with a named store, so the row stays a fast object (see namedPropertySetter). */
  readonly set: PropertySetter;
  /** The column's last text value (see RecentText). */
  readonly recent: RecentText;
}

/** Spec 4.5: `deviceDirection` 0 is inbound, 1 outbound; anything else is no direction. */
function communicationDirection(text: string): string | undefined {
  return text === '0' ? 'Inbound' : text === '1' ? 'Outbound' : undefined;
}

/** The kind of each column type a key may map to. */
const KINDS_OF_TYPES: Readonly<Partial<Record<string, ColumnKind>>> = {
  string: ColumnKind.STRING, int: ColumnKind.INT, long: ColumnKind.LONG, real: ColumnKind.REAL, datetime: ColumnKind.DATETIME,
};

/** The key → column table, with each column's kind from the table schema; built once. */
const MAPPED_COLUMNS: ReadonlyMap<string, MappedColumn> = new Map(Object.entries(CEF_EXTENSION_KEY_COLUMNS).map(([key, column]) => {
  const definition = findColumn(COMMON_SECURITY_LOG_TABLE, column);
  if (definition === undefined || definition.reserved === true) {
    throw new Error(`CEF key ${key} maps to ${column}, which is no writable CommonSecurityLog column`);
  }
  const kind = key === 'deviceDirection' ? ColumnKind.DIRECTION : KINDS_OF_TYPES[definition.type];
  if (kind === undefined) {
    throw new Error(`CEF key ${key} maps to ${column} of type ${definition.type}, which the mapping cannot write`);
  }
  return [key, { column, kind, set: namedPropertySetter(column), recent: new RecentText() }];
}));

/** The last value of each header field (see RecentText). */
const HEADER_TEXT = {
  deviceVendor: new RecentText(), deviceProduct: new RecentText(), deviceVersion: new RecentText(), signatureId: new RecentText(),
  name: new RecentText(), severity: new RecentText(),
};

/** The value of `text` for a column of `kind`, or undefined when it does not convert. */
function columnValue(kind: ColumnKind, text: string, receivedAt: Date): string | number | Date | undefined {
  switch (kind) {
    case ColumnKind.STRING: return text;
    case ColumnKind.INT: return intValue(text);
    case ColumnKind.LONG: return longValue(text);
    case ColumnKind.REAL: return realValue(text);
    case ColumnKind.DATETIME: return parseCefTimestamp(text, receivedAt);
    case ColumnKind.DIRECTION: return communicationDirection(text);
  }
}

/**
 * A CommonSecurityLog row for one CEF event (spec 4.4, 4.5):
 *
 * - header: Device Vendor, Device Product, Device Version, Signature ID, Name and Severity go to DeviceVendor,
 *   DeviceProduct, DeviceVersion, DeviceEventClassID, Activity and LogSeverity; LogSeverity keeps the raw header
 *   value (`4`, `High`), since whether the agent normalizes it is UNCONFIRMED;
 * - Computer, TimeGenerated, CollectorHostName, SourceSystem: see {@link commonSecurityLogBaseRow};
 * - each mapped extension key to its column, converted to the column's type: `int` and `long` take decimal integers
 *   in range, `real` decimal numbers, `start` and `end` CEF dates (see parseCefTimestamp), `deviceDirection` `0` and
 *   `1` (Inbound, Outbound). A value that does not convert is left out of its column and kept in
 *   AdditionalExtensions, so nothing is lost (UNCONFIRMED: what the agent does with it);
 * - an empty value leaves its column empty; a key given twice keeps its last value;
 * - RemoteIP and RemotePort (UNCONFIRMED, "derived from direction"): the destination for Outbound, the source for
 *   Inbound;
 * - every key not in the map goes to AdditionalExtensions as `key=value`, pairs joined by `;` (the separator is
 *   UNCONFIRMED; `;` is what rows in the wild show).
 */
export function toCommonSecurityLogRow(event: CefEvent, syslog: SyslogEvent | undefined, context: EventContext): Row {
  const row = commonSecurityLogBaseRow(syslog, context);
  // Named stores (row.Column, not row[name]) keep the row a fast object; see namedPropertySetter. Header fields repeat
  // from event to event: see RecentText.
  if (event.deviceVendor.length > 0) {
    row.DeviceVendor = HEADER_TEXT.deviceVendor.reuse(event.deviceVendor);
  }
  if (event.deviceProduct.length > 0) {
    row.DeviceProduct = HEADER_TEXT.deviceProduct.reuse(event.deviceProduct);
  }
  if (event.deviceVersion.length > 0) {
    row.DeviceVersion = HEADER_TEXT.deviceVersion.reuse(event.deviceVersion);
  }
  if (event.signatureId.length > 0) {
    row.DeviceEventClassID = HEADER_TEXT.signatureId.reuse(event.signatureId);
  }
  if (event.name.length > 0) {
    row.Activity = HEADER_TEXT.name.reuse(event.name);
  }
  if (event.severity.length > 0) {
    row.LogSeverity = HEADER_TEXT.severity.reuse(event.severity);
  }
  let additionalExtensions = '';
  const extension = event.extension;
  for (let index = 0; index < extension.length; index++) {
    const { key, value } = extension[index];
    const mapped = MAPPED_COLUMNS.get(key);
    if (mapped !== undefined) {
      if (value.length === 0) {
        continue;
      }
      const converted = mapped.kind === ColumnKind.STRING ? mapped.recent.reuse(value) : columnValue(mapped.kind, value, context.receivedAt);
      if (converted !== undefined) {
        mapped.set(row, converted);
        continue;
      }
    }
    additionalExtensions += additionalExtensions.length === 0 ? `${key}=${value}` : `;${key}=${value}`;
  }
  if (additionalExtensions.length > 0) {
    row.AdditionalExtensions = additionalExtensions;
  }
  setRemoteEndpoint(row);
  return row;
}

/** RemoteIP and RemotePort from CommunicationDirection (UNCONFIRMED rule; RemotePort is a string column). */
function setRemoteEndpoint(row: Row): void {
  const direction = row.CommunicationDirection;
  if (direction === undefined) {
    return;
  }
  const [address, port] = direction === 'Outbound' ? [row.DestinationIP, row.DestinationPort] : [row.SourceIP, row.SourcePort];
  if (address !== undefined) {
    row.RemoteIP = address;
  }
  if (port !== undefined) {
    row.RemotePort = String(port);
  }
}
