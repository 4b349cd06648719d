import { SentinelDataConnectorMicrosoftThreatProtection } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-microsoft-threat-protection';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link DefenderXdrConnector}. */
export type DefenderXdrConnectorProps = TenantConnectorProps;

/**
 * Incidents of Microsoft Defender XDR, with their alerts, into `SecurityIncident` and `SecurityAlert`. azurerm turns
 * on the incidents data type only: the advanced hunting tables (`DeviceEvents`, `EmailEvents`, ...) stay off.
 *
 * ```ts
 * new DefenderXdrConnector(stack, 'DefenderXdr', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_microsoft_threat_protection`, connector kind `MicrosoftThreatProtection`.
 */
export class DefenderXdrConnector extends ServiceConnector<SentinelDataConnectorMicrosoftThreatProtection> {
  constructor(scope: Construct, id: string, props: DefenderXdrConnectorProps) {
    super(scope, id, props, 'MicrosoftThreatProtection',
      resourceOf(SentinelDataConnectorMicrosoftThreatProtection, { tenantId: props.tenantId }));
  }
}
