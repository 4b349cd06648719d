import { SentinelDataConnectorIot } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-iot';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, ServiceConnectorProps } from './service-connector';

/** Properties for a {@link DefenderForIotConnector}. */
export interface DefenderForIotConnectorProps extends ServiceConnectorProps {
  /**
   * The subscription whose Defender for IoT alerts are collected, a GUID. Changing it replaces the connector.
   *
   * @default - the subscription of the azurerm provider
   */
  readonly subscriptionId?: string;
}

/**
 * Alerts of Microsoft Defender for IoT for one subscription into `SecurityAlert`.
 *
 * ```ts
 * new DefenderForIotConnector(stack, 'DefenderForIot', { workspace, subscriptionId });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_iot`, connector kind `IOT`.
 */
export class DefenderForIotConnector extends ServiceConnector<SentinelDataConnectorIot> {
  constructor(scope: Construct, id: string, props: DefenderForIotConnectorProps) {
    super(scope, id, props, 'IOT', resourceOf(SentinelDataConnectorIot, { subscriptionId: props.subscriptionId }));
  }
}
