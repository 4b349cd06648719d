import { CefConnectorConfig, CustomLogConnectorConfig, SyslogConnectorConfig } from './agent-connector-config';
import { CodelessConnectorConfig } from './codeless-connector-config';
import { DataCollectorConnectorConfig, FunctionConnectorConfig, LogsIngestionConnectorConfig } from './rest-connector-config';
import {
  AwsCloudTrailConnectorConfig, AwsS3ConnectorConfig, DefenderForCloudAppsConnectorConfig, DefenderForCloudConnectorConfig,
  DefenderForEndpointConnectorConfig, DefenderForIdentityConnectorConfig, DefenderForIotConnectorConfig,
  DefenderForOffice365ConnectorConfig, DefenderXdrConnectorConfig, Dynamics365ConnectorConfig, EntraIdProtectionConnectorConfig,
  MicrosoftThreatIntelligenceConnectorConfig, Office365ConnectorConfig, Office365InsiderRiskManagementConnectorConfig,
  Office365ProjectConnectorConfig, PowerBiConnectorConfig, ThreatIntelligencePlatformsConnectorConfig,
  ThreatIntelligenceTaxiiConnectorConfig,
} from './service-connector-config';

/**
 * A data connector, of any kind: `kind` says which, and the other properties are the props of its construct.
 *
 * @discriminator kind
 */
export type ConnectorConfig =
  | SyslogConnectorConfig
  | CefConnectorConfig
  | CustomLogConnectorConfig
  | LogsIngestionConnectorConfig
  | DataCollectorConnectorConfig
  | FunctionConnectorConfig
  | CodelessConnectorConfig
  | Office365ConnectorConfig
  | Office365ProjectConnectorConfig
  | Office365InsiderRiskManagementConnectorConfig
  | PowerBiConnectorConfig
  | DefenderXdrConnectorConfig
  | DefenderForEndpointConnectorConfig
  | DefenderForIdentityConnectorConfig
  | DefenderForOffice365ConnectorConfig
  | DefenderForCloudAppsConnectorConfig
  | DefenderForCloudConnectorConfig
  | DefenderForIotConnectorConfig
  | EntraIdProtectionConnectorConfig
  | Dynamics365ConnectorConfig
  | MicrosoftThreatIntelligenceConnectorConfig
  | ThreatIntelligencePlatformsConnectorConfig
  | ThreatIntelligenceTaxiiConnectorConfig
  | AwsCloudTrailConnectorConfig
  | AwsS3ConnectorConfig;

/** The kind of a connector. */
export type ConnectorKind = ConnectorConfig['kind'];

/**
 * A connector of a workspace made from a shared definition of `connectorDefinitions`: `use` names it, and any other
 * property replaces the definition's (a whole value: a list given here replaces the definition's list).
 */
export interface ConnectorReference {
  /** Name of the definition under `connectorDefinitions`. */
  readonly use: string;
  /** Properties of the definition's kind that this workspace sets differently. */
  readonly [override: string]: unknown;
}

/** A connector of a workspace: written out, or a shared definition with overrides. */
export type ConnectorEntry = ConnectorConfig | ConnectorReference;

/** True when a connector entry refers to a shared definition. */
export function isConnectorReference(entry: ConnectorEntry): entry is ConnectorReference {
  return typeof (entry as { use?: unknown }).use === 'string';
}
