import { SentinelDataConnectorMicrosoftDefenderAdvancedThreatProtection } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-microsoft-defender-advanced-threat-protection';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link DefenderForEndpointConnector}. */
export type DefenderForEndpointConnectorProps = TenantConnectorProps;

/**
 * Alerts of Microsoft Defender for Endpoint into `SecurityAlert`.
 *
 * ```ts
 * new DefenderForEndpointConnector(stack, 'DefenderForEndpoint', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_microsoft_defender_advanced_threat_protection`,
 * connector kind `MicrosoftDefenderAdvancedThreatProtection`.
 */
export class DefenderForEndpointConnector extends ServiceConnector<SentinelDataConnectorMicrosoftDefenderAdvancedThreatProtection> {
  constructor(scope: Construct, id: string, props: DefenderForEndpointConnectorProps) {
    super(scope, id, props, 'MicrosoftDefenderAdvancedThreatProtection',
      resourceOf(SentinelDataConnectorMicrosoftDefenderAdvancedThreatProtection, { tenantId: props.tenantId }));
  }
}
