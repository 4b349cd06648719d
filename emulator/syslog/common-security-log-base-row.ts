import { Row } from '../../model/kql/values';
import { SyslogEvent } from './parse-syslog';
import { RecentText } from './recent-text';
import { EventContext, hostAddress } from './syslog-to-row';

/** The last Computer (see RecentText). */
const RECENT_COMPUTER = new RecentText();

/**
 * The columns every CommonSecurityLog row gets, whatever the format (CEF or Cisco ASA), per spec 4.4:
 * TimeGenerated (the receive time), Computer (the syslog HOSTNAME, or the sender's address when the line had no
 * header), CollectorHostName (the forwarder) and SourceSystem, which Microsoft's field mapping page gives as always
 * `OpsManager`.
 */
export function commonSecurityLogBaseRow(syslog: SyslogEvent | undefined, context: EventContext): Row {
  return {
    TimeGenerated: context.receivedAt,
    Computer: RECENT_COMPUTER.reuse(syslog?.hostName ?? hostAddress(context.senderAddress)),
    CollectorHostName: context.collectorHostName,
    SourceSystem: 'OpsManager',
  };
}
