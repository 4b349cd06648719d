import { SentinelDataConnectorThreatIntelligence } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-threat-intelligence';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link ThreatIntelligencePlatformsConnector}. */
export interface ThreatIntelligencePlatformsConnectorProps extends TenantConnectorProps {
  /**
   * Import indicators from this RFC 3339 date-time on, not in the future, e.g. `2024-01-01T00:00:00Z`. Changing it
   * replaces the connector.
   *
   * @default - 1970-01-01T00:00:00Z (azurerm's default): every indicator
   */
  readonly lookbackDate?: string;
}

/**
 * Indicators that threat intelligence platforms or custom apps send through the Microsoft Graph `tiIndicators` API.
 *
 * ```ts
 * new ThreatIntelligencePlatformsConnector(stack, 'ThreatIntelligencePlatforms', { workspace });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_threat_intelligence`, connector kind `ThreatIntelligence`.
 */
export class ThreatIntelligencePlatformsConnector extends ServiceConnector<SentinelDataConnectorThreatIntelligence> {
  constructor(scope: Construct, id: string, props: ThreatIntelligencePlatformsConnectorProps) {
    const { tenantId, lookbackDate } = props;
    super(scope, id, props, 'ThreatIntelligence', resourceOf(SentinelDataConnectorThreatIntelligence, { tenantId, lookbackDate }));
    this.validatePastDateTime('lookbackDate', lookbackDate);
  }

  protected connectorDetails(): Record<string, unknown> {
    return this.resource.lookbackDateInput === undefined ? {} : { lookbackDate: this.resource.lookbackDateInput };
  }
}
