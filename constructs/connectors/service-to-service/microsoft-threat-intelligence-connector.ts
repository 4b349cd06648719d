import { SentinelDataConnectorMicrosoftThreatIntelligence } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-microsoft-threat-intelligence';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** Properties for a {@link MicrosoftThreatIntelligenceConnector}. */
export interface MicrosoftThreatIntelligenceConnectorProps extends TenantConnectorProps {
  /**
   * Import indicators of the Microsoft emerging threat feed published from this RFC 3339 date-time on, not in the
   * future, e.g. `2024-01-01T00:00:00Z`. Changing it replaces the connector.
   */
  readonly microsoftEmergingThreatFeedLookbackDate: string;
}

/**
 * Indicators of Microsoft Defender Threat Intelligence (the Microsoft emerging threat feed) into the workspace's
 * threat intelligence tables.
 *
 * ```ts
 * new MicrosoftThreatIntelligenceConnector(stack, 'MicrosoftThreatIntelligence', {
 *   workspace, microsoftEmergingThreatFeedLookbackDate: '2024-01-01T00:00:00Z',
 * });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_microsoft_threat_intelligence`, connector kind `MicrosoftThreatIntelligence`.
 */
export class MicrosoftThreatIntelligenceConnector extends ServiceConnector<SentinelDataConnectorMicrosoftThreatIntelligence> {
  constructor(scope: Construct, id: string, props: MicrosoftThreatIntelligenceConnectorProps) {
    const { tenantId, microsoftEmergingThreatFeedLookbackDate } = props;
    super(scope, id, props, 'MicrosoftThreatIntelligence',
      resourceOf(SentinelDataConnectorMicrosoftThreatIntelligence, { tenantId, microsoftEmergingThreatFeedLookbackDate }));
    this.validatePastDateTime('microsoftEmergingThreatFeedLookbackDate', microsoftEmergingThreatFeedLookbackDate);
  }

  protected connectorDetails(): Record<string, unknown> {
    return { microsoftEmergingThreatFeedLookbackDate: this.resource.microsoftEmergingThreatFeedLookbackDateInput };
  }
}
