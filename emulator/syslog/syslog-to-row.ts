import { Row } from '../../model/kql/values';
import { isDigit } from './character-codes';
import { intValue } from './column-numbers';
import { facilityName, severityName } from './facility-and-severity-names';
import { SyslogEvent } from './parse-syslog';

/** Where and when the emulated forwarder received an event. */
export interface EventContext {
  /** When the message arrived: the row's TimeGenerated. */
  receivedAt: Date;
  /** Address of the sender as the socket reports it (`::ffff:` IPv4-mapped addresses are given as IPv4). */
  senderAddress: string;
  /** Host name of the forwarder that collected the event (the emulated forwarder VM). */
  collectorHostName: string;
}

const IPV4_MAPPED_PREFIX = '::ffff:';

/** The sender's address as a host IP: an IPv4-mapped IPv6 address (`::ffff:10.0.0.4`) written as IPv4. */
export function hostAddress(senderAddress: string): string {
  return senderAddress.startsWith(IPV4_MAPPED_PREFIX) && senderAddress.includes('.', IPV4_MAPPED_PREFIX.length)
    ? senderAddress.slice(IPV4_MAPPED_PREFIX.length)
    : senderAddress;
}

/** A process ID as the `int` column holds it: the number when the text is all digits and fits, else null. */
export function processIdNumber(processId: string | undefined): number | null {
  if (processId === undefined || !isDigit(processId.charCodeAt(0))) {
    return null;
  }
  return intValue(processId) ?? null;
}

/**
 * A row of the Syslog table (spec 4.1) for one event. How the Azure Monitor Agent fills these columns is
 * UNCONFIRMED (no Microsoft page states it); the choices, from the agent's header schema and rsyslog's forwarding
 * template `<%PRI%>%TIMESTAMP% %HOSTNAME% %syslogtag%%msg%`:
 *
 * - TimeGenerated: the receive time; EventTime: the header's TIMESTAMP, or the receive time when it had none (as
 *   rsyslog stamps such a message before forwarding it).
 * - Facility, SeverityLevel: names of the PRI's numbers (`local4`, `err`; see facility-and-severity-names.ts).
 * - HostName and Computer: HOSTNAME, or the sender's address when the header has none (rsyslog puts the sender there).
 * - HostIP: the sender's address. CollectorHostName: the forwarder. SourceSystem: `Linux`.
 * - ProcessName: APP-NAME or the TAG's program name; ProcessID: PROCID or the TAG's `[pid]` as a number, null when
 *   it is not one.
 * - SyslogMessage: MSG only; RFC 5424 MSGID and STRUCTURED-DATA are not stored, as rsyslog's `%msg%` drops them.
 */
export function toSyslogRow(event: SyslogEvent, context: EventContext): Row {
  const senderAddress = hostAddress(context.senderAddress);
  const hostName = event.hostName ?? senderAddress;
  return {
    TimeGenerated: context.receivedAt,
    Computer: hostName,
    EventTime: event.timestamp ?? context.receivedAt,
    Facility: facilityName(event.facility),
    HostName: hostName,
    SeverityLevel: severityName(event.severity),
    SyslogMessage: event.message,
    ProcessID: processIdNumber(event.processId),
    HostIP: senderAddress,
    ProcessName: event.appName ?? null,
    CollectorHostName: context.collectorHostName,
    SourceSystem: 'Linux',
  };
}
