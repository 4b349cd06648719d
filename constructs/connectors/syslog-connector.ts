import { Construct } from 'constructs';
import { builtInConnector } from '../../model/connectors/builtin-connectors';
import { ConnectorCatalogEntry } from '../../model/connectors/connector-catalog-entry';
import { SYSLOG_STREAM } from '../../model/streams';
import { SyslogAgentConnector, SyslogAgentConnectorProps } from './syslog-agent-connector';

/** Properties for a {@link SyslogConnector}. */
export interface SyslogConnectorProps extends SyslogAgentConnectorProps {}

/**
 * Syslog via AMA: the forwarders' Azure Monitor Agent stores the chosen facilities and levels in `Syslog`.
 *
 * ```ts
 * const syslog = new SyslogConnector(stack, 'LinuxAuth', {
 *   workspace, facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info',
 *   forwarderResourceIds: [forwarderVmId],
 * });
 * ```
 *
 * A facility that a {@link CefConnector} also collects on the same forwarder fails synth, unless
 * `allowDuplicateEvents` says it is intended.
 */
export class SyslogConnector extends SyslogAgentConnector {
  constructor(scope: Construct, id: string, props: SyslogConnectorProps) {
    super(scope, id, props, builtInConnector('SyslogAma') as ConnectorCatalogEntry, SYSLOG_STREAM);
  }
}
