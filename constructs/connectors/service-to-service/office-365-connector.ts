import { SentinelDataConnectorOffice365 } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-office-365';
import { IResolvable } from 'cdktf';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for an {@link Office365Connector}. At least one of the three data types must be on. */
export interface Office365ConnectorProps extends TenantConnectorProps {
  /**
   * Collect Exchange Online activity.
   *
   * @default true
   */
  readonly exchangeEnabled?: boolean | IResolvable;

  /**
   * Collect SharePoint and OneDrive activity.
   *
   * @default true
   */
  readonly sharepointEnabled?: boolean | IResolvable;

  /**
   * Collect Microsoft Teams activity.
   *
   * @default true
   */
  readonly teamsEnabled?: boolean | IResolvable;
}

/**
 * Microsoft 365 (formerly Office 365) activity from the unified audit log into `OfficeActivity`.
 *
 * ```ts
 * new Office365Connector(stack, 'Office365', { workspace, teamsEnabled: false });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_office_365`, connector kind `Office365`.
 */
export class Office365Connector extends ServiceConnector<SentinelDataConnectorOffice365> {
  private readonly dataTypes: Record<'exchangeEnabled' | 'sharepointEnabled' | 'teamsEnabled', boolean | IResolvable>;

  constructor(scope: Construct, id: string, props: Office365ConnectorProps) {
    const dataTypes = {
      exchangeEnabled: props.exchangeEnabled ?? true,
      sharepointEnabled: props.sharepointEnabled ?? true,
      teamsEnabled: props.teamsEnabled ?? true,
    };
    super(scope, id, props, 'Office365', resourceOf(SentinelDataConnectorOffice365, { tenantId: props.tenantId, ...dataTypes }));
    this.dataTypes = dataTypes;
    this.validateAnyDataTypeEnabled(dataTypes);
  }

  protected connectorDetails(): Record<string, unknown> {
    return { dataTypes: this.dataTypes };
  }
}
