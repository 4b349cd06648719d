import { Construct } from 'constructs';
import {
  AgentConnectorDeclaration, LogsIngestionConnectorDeclaration, SolutionConnectorDeclaration,
} from '../../model/solutions/solution-manifest';
import { CefConnector } from '../connectors/cef-connector';
import { LogsIngestionConnector } from '../connectors/logs-ingestion-connector';
import { ISentinelConnector } from '../connectors/sentinel-connector';
import { SyslogAgentConnector } from '../connectors/syslog-agent-connector';
import { SyslogConnector } from '../connectors/syslog-connector';
import { IDataCollectionEndpoint } from '../data-collection-endpoint';
import { warn } from '../private/validation';
import { ISentinelWorkspace, TablePlanName } from '../sentinel-workspace';

/**
 * What a stack adds to a connector the solution creates: what differs per deployment (which forwarders, which senders),
 * while what the content needs (facilities, stream, table) stays in solution.yaml.
 */
export interface SolutionConnectorSettings {
  /**
   * Syslog and CEF connectors: the log forwarders whose agent applies the rule.
   *
   * @default - none yet; attach them with `forwarder.attachConnector(solution.connector(id))`
   */
  readonly forwarderResourceIds?: string[];
  /** Syslog and CEF connectors. @default - the workspace name followed by the connector id */
  readonly dataCollectionRuleName?: string;
  /** Syslog and CEF connectors: accept events stored twice (see {@link SyslogConnector}). @default false */
  readonly allowDuplicateEvents?: boolean;
  /** Logs Ingestion connectors: principals allowed to send. @default - none */
  readonly senderPrincipalIds?: string[];
  /** Logs Ingestion connectors: the endpoint senders use. @default - a new endpoint for the connector */
  readonly dataCollectionEndpoint?: IDataCollectionEndpoint;
  /** Logs Ingestion connectors: the plan of the table. @default TablePlanName.ANALYTICS */
  readonly tablePlan?: TablePlanName;
}

/** Settings that apply to each kind of connector. */
const SETTINGS_OF: Record<SolutionConnectorDeclaration['ingestionPath'], ReadonlyArray<keyof SolutionConnectorSettings>> = {
  'syslog-ama': ['forwarderResourceIds', 'dataCollectionRuleName', 'allowDuplicateEvents'],
  'cef-ama': ['forwarderResourceIds', 'dataCollectionRuleName', 'allowDuplicateEvents'],
  'logs-ingestion-api': ['senderPrincipalIds', 'dataCollectionEndpoint', 'tablePlan'],
};

/** How a solution gets its connectors. */
export interface ConnectorProvisioning {
  readonly workspace: ISentinelWorkspace;
  readonly existing: Readonly<Record<string, ISentinelConnector>>;
  readonly settings: Readonly<Record<string, SolutionConnectorSettings>>;
}

/**
 * The connectors a solution declares: each one the stack passes in `connectors`, or else a new connector under `scope`
 * with the declared settings and the stack's `connectorSettings`. Mistakes are returned as `field: message` errors.
 */
export function provideConnectors(scope: Construct, declarations: readonly SolutionConnectorDeclaration[],
  provisioning: ConnectorProvisioning): { connectors: Map<string, ISentinelConnector>; errors: string[] } {
  const errors = unknownIds(declarations, provisioning);
  const connectors = new Map<string, ISentinelConnector>();
  for (const declaration of declarations) {
    const given = provisioning.existing[declaration.id];
    const settings = provisioning.settings[declaration.id] ?? {};
    if (given !== undefined) {
      errors.push(...checkGivenConnector(scope, declaration, given, provisioning.workspace));
      if (provisioning.settings[declaration.id] !== undefined) {
        errors.push(`connectorSettings.${declaration.id}: the stack passes its own connector for "${declaration.id}"; set these on that connector`);
      }
      connectors.set(declaration.id, given);
      continue;
    }
    const misplaced = (Object.keys(settings) as Array<keyof SolutionConnectorSettings>)
      .filter((name) => settings[name] !== undefined && !SETTINGS_OF[declaration.ingestionPath].includes(name));
    misplaced.forEach((name) => errors.push(`connectorSettings.${declaration.id}.${name}: does not apply to a ${declaration.ingestionPath} `
      + `connector (it takes ${SETTINGS_OF[declaration.ingestionPath].join(', ')})`));
    connectors.set(declaration.id, createConnector(scope, declaration, provisioning.workspace, settings));
  }
  return { connectors, errors };
}

