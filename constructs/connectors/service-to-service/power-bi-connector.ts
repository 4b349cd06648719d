import { SentinelDataConnectorOfficePowerBi } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-office-power-bi';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link PowerBiConnector}. */
export type PowerBiConnectorProps = TenantConnectorProps;

/**
 * Power BI activity from the unified audit log into `PowerBIActivity`.
 *
 * ```ts
 * new PowerBiConnector(stack, 'PowerBi', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_office_power_bi`, connector kind `OfficePowerBI`.
 */
export class PowerBiConnector extends ServiceConnector<SentinelDataConnectorOfficePowerBi> {
  constructor(scope: Construct, id: string, props: PowerBiConnectorProps) {
    super(scope, id, props, 'OfficePowerBI', resourceOf(SentinelDataConnectorOfficePowerBi, { tenantId: props.tenantId }));
  }
}
