import { Construct } from 'constructs';
import { builtInConnector } from '../../model/connectors/builtin-connectors';
import { ConnectorCatalogEntry } from '../../model/connectors/connector-catalog-entry';
import { COMMON_SECURITY_LOG_STREAM } from '../../model/streams';
import { SyslogAgentConnector, SyslogAgentConnectorProps } from './syslog-agent-connector';

/** Properties for a {@link CefConnector}. */
export interface CefConnectorProps extends SyslogAgentConnectorProps {}

/**
 * CEF via AMA: the forwarders' Azure Monitor Agent parses CEF sent on the chosen facilities into
 * `CommonSecurityLog`.
 *
 * ```ts
 * new CefConnector(stack, 'Firewalls', {
 *   workspace, facilityNames: ['local4'], minimumLevel: 'Warning',
 *   transformKql: 'source | where Activity !has "heartbeat"',
 *   forwarderResourceIds: [forwarderVmId],
 * });
 * ```
 */
export class CefConnector extends SyslogAgentConnector {
  constructor(scope: Construct, id: string, props: CefConnectorProps) {
    super(scope, id, props, builtInConnector('CefAma') as ConnectorCatalogEntry, COMMON_SECURITY_LOG_STREAM);
  }
}
