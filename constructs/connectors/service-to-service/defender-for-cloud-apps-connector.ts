import { SentinelDataConnectorMicrosoftCloudAppSecurity } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-microsoft-cloud-app-security';
import { IResolvable } from 'cdktf';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link DefenderForCloudAppsConnector}. At least one of the two data types must be on. */
export interface DefenderForCloudAppsConnectorProps extends TenantConnectorProps {
  /**
   * Collect Defender for Cloud Apps alerts into `SecurityAlert`.
   *
   * @default true
   */
  readonly alertsEnabled?: boolean | IResolvable;

  /**
   * Collect Cloud Discovery logs into `McasShadowItReporting`; Cloud Discovery must be set up in Defender for Cloud
   * Apps first. (azurerm's own default is true; this construct asks for it explicitly.)
   *
   * @default false
   */
  readonly discoveryLogsEnabled?: boolean | IResolvable;
}

/**
 * Alerts and, when asked, Cloud Discovery logs of Microsoft Defender for Cloud Apps (formerly Microsoft Cloud App
 * Security). The catalog entry lists the tables of the data types turned on.
 *
 * ```ts
 * new DefenderForCloudAppsConnector(stack, 'DefenderForCloudApps', { workspace, discoveryLogsEnabled: true });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_microsoft_cloud_app_security`, connector kind `MicrosoftCloudAppSecurity`.
 */
export class DefenderForCloudAppsConnector extends ServiceConnector<SentinelDataConnectorMicrosoftCloudAppSecurity> {
  private readonly dataTypes: Record<'alertsEnabled' | 'discoveryLogsEnabled', boolean | IResolvable>;

  constructor(scope: Construct, id: string, props: DefenderForCloudAppsConnectorProps) {
    const dataTypes = { alertsEnabled: props.alertsEnabled ?? true, discoveryLogsEnabled: props.discoveryLogsEnabled ?? false };
    // The catalog lists the tables this connector can fill; a data type left to Terraform counts as on.
    super(scope, id, props, 'MicrosoftCloudAppSecurity',
      resourceOf(SentinelDataConnectorMicrosoftCloudAppSecurity, { tenantId: props.tenantId, ...dataTypes }), [
        ...dataTypes.alertsEnabled === false ? [] : ['SecurityAlert'],
        ...dataTypes.discoveryLogsEnabled === false ? [] : ['McasShadowItReporting'],
      ]);
    this.dataTypes = dataTypes;
    this.validateAnyDataTypeEnabled(dataTypes);
  }

  protected connectorDetails(): Record<string, unknown> {
    return { dataTypes: this.dataTypes };
  }
}
