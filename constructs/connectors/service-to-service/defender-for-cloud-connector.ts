import { SentinelDataConnectorAzureSecurityCenter } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-azure-security-center';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, ServiceConnectorProps } from './service-connector';

/** Properties for a {@link DefenderForCloudConnector}. */
export interface DefenderForCloudConnectorProps extends ServiceConnectorProps {
  /**
   * The subscription whose Defender for Cloud alerts are collected, a GUID. Changing it replaces the connector.
   *
   * @default - the workspace's subscription
   */
  readonly subscriptionId?: string;
}

/**
 * Alerts of Microsoft Defender for Cloud (formerly Azure Security Center) for one subscription into `SecurityAlert`.
 * Connect each subscription with its own connector and `connectorName`.
 *
 * ```ts
 * new DefenderForCloudConnector(stack, 'DefenderForCloud', { workspace, subscriptionId });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_azure_security_center`, connector kind `AzureSecurityCenter`.
 */
export class DefenderForCloudConnector extends ServiceConnector<SentinelDataConnectorAzureSecurityCenter> {
  constructor(scope: Construct, id: string, props: DefenderForCloudConnectorProps) {
    super(scope, id, props, 'AzureSecurityCenter',
      resourceOf(SentinelDataConnectorAzureSecurityCenter, { subscriptionId: props.subscriptionId }));
  }
}
