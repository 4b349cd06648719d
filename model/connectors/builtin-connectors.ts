import { ConnectorCatalogEntry, MICROSOFT_SUPPORT } from './connector-catalog-entry';

const TENANT_ADMIN = 'Global Administrator or Security Administrator on the tenant, to consent to the connection';

/**
 * The connectors Microsoft ships that azurerm 4.55 can turn on (`azurerm_sentinel_data_connector_*`), keyed by the
 * Sentinel data connector kind.
 */
export const SERVICE_TO_SERVICE_CONNECTORS: readonly ConnectorCatalogEntry[] = [
  {
    connectorId: 'AzureActiveDirectory', title: 'Microsoft Entra ID Protection', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Entra ID P2 licence', TENANT_ADMIN],
    description: 'Alerts of Microsoft Entra ID Protection (risky users and sign-ins).',
  },
  {
    connectorId: 'AzureAdvancedThreatProtection', title: 'Microsoft Defender for Identity', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Defender for Identity deployed', TENANT_ADMIN],
  },
  {
    connectorId: 'AzureSecurityCenter', title: 'Microsoft Defender for Cloud', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['A Defender for Cloud plan enabled on the subscription', 'Security Reader on the subscription'],
  },
  {
    connectorId: 'AmazonWebServicesCloudTrail', title: 'Amazon Web Services CloudTrail (legacy)', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['AWSCloudTrail'], support: MICROSOFT_SUPPORT,
    prerequisites: ['An AWS IAM role that trusts Microsoft Sentinel\'s AWS account, with the workspace ID as external ID',
      'The role has AWSCloudTrailReadOnlyAccess'],
  },
  {
    connectorId: 'AmazonWebServicesS3', title: 'Amazon Web Services S3', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['AWSCloudTrail', 'AWSGuardDuty', 'AWSVPCFlow', 'AWSCloudWatch'],
    support: MICROSOFT_SUPPORT,
    prerequisites: ['An AWS OIDC identity provider and IAM role for Microsoft Sentinel (web identity federation)',
      'S3 bucket notifications to an SQS queue that the role can read', 'The role can read the bucket and decrypt its KMS key'],
  },
  {
    connectorId: 'Dynamics365', title: 'Dynamics 365', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['Dynamics365Activity'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Dynamics 365 production licence (E5 or equivalent)', 'Audit logging turned on in Microsoft Purview', TENANT_ADMIN],
  },
  {
    connectorId: 'IOT', title: 'Microsoft Defender for IoT', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Defender for IoT on the subscription', 'Contributor on the subscription'],
  },
  {
    connectorId: 'MicrosoftCloudAppSecurity', title: 'Microsoft Defender for Cloud Apps', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert', 'McasShadowItReporting'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Defender for Cloud Apps licence', 'Cloud Discovery configured for discovery logs', TENANT_ADMIN],
  },
  {
    connectorId: 'MicrosoftDefenderAdvancedThreatProtection', title: 'Microsoft Defender for Endpoint', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Defender for Endpoint licence', TENANT_ADMIN],
  },
  {
    connectorId: 'MicrosoftThreatIntelligence', title: 'Microsoft Defender Threat Intelligence', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['ThreatIntelligenceIndicator'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Contributor on the workspace'],
  },
  {
    connectorId: 'MicrosoftThreatProtection', title: 'Microsoft Defender XDR', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityIncident', 'SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['A Microsoft Defender XDR licence (Microsoft 365 E5 or equivalent)', TENANT_ADMIN],
  },
  {
    connectorId: 'Office365', title: 'Microsoft 365 (formerly Office 365)', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['OfficeActivity'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Unified audit logging turned on in the Microsoft 365 tenant', TENANT_ADMIN],
  },
  {
    connectorId: 'Office365Project', title: 'Microsoft Project', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['ProjectActivity'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Project licence', 'Unified audit logging turned on', TENANT_ADMIN],
  },
  {
    connectorId: 'OfficeATP', title: 'Microsoft Defender for Office 365', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Microsoft Defender for Office 365 Plan 2 licence', TENANT_ADMIN],
  },
  {
    connectorId: 'OfficeIRM', title: 'Microsoft 365 Insider Risk Management', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['SecurityAlert'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Insider Risk Management configured in Microsoft Purview', TENANT_ADMIN],
  },
  {
    connectorId: 'OfficePowerBI', title: 'Microsoft Power BI', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['PowerBIActivity'], support: MICROSOFT_SUPPORT,
    prerequisites: ['Power BI licence', 'Unified audit logging turned on', TENANT_ADMIN],
  },
  {
    connectorId: 'ThreatIntelligence', title: 'Threat Intelligence Platforms', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['ThreatIntelligenceIndicator'], support: MICROSOFT_SUPPORT,
    prerequisites: ['A threat intelligence platform or custom app that sends indicators through the Graph tiIndicators API'],
  },
  {
    connectorId: 'ThreatIntelligenceTaxii', title: 'Threat Intelligence - TAXII', publisher: 'Microsoft',
    ingestionPath: 'service-to-service', tables: ['ThreatIntelligenceIndicator'], support: MICROSOFT_SUPPORT,
    prerequisites: ['A TAXII 2.0 or 2.1 server: API root URL, collection ID and, if it requires them, a user name and password'],
  },
];

/** The agent-based and REST connectors whose catalog entry does not depend on the user's source. */
export const AGENT_CONNECTORS: readonly ConnectorCatalogEntry[] = [
  {
    connectorId: 'SyslogAma', title: 'Syslog via AMA', publisher: 'Microsoft', ingestionPath: 'syslog-ama',
    tables: ['Syslog'], support: MICROSOFT_SUPPORT,
    prerequisites: ['A Linux log forwarder with the Azure Monitor Agent (Azure VM, scale set or Arc-enabled server)',
      'Devices send syslog to the forwarder on UDP or TCP 514'],
  },
  {
    connectorId: 'CefAma', title: 'Common Event Format (CEF) via AMA', publisher: 'Microsoft', ingestionPath: 'cef-ama',
    tables: ['CommonSecurityLog'], support: MICROSOFT_SUPPORT,
    prerequisites: ['A Linux log forwarder with the Azure Monitor Agent (Azure VM, scale set or Arc-enabled server)',
      'Devices send CEF over syslog to the forwarder on UDP or TCP 514',
      'No facility collected by both a Syslog and a CEF rule on the same forwarder'],
  },
];

/** Every built-in catalog entry, by connector id. */
export function builtInConnector(connectorId: string): ConnectorCatalogEntry | undefined {
  return [...SERVICE_TO_SERVICE_CONNECTORS, ...AGENT_CONNECTORS].find((entry) => entry.connectorId === connectorId);
}
