import { SentinelDataConnectorAzureActiveDirectory } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-azure-active-directory';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for an {@link EntraIdProtectionConnector}. */
export type EntraIdProtectionConnectorProps = TenantConnectorProps;

/**
 * Alerts of Microsoft Entra ID Protection (risky users, risky sign-ins) into `SecurityAlert`. Sign-in and audit
 * logs are not part of it: they reach the workspace through Entra ID diagnostic settings.
 *
 * ```ts
 * new EntraIdProtectionConnector(stack, 'EntraIdProtection', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_azure_active_directory`, connector kind `AzureActiveDirectory`.
 */
export class EntraIdProtectionConnector extends ServiceConnector<SentinelDataConnectorAzureActiveDirectory> {
  constructor(scope: Construct, id: string, props: EntraIdProtectionConnectorProps) {
    super(scope, id, props, 'AzureActiveDirectory', resourceOf(SentinelDataConnectorAzureActiveDirectory, { tenantId: props.tenantId }));
  }
}
