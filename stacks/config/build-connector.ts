import { CefConnector } from '../../constructs/connectors/cef-connector';
import { CodelessConnector } from '../../constructs/connectors/codeless-connector';
import { CustomLogConnector } from '../../constructs/connectors/custom-log-connector';
import { FunctionConnector, FunctionRuntime } from '../../constructs/connectors/function-connector';
import { LegacyDataCollectorConnector } from '../../constructs/connectors/legacy-data-collector-connector';
import { LogsIngestionConnector } from '../../constructs/connectors/logs-ingestion-connector';
import { ISentinelConnector } from '../../constructs/connectors/sentinel-connector';
import { AwsCloudTrailConnector } from '../../constructs/connectors/service-to-service/aws-cloud-trail-connector';
import { AwsS3Connector, AwsS3DestinationTable } from '../../constructs/connectors/service-to-service/aws-s3-connector';
import { DefenderForCloudAppsConnector } from '../../constructs/connectors/service-to-service/defender-for-cloud-apps-connector';
import { DefenderForCloudConnector } from '../../constructs/connectors/service-to-service/defender-for-cloud-connector';
import { DefenderForEndpointConnector } from '../../constructs/connectors/service-to-service/defender-for-endpoint-connector';
import { DefenderForIdentityConnector } from '../../constructs/connectors/service-to-service/defender-for-identity-connector';
import { DefenderForIotConnector } from '../../constructs/connectors/service-to-service/defender-for-iot-connector';
import { DefenderForOffice365Connector } from '../../constructs/connectors/service-to-service/defender-for-office-365-connector';
import { DefenderXdrConnector } from '../../constructs/connectors/service-to-service/defender-xdr-connector';
import { Dynamics365Connector } from '../../constructs/connectors/service-to-service/dynamics-365-connector';
import { EntraIdProtectionConnector } from '../../constructs/connectors/service-to-service/entra-id-protection-connector';
import { MicrosoftThreatIntelligenceConnector } from '../../constructs/connectors/service-to-service/microsoft-threat-intelligence-connector';
import { Office365Connector } from '../../constructs/connectors/service-to-service/office-365-connector';
import { Office365InsiderRiskManagementConnector } from '../../constructs/connectors/service-to-service/office-365-insider-risk-management-connector';
import { Office365ProjectConnector } from '../../constructs/connectors/service-to-service/office-365-project-connector';
import { PowerBiConnector } from '../../constructs/connectors/service-to-service/power-bi-connector';
import { ThreatIntelligencePlatformsConnector } from '../../constructs/connectors/service-to-service/threat-intelligence-platforms-connector';
import { PollingFrequency, ThreatIntelligenceTaxiiConnector } from '../../constructs/connectors/service-to-service/threat-intelligence-taxii-connector';
import { SyslogAgentConnector } from '../../constructs/connectors/syslog-agent-connector';
import { SyslogConnector } from '../../constructs/connectors/syslog-connector';
import { IDataCollectionEndpoint } from '../../constructs/data-collection-endpoint';
import { SentinelWorkspace, TablePlanName } from '../../constructs/sentinel-workspace';
import { ConnectorConfig, ConnectorKind } from '../../model/config/connector-config';

/** What a connector entry refers to by name in its workspace. */
export interface ConnectorReferences {
  /** The data collection endpoint named in `dataCollectionEndpoint`, when there is one. */
  endpoint(name: string | undefined): IDataCollectionEndpoint | undefined;
}

/** A connector entry's config without the config's own properties, as its construct's props take it. */
type PropsOf<K extends ConnectorKind> = Omit<Extract<ConnectorConfig, { kind: K }>, 'kind' | 'transformKqlFile' | 'forwarders'>;

type Builder<K extends ConnectorKind> = (workspace: SentinelWorkspace, id: string, props: PropsOf<K>, references: ConnectorReferences) => ISentinelConnector;

/** A table plan of the config, as the constructs take it. */
export function tablePlanOf(plan: string | undefined): TablePlanName | undefined {
  return plan as TablePlanName | undefined;
}

/**
 * How each kind of connector is made: the construct, under the workspace (as `workspace.addConnector` does), with the
 * entry's properties; names of other entries become the constructs they name. A kind missing here fails to compile.
 */
