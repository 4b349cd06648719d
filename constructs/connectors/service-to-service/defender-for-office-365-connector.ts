import { SentinelDataConnectorOfficeAtp } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-office-atp';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link DefenderForOffice365Connector}. */
export type DefenderForOffice365ConnectorProps = TenantConnectorProps;

/**
 * Alerts of Microsoft Defender for Office 365 into `SecurityAlert`.
 *
 * ```ts
 * new DefenderForOffice365Connector(stack, 'DefenderForOffice365', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_office_atp`, connector kind `OfficeATP`.
 */
export class DefenderForOffice365Connector extends ServiceConnector<SentinelDataConnectorOfficeAtp> {
  constructor(scope: Construct, id: string, props: DefenderForOffice365ConnectorProps) {
    super(scope, id, props, 'OfficeATP', resourceOf(SentinelDataConnectorOfficeAtp, { tenantId: props.tenantId }));
  }
}
