import { SentinelDataConnectorDynamics365 } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-dynamics-365';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link Dynamics365Connector}. */
export type Dynamics365ConnectorProps = TenantConnectorProps;

/**
 * Dynamics 365 activity (the Common Data Service audit log) into `Dynamics365Activity`.
 *
 * ```ts
 * new Dynamics365Connector(stack, 'Dynamics365', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_dynamics_365`, connector kind `Dynamics365`.
 */
export class Dynamics365Connector extends ServiceConnector<SentinelDataConnectorDynamics365> {
  constructor(scope: Construct, id: string, props: Dynamics365ConnectorProps) {
    super(scope, id, props, 'Dynamics365', resourceOf(SentinelDataConnectorDynamics365, { tenantId: props.tenantId }));
  }
}