const BUILDERS: { readonly [K in ConnectorKind]: Builder<K> } = {
  syslog: (workspace, id, props) => workspace.addConnector(SyslogConnector, id, props),
  cef: (workspace, id, props) => workspace.addConnector(CefConnector, id, props),
  customLog: (workspace, id, { dataCollectionEndpoint, tablePlan, ...props }, references) => workspace.addConnector(CustomLogConnector, id,
    { ...props, tablePlan: tablePlanOf(tablePlan), dataCollectionEndpoint: references.endpoint(dataCollectionEndpoint) }),
  logsIngestion: (workspace, id, { dataCollectionEndpoint, tablePlan, ...props }, references) => workspace.addConnector(LogsIngestionConnector, id,
    { ...props, tablePlan: tablePlanOf(tablePlan), dataCollectionEndpoint: references.endpoint(dataCollectionEndpoint) }),
  dataCollector: (workspace, id, props) => new LegacyDataCollectorConnector(workspace, id, { ...props, workspace }),
  function: (workspace, id, { dataCollectionEndpoint, tablePlan, runtime, ...props }, references) => workspace.addConnector(FunctionConnector, id, {
    ...props, runtime: runtime as FunctionRuntime, tablePlan: tablePlanOf(tablePlan), dataCollectionEndpoint: references.endpoint(dataCollectionEndpoint),
  }),
  codeless: (workspace, id, { dataCollectionEndpoint, tablePlan, ...props }, references) => workspace.addConnector(CodelessConnector, id,
    { ...props, tablePlan: tablePlanOf(tablePlan), dataCollectionEndpoint: references.endpoint(dataCollectionEndpoint) }),
  office365: (workspace, id, props) => workspace.addConnector(Office365Connector, id, props),
  office365Project: (workspace, id, props) => workspace.addConnector(Office365ProjectConnector, id, props),
  office365InsiderRiskManagement: (workspace, id, props) => workspace.addConnector(Office365InsiderRiskManagementConnector, id, props),
  powerBi: (workspace, id, props) => workspace.addConnector(PowerBiConnector, id, props),
  defenderXdr: (workspace, id, props) => workspace.addConnector(DefenderXdrConnector, id, props),
  defenderForEndpoint: (workspace, id, props) => workspace.addConnector(DefenderForEndpointConnector, id, props),
  defenderForIdentity: (workspace, id, props) => workspace.addConnector(DefenderForIdentityConnector, id, props),
  defenderForOffice365: (workspace, id, props) => workspace.addConnector(DefenderForOffice365Connector, id, props),
  defenderForCloudApps: (workspace, id, props) => workspace.addConnector(DefenderForCloudAppsConnector, id, props),
  defenderForCloud: (workspace, id, props) => workspace.addConnector(DefenderForCloudConnector, id, props),
  defenderForIot: (workspace, id, props) => workspace.addConnector(DefenderForIotConnector, id, props),
  entraIdProtection: (workspace, id, props) => workspace.addConnector(EntraIdProtectionConnector, id, props),
  dynamics365: (workspace, id, props) => workspace.addConnector(Dynamics365Connector, id, props),
  microsoftThreatIntelligence: (workspace, id, props) => workspace.addConnector(MicrosoftThreatIntelligenceConnector, id, props),
  threatIntelligencePlatforms: (workspace, id, props) => workspace.addConnector(ThreatIntelligencePlatformsConnector, id, props),
  threatIntelligenceTaxii: (workspace, id, { pollingFrequency, ...props }) => workspace.addConnector(ThreatIntelligenceTaxiiConnector, id,
    { ...props, pollingFrequency: pollingFrequency as PollingFrequency | undefined }),
  awsCloudTrail: (workspace, id, props) => workspace.addConnector(AwsCloudTrailConnector, id, props),
  awsS3: (workspace, id, { destinationTable, ...props }) => workspace.addConnector(AwsS3Connector, id,
    { ...props, destinationTable: destinationTable as AwsS3DestinationTable }),
};

/** Makes the connector of an entry under the workspace, construct id `id`. */
export function buildConnector(workspace: SentinelWorkspace, id: string, config: ConnectorConfig, references: ConnectorReferences): ISentinelConnector {
  const { kind, ...rest } = config;
  const { transformKqlFile, forwarders, ...props } = rest as typeof rest & { transformKqlFile?: string; forwarders?: string[] };
  void transformKqlFile; void forwarders;
  const builder = BUILDERS[kind] as Builder<ConnectorKind>;
  return builder(workspace, id, props as PropsOf<ConnectorKind>, references);
}

/** The forwarders a Syslog or CEF entry names. */
export function forwardersOf(config: ConnectorConfig): readonly string[] {
  return config.kind === 'syslog' || config.kind === 'cef' ? config.forwarders ?? [] : [];
}

/** True for the connectors a log forwarder's agent applies (Syslog and CEF). */
export function isSyslogAgentConnector(connector: unknown): connector is SyslogAgentConnector {
  return connector instanceof SyslogAgentConnector;
}