function unknownIds(declarations: readonly SolutionConnectorDeclaration[], provisioning: ConnectorProvisioning): string[] {
  const declared = declarations.map((declaration) => declaration.id);
  const list = declared.join(', ') || 'none';
  return [
    ...Object.keys(provisioning.existing).filter((id) => !declared.includes(id))
      .map((id) => `connectors.${id}: the solution declares no connector "${id}" (it declares ${list})`),
    ...Object.keys(provisioning.settings).filter((id) => !declared.includes(id))
      .map((id) => `connectorSettings.${id}: the solution declares no connector "${id}" (it declares ${list})`),
  ];
}

function createConnector(scope: Construct, declaration: SolutionConnectorDeclaration, workspace: ISentinelWorkspace,
  settings: SolutionConnectorSettings): ISentinelConnector {
  if (declaration.ingestionPath === 'logs-ingestion-api') {
    return createLogsIngestionConnector(scope, declaration, workspace, settings);
  }
  const props = {
    workspace,
    facilityNames: [...declaration.facilityNames],
    minimumLevel: declaration.minimumLevel,
    logLevels: declaration.logLevels === undefined ? undefined : [...declaration.logLevels],
    transformKql: declaration.transformKql,
    forwarderResourceIds: settings.forwarderResourceIds,
    dataCollectionRuleName: settings.dataCollectionRuleName,
    allowDuplicateEvents: settings.allowDuplicateEvents,
  };
  return declaration.ingestionPath === 'syslog-ama' ? new SyslogConnector(scope, declaration.id, props) : new CefConnector(scope, declaration.id, props);
}

function createLogsIngestionConnector(scope: Construct, declaration: LogsIngestionConnectorDeclaration, workspace: ISentinelWorkspace,
  settings: SolutionConnectorSettings): LogsIngestionConnector {
  return new LogsIngestionConnector(scope, declaration.id, {
    workspace,
    connectorId: declaration.connectorId,
    title: declaration.title,
    publisher: declaration.publisher,
    description: declaration.description,
    support: declaration.support,
    prerequisites: declaration.prerequisites,
    streamName: declaration.streamName,
    streamColumns: declaration.streamColumns.map(({ name, type }) => ({ name, type })),
    tableName: declaration.tableName,
    tableColumns: declaration.tableColumns?.map((column) => ({ ...column })),
    transformKql: declaration.transformKql,
    senderPrincipalIds: settings.senderPrincipalIds,
    dataCollectionEndpoint: settings.dataCollectionEndpoint,
    tablePlan: settings.tablePlan,
  });
}

/**
 * A connector the stack passes instead of the declared one must be of the same kind, fill the same workspace and
 * the tables the content reads. A facility the solution expects that the connector does not collect is a warning:
 * the content then sees only part of the events.
 */
function checkGivenConnector(scope: Construct, declaration: SolutionConnectorDeclaration, given: ISentinelConnector,
  workspace: ISentinelWorkspace): string[] {
  const field = `connectors.${declaration.id}`;
  if (given.catalogEntry.ingestionPath !== declaration.ingestionPath) {
    return [`${field}: ${given.node.path} is a ${given.catalogEntry.ingestionPath} connector; the solution declares a ${declaration.ingestionPath} connector`];
  }
  if (given.workspace !== workspace) {
    return [`${field}: ${given.node.path} fills the workspace ${given.workspace.node.path}, not ${workspace.node.path}`];
  }
  if (declaration.ingestionPath === 'logs-ingestion-api') {
    return given.catalogEntry.tables.includes(declaration.tableName) ? []
      : [`${field}: ${given.node.path} fills ${given.catalogEntry.tables.join(', ')}; the solution's content reads ${declaration.tableName}`];
  }
  checkFacilities(scope, field, declaration, given);
  return [];
}

function checkFacilities(scope: Construct, field: string, declaration: AgentConnectorDeclaration, given: ISentinelConnector): void {
  if (!(given instanceof SyslogAgentConnector) || given.facilityNames.includes('*')) {
    return;
  }
  const missing = declaration.facilityNames.filter((facility) => facility !== '*' && !given.facilityNames.includes(facility));
  if (missing.length > 0 || declaration.facilityNames.includes('*')) {
    warn(scope, field, `${given.node.path} collects ${given.facilityNames.join(', ')}, but the solution expects ${declaration.facilityNames.join(', ')}; `
      + 'its content will not see events of the other facilities');
  }
}
