import { SentinelDataConnectorOfficeIrm } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-office-irm';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for an {@link Office365InsiderRiskManagementConnector}. */
export type Office365InsiderRiskManagementConnectorProps = TenantConnectorProps;

/**
 * Alerts of Microsoft Purview Insider Risk Management into `SecurityAlert`.
 *
 * ```ts
 * new Office365InsiderRiskManagementConnector(stack, 'InsiderRiskManagement', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_office_irm`, connector kind `OfficeIRM`.
 */
export class Office365InsiderRiskManagementConnector extends ServiceConnector<SentinelDataConnectorOfficeIrm> {
  constructor(scope: Construct, id: string, props: Office365InsiderRiskManagementConnectorProps) {
    super(scope, id, props, 'OfficeIRM', resourceOf(SentinelDataConnectorOfficeIrm, { tenantId: props.tenantId }));
  }
}
