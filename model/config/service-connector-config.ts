/** What every service-to-service connector takes. */
export interface ServiceConnectorConfigBase {
  /**
   * Name of the data connector in the workspace; unique in a workspace.
   *
   * @default - the connector id, e.g. `Office365`
   */
  readonly connectorName?: string;
}

/** A service-to-service connector that reads from a Microsoft Entra tenant. */
export interface TenantConnectorConfigBase extends ServiceConnectorConfigBase {
  /**
   * The Microsoft Entra tenant the connector reads from, a GUID.
   *
   * @default - the tenant of the azurerm provider
   */
  readonly tenantId?: string;
}

/** Microsoft 365 activity into `OfficeActivity` (`Office365Connector`). At least one data type must be on. */
export interface Office365ConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft 365 (formerly Office 365). */
  readonly kind: 'office365';
  /** @default true */
  readonly exchangeEnabled?: boolean;
  /** @default true */
  readonly sharepointEnabled?: boolean;
  /** @default true */
  readonly teamsEnabled?: boolean;
}

/** Microsoft Project activity into `ProjectActivity` (`Office365ProjectConnector`). */
export interface Office365ProjectConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Project. */
  readonly kind: 'office365Project';
}

/** Microsoft Purview Insider Risk Management alerts (`Office365InsiderRiskManagementConnector`). */
export interface Office365InsiderRiskManagementConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Purview Insider Risk Management. */
  readonly kind: 'office365InsiderRiskManagement';
}

/** Power BI activity into `PowerBIActivity` (`PowerBiConnector`). */
export interface PowerBiConnectorConfig extends TenantConnectorConfigBase {
  /** Power BI. */
  readonly kind: 'powerBi';
}

/** Microsoft Defender XDR incidents and alerts (`DefenderXdrConnector`). */
export interface DefenderXdrConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Defender XDR. */
  readonly kind: 'defenderXdr';
}

/** Microsoft Defender for Endpoint alerts (`DefenderForEndpointConnector`). */
export interface DefenderForEndpointConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Defender for Endpoint. */
  readonly kind: 'defenderForEndpoint';
}

/** Microsoft Defender for Identity alerts (`DefenderForIdentityConnector`). */
export interface DefenderForIdentityConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Defender for Identity. */
  readonly kind: 'defenderForIdentity';
}

/** Microsoft Defender for Office 365 alerts (`DefenderForOffice365Connector`). */
export interface DefenderForOffice365ConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Defender for Office 365. */
  readonly kind: 'defenderForOffice365';
}

/** Microsoft Defender for Cloud Apps alerts and Cloud Discovery logs (`DefenderForCloudAppsConnector`). */
export interface DefenderForCloudAppsConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Defender for Cloud Apps. */
  readonly kind: 'defenderForCloudApps';
  /** @default true */
  readonly alertsEnabled?: boolean;
  /** @default false */
  readonly discoveryLogsEnabled?: boolean;
}

/** Microsoft Defender for Cloud alerts of one subscription (`DefenderForCloudConnector`). */
export interface DefenderForCloudConnectorConfig extends ServiceConnectorConfigBase {
  /** Microsoft Defender for Cloud. */
  readonly kind: 'defenderForCloud';
  /**
   * The subscription whose alerts are collected, a GUID.
   *
   * @default - the workspace's subscription
   */
  readonly subscriptionId?: string;
}

/** Microsoft Defender for IoT alerts of one subscription (`DefenderForIotConnector`). */
export interface DefenderForIotConnectorConfig extends ServiceConnectorConfigBase {
  /** Microsoft Defender for IoT. */
  readonly kind: 'defenderForIot';
  /**
   * The subscription whose alerts are collected, a GUID.
   *
   * @default - the subscription of the azurerm provider
   */
  readonly subscriptionId?: string;
}

/** Microsoft Entra ID Protection alerts (`EntraIdProtectionConnector`). */
export interface EntraIdProtectionConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Entra ID Protection. */
  readonly kind: 'entraIdProtection';
}

/** Dynamics 365 activity (`Dynamics365Connector`). */
export interface Dynamics365ConnectorConfig extends TenantConnectorConfigBase {
  /** Dynamics 365. */
  readonly kind: 'dynamics365';
}

/** Indicators of the Microsoft emerging threat feed (`MicrosoftThreatIntelligenceConnector`). */
export interface MicrosoftThreatIntelligenceConnectorConfig extends TenantConnectorConfigBase {
  /** Microsoft Defender Threat Intelligence. */
  readonly kind: 'microsoftThreatIntelligence';
  /** Import indicators published from this RFC 3339 date-time on, e.g. `2024-01-01T00:00:00Z`. */
  readonly microsoftEmergingThreatFeedLookbackDate: string;
}

/** Indicators sent through the Microsoft Graph `tiIndicators` API (`ThreatIntelligencePlatformsConnector`). */
export interface ThreatIntelligencePlatformsConnectorConfig extends TenantConnectorConfigBase {
  /** Threat intelligence platforms. */
  readonly kind: 'threatIntelligencePlatforms';
  /**
   * Import indicators from this RFC 3339 date-time on.
   *
   * @default - every indicator
   */
  readonly lookbackDate?: string;
}

/** Indicators of one collection of a TAXII 2.0 or 2.1 server (`ThreatIntelligenceTaxiiConnector`). */
export interface ThreatIntelligenceTaxiiConnectorConfig extends TenantConnectorConfigBase {
  /** Threat intelligence, TAXII. */
  readonly kind: 'threatIntelligenceTaxii';
  /** Name of the TAXII server as the Data connectors page shows it. */
  readonly displayName: string;
  /** The https URL of the server's API root, e.g. `https://taxii.example.com/api/v21/`. */
  readonly apiRootUrl: string;
  /** ID of the collection to import. */
  readonly collectionId: string;
  /**
   * User name for basic authentication; give it with `password`.
   *
   * @default - no authentication
   */
  readonly userName?: string;
  /**
   * Password for basic authentication, from a variable: `${var.<name>}`.
   *
   * @default - no authentication
   */
  readonly password?: string;
  /** @default "OnceAnHour" */
  readonly pollingFrequency?: 'OnceAMinute' | 'OnceAnHour' | 'OnceADay';
  /**
   * Import indicators from this RFC 3339 date-time on.
   *
   * @default - every indicator of the collection
   */
  readonly lookbackDate?: string;
}

/** AWS CloudTrail management events into `AWSCloudTrail` (`AwsCloudTrailConnector`). */
export interface AwsCloudTrailConnectorConfig extends ServiceConnectorConfigBase {
  /** AWS CloudTrail. */
  readonly kind: 'awsCloudTrail';
  /** ARN of the IAM role Sentinel assumes, `arn:aws:iam::<account>:role/<name>`. */
  readonly awsRoleArn: string;
}

/** Logs that AWS writes to S3, read through SQS notifications (`AwsS3Connector`). */
export interface AwsS3ConnectorConfig extends ServiceConnectorConfigBase {
  /** AWS S3. */
  readonly kind: 'awsS3';
  /** ARN of the IAM role Sentinel assumes through the AWS OIDC identity provider. */
  readonly awsRoleArn: string;
  /**
   * URLs of the SQS queues, `https://sqs.<region>.amazonaws.com/<account>/<queue>`.
   *
   * @minItems 1
   */
  readonly sqsUrls: string[];
  /** The table the logs land in; one connector per table, each with its own `connectorName`. */
  readonly destinationTable: 'AWSCloudTrail' | 'AWSGuardDuty' | 'AWSVPCFlow' | 'AWSCloudWatch';
}
