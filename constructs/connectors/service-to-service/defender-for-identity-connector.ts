import { SentinelDataConnectorAzureAdvancedThreatProtection } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-azure-advanced-threat-protection';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link DefenderForIdentityConnector}. */
export type DefenderForIdentityConnectorProps = TenantConnectorProps;

/**
 * Alerts of Microsoft Defender for Identity into `SecurityAlert`.
 *
 * ```ts
 * new DefenderForIdentityConnector(stack, 'DefenderForIdentity', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_azure_advanced_threat_protection`, connector kind `AzureAdvancedThreatProtection`.
 */
export class DefenderForIdentityConnector extends ServiceConnector<SentinelDataConnectorAzureAdvancedThreatProtection> {
  constructor(scope: Construct, id: string, props: DefenderForIdentityConnectorProps) {
    super(scope, id, props, 'AzureAdvancedThreatProtection',
      resourceOf(SentinelDataConnectorAzureAdvancedThreatProtection, { tenantId: props.tenantId }));
  }
}
