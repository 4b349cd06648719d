import { SentinelDataConnectorOffice365Project } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-office-365-project';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for an {@link Office365ProjectConnector}. */
export type Office365ProjectConnectorProps = TenantConnectorProps;

/**
 * Microsoft Project activity from the unified audit log into `ProjectActivity`.
 *
 * ```ts
 * new Office365ProjectConnector(stack, 'Project', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_office_365_project`, connector kind `Office365Project`.
 */
export class Office365ProjectConnector extends ServiceConnector<SentinelDataConnectorOffice365Project> {
  constructor(scope: Construct, id: string, props: Office365ProjectConnectorProps) {
    super(scope, id, props, 'Office365Project', resourceOf(SentinelDataConnectorOffice365Project, { tenantId: props.tenantId }));
  }
}
