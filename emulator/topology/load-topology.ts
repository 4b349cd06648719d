import { unescapeTemplateText } from '../../model/terraform/template-text';
import { ConnectorMetadata } from '../../model/connectors/connector-metadata';
import { builtInTable, builtInTableNames } from '../../model/tables/builtin-tables';
import { ColumnDefinition, TableSchema } from '../../model/tables/table-schema';
import { microsoftStreamSchema, tableNameOfOutputStream, WORKSPACE_TRANSFORMATION_STREAM_PREFIX } from '../../model/streams';
import {
  deterministicGuid, deterministicHex, deterministicSharedKey, EMULATED_SUBSCRIPTION_ID, resolveReferences, resourcesOf,
  TerraformReference, TerraformResourceEntry, wholeReference,
} from './terraform-document';

/** A Log Analytics workspace of the stack. */
export interface EmulatedWorkspace {
  readonly address: string;
  readonly workspaceName: string;
  /** The workspace (customer) ID, derived from the address: stable across restarts. */
  readonly customerId: string;
  readonly resourceId: string;
  /** Every table the workspace has: the built-in tables the model knows and the custom tables of the stack. */
  readonly tables: ReadonlyMap<string, TableSchema>;
  /**
   * Whether shared-key (workspace key) authentication is on (`local_authentication_enabled`, or the deprecated
   * `local_authentication_disabled`; on when neither is set, as in Azure). The HTTP Data Collector API needs it.
   */
  readonly localAuthenticationEnabled: boolean;
  /** The workspace's primary shared key: 64 bytes in base64, derived from the address (Terraform does not hold it). */
  readonly primarySharedKey: string;
  /** The secondary shared key, derived likewise; either key signs Data Collector API requests. */
  readonly secondarySharedKey: string;
}

/** A data collection endpoint of the stack. */
export interface EmulatedEndpoint {
  readonly address: string;
  readonly endpointName: string;
  readonly immutableId: string;
  /** Base URL of the Logs Ingestion API: the emulator's HTTPS address. */
  readonly logsIngestionEndpoint: string;
}

/** A syslog data source of a rule. */
export interface EmulatedSyslogSource {
  readonly name: string;
  readonly streams: readonly string[];
  readonly facilityNames: readonly string[];
  readonly logLevels: readonly string[];
}

/** A text file data source of a rule (`data_sources.log_file`): the files the agent reads, one record a line. */
export interface EmulatedLogFileSource {
  readonly name: string;
  readonly streams: readonly string[];
  readonly filePatterns: readonly string[];
  /** `text` (a line is `RawData`) or `json` (a line is a record). */
  readonly format: string;
}

/** A data flow of a rule, with the table it writes resolved. */
export interface EmulatedDataFlow {
  readonly streams: readonly string[];
  readonly outputStream?: string;
  readonly transformKql?: string;
  /** The table the flow writes, or undefined when the rule cannot say (reported as a problem). */
  readonly tableName?: string;
  /** The workspace the flow writes, by address. */
  readonly workspaceAddress?: string;
}

/** A data collection rule of the stack. */
export interface EmulatedRule {
  readonly address: string;
  readonly ruleName: string;
  /** Derived from the address, stable across restarts: `dcr-<32 hex digits>`. */
  readonly immutableId: string;
  readonly kind?: string;
  readonly endpointAddress?: string;
  readonly streamDeclarations: ReadonlyMap<string, readonly ColumnDefinition[]>;
  readonly syslogSources: readonly EmulatedSyslogSource[];
  readonly logFileSources: readonly EmulatedLogFileSource[];
  readonly dataFlows: readonly EmulatedDataFlow[];
  readonly constructPath?: string;
}

/** A machine that rule associations target: a log forwarder of the stack, or a machine outside it. */
export interface EmulatedForwarder {
  /** Terraform address of the VM or scale set, or the literal resource ID of a machine outside the stack. */
  readonly key: string;
  readonly forwarderName: string;
  /** Rules whose agent configuration this machine applies, by address. */
  readonly ruleAddresses: readonly string[];
  /** The syslog port devices use in Azure (the emulator listens on its own ports). */
  readonly syslogPort: number;
}

/**
 * A Codeless Connector poller of the stack: a `Microsoft.SecurityInsights/dataConnectors` `azapi_resource` of kind
 * `RestApiPoller`, with its `body` and `sensitive_body` properties merged (the API key is in the sensitive one) and the
 * references to the stack's resources resolved; `${var.NAME}` stays for the emulator's `--var`.
 */
export interface EmulatedPoller {
  readonly address: string;
  /** The data connector's name (`name` of the resource): what `--poll-origin NAME=URL` and the page use. */
  readonly name: string;
  readonly properties: Record<string, unknown>;
  /** `request.apiEndpoint` as written, when it is a text. */
  readonly apiEndpoint?: string;
  readonly constructPath?: string;
}

/** What the emulator understood of a synthesized stack. */
export interface EmulatorTopology {
  readonly stackName: string;
  readonly workspaces: readonly EmulatedWorkspace[];
  readonly endpoints: readonly EmulatedEndpoint[];
  readonly rules: readonly EmulatedRule[];
  readonly forwarders: readonly EmulatedForwarder[];
  /** The Codeless Connector pollers (RestApiPoller data connectors). */
  readonly pollers: readonly EmulatedPoller[];
  /** The connectors recorded under `//.sentinel.connectors`, as recorded (JSON from disk: read fields defensively). */
  readonly connectors: readonly ConnectorMetadata[];
  /** Resources provisioned in Azure that the emulator has no part in (networks, identities, ...), by address. */
  readonly notEmulated: readonly string[];
  /** What the loader could not understand, each naming the resource address. */
  readonly problems: readonly string[];
}

/** Options of {@link loadTopology}. */
export interface LoadTopologyOptions {
  readonly stackName: string;
  /** Base URL of the emulator's HTTPS server, which stands in for every data collection endpoint. */
  readonly httpsBaseUrl: string;
}

/** Resource types that exist in Azure only: listed, not emulated. */
const NOT_EMULATED = [
  /^azurerm_(resource_group|virtual_network|subnet|network_interface|network_interface_security_group_association|network_security_group|public_ip|lb|lb_backend_address_pool|lb_probe|lb_rule|virtual_machine_extension|role_assignment|storage_account|service_plan|linux_function_app|sentinel_log_analytics_workspace_onboarding|log_analytics_workspace_table)$/,
  /^azurerm_sentinel_data_connector_/,
  // Solution content: analytic and automation rules, watchlists, parsers and hunting queries, workbooks, templates.
  /^azurerm_(sentinel_alert_rule_[a-z_]+|sentinel_automation_rule|sentinel_watchlist|sentinel_watchlist_item|log_analytics_saved_search|application_insights_workbook|resource_group_template_deployment)$/,
  /^azapi_resource$/,
];

/** The ARM type behind each Terraform type whose ID the emulator writes as Azure does. */
const ARM_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  azurerm_log_analytics_workspace: 'Microsoft.OperationalInsights/workspaces',
  azurerm_monitor_data_collection_endpoint: 'Microsoft.Insights/dataCollectionEndpoints',
  azurerm_monitor_data_collection_rule: 'Microsoft.Insights/dataCollectionRules',
  azurerm_linux_virtual_machine: 'Microsoft.Compute/virtualMachines',
  azurerm_linux_virtual_machine_scale_set: 'Microsoft.Compute/virtualMachineScaleSets',
};

/** Resource types that are log forwarders when rule associations target them. */
const MACHINE_TYPES = new Set(['azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine_scale_set']);

interface ForwarderRecord { resourceAddress?: string; forwarderName?: string; syslogPort?: number }

/**
 * Builds the emulator's model of a synthesized stack (`cdk.tf.json`): workspaces and their tables, endpoints, rules
 * with their sources, declarations and flows, and the forwarders their associations target. References between
 * resources are resolved; anything the loader cannot understand is reported with its address in `problems`.
 */
export function loadTopology(document: Record<string, unknown>, options: LoadTopologyOptions): EmulatorTopology {
  const resources = resourcesOf(document);
  const byAddress = new Map(resources.map((resource) => [resource.address, resource]));
  const problems: string[] = [];
  const notEmulated: string[] = [];

  const literal = (resource: TerraformResourceEntry, argument: string): string | undefined => {
    const value = resource.arguments[argument];
    return typeof value === 'string' ? resolveReferences(value, attributeOf) : undefined;
  };
  const resourceGroupOf = (resource: TerraformResourceEntry) => literal(resource, 'resource_group_name') ?? 'unknown';
  const armId = (resource: TerraformResourceEntry, provider: string) =>
    `/subscriptions/${EMULATED_SUBSCRIPTION_ID}/resourceGroups/${resourceGroupOf(resource)}/providers/${provider}/${literal(resource, 'name') ?? resource.name}`;

  /** The attributes the emulator can compute for a resource of the stack. */
  function attributeOf(reference: TerraformReference): string | undefined {
    const resource = byAddress.get(reference.address);
    if (resource === undefined) {
      return undefined;
    }
    switch (reference.attribute) {
      case 'name':
        return literal(resource, 'name');
      case 'id':
        if (resource.type === 'azurerm_resource_group') {
          return `/subscriptions/${EMULATED_SUBSCRIPTION_ID}/resourceGroups/${literal(resource, 'name')}`;
        }
        return ARM_RESOURCE_TYPES[resource.type] === undefined ? `/emulated/${reference.address}` : armId(resource, ARM_RESOURCE_TYPES[resource.type]);
      case 'workspace_id':
        return resource.type === 'azurerm_log_analytics_workspace' ? deterministicGuid(resource.address) : undefined;
      case 'immutable_id':
        return resource.type === 'azurerm_monitor_data_collection_rule' ? `dcr-${deterministicHex(resource.address)}`
          : resource.type === 'azurerm_monitor_data_collection_endpoint' ? `dce-${deterministicHex(resource.address)}` : undefined;
      case 'logs_ingestion_endpoint':
        return resource.type === 'azurerm_monitor_data_collection_endpoint' ? options.httpsBaseUrl : undefined;
      default:
        return undefined;
    }
  }

  /** The address a reference argument points at, for the relations between resources. */
  const target = (resource: TerraformResourceEntry, argument: string) => wholeReference(resource.arguments[argument])?.address;

  const workspaces: EmulatedWorkspace[] = [];
  const endpoints: EmulatedEndpoint[] = [];
  const rules: EmulatedRule[] = [];
  const customTables: Array<{ workspaceAddress?: string; schema: TableSchema; address: string }> = [];
  const associations: Array<{ targetKey: string; ruleAddress?: string }> = [];
  const pollers: EmulatedPoller[] = [];

  for (const resource of resources) {
    switch (resource.type) {
      case 'azurerm_log_analytics_workspace':
        workspaces.push({
          address: resource.address, workspaceName: literal(resource, 'name') ?? resource.name,
          customerId: deterministicGuid(resource.address), resourceId: armId(resource, ARM_RESOURCE_TYPES.azurerm_log_analytics_workspace),
          tables: new Map(),
          localAuthenticationEnabled: localAuthenticationOf(resource, problems),
          primarySharedKey: sharedKeyOf(resource.address, 'primary_shared_key'),
          secondarySharedKey: sharedKeyOf(resource.address, 'secondary_shared_key'),
        });
        break;
      case 'azurerm_log_analytics_workspace_table_custom_log': {
        const columns = (resource.arguments.column as Array<{ name: string; type: ColumnDefinition['type'] }> | undefined) ?? [];
        customTables.push({
          address: resource.address,
          workspaceAddress: target(resource, 'workspace_id'),
          schema: { tableName: literal(resource, 'name') ?? resource.name, columns: columns.map(({ name, type }) => ({ name, type })) },
        });
        break;
      }
      case 'azurerm_monitor_data_collection_endpoint':
        endpoints.push({
          address: resource.address, endpointName: literal(resource, 'name') ?? resource.name,
          immutableId: `dce-${deterministicHex(resource.address)}`, logsIngestionEndpoint: options.httpsBaseUrl,
        });
        break;
      case 'azurerm_monitor_data_collection_rule':
        rules.push(loadRule(resource, literal, target, problems));
        break;
      case 'azurerm_monitor_data_collection_rule_association': {
        const targetValue = resource.arguments.target_resource_id;
        const targetKey = wholeReference(targetValue)?.address ?? (typeof targetValue === 'string' ? targetValue : undefined);
        if (targetKey === undefined) {
          problems.push(`${resource.address}: target_resource_id is missing`);
        } else {
          associations.push({ targetKey, ruleAddress: target(resource, 'data_collection_rule_id') });
        }
        break;
      }
      case 'azapi_resource': {
        const poller = pollerOf(resource, attributeOf);
        if (poller === undefined) {
          notEmulated.push(resource.address);
        } else {
          pollers.push(poller);
        }
        break;
      }
      default:
        if (MACHINE_TYPES.has(resource.type) || NOT_EMULATED.some((pattern) => pattern.test(resource.type))) {
          notEmulated.push(resource.address);
        } else {
          problems.push(`${resource.address}: the emulator does not understand resources of type ${resource.type}; they are ignored`);
        }
    }
  }

  // Tables: every built-in table the model knows, plus the custom tables declared for the workspace.
  for (const workspace of workspaces) {
    const tables = workspace.tables as Map<string, TableSchema>;
    for (const name of builtInTableNames()) {
      tables.set(name, builtInTable(name) as TableSchema);
    }
  }
  for (const table of customTables) {
    const workspace = workspaces.find((candidate) => candidate.address === table.workspaceAddress);
    if (workspace === undefined) {
      problems.push(`${table.address}: workspace_id does not refer to a workspace of this stack; the table is not emulated`);
    } else {
      (workspace.tables as Map<string, TableSchema>).set(table.schema.tableName, table.schema);
    }
  }
  for (const rule of rules) {
    rule.dataFlows.forEach((flow, index) => {
      const workspace = workspaces.find((candidate) => candidate.address === flow.workspaceAddress);
      if (workspace === undefined) {
        problems.push(`${rule.address}: data_flow[${index}] sends to a workspace outside this stack; it is not emulated`);
      } else if (flow.tableName !== undefined && !workspace.tables.has(flow.tableName)) {
        problems.push(`${rule.address}: data_flow[${index}] writes ${flow.tableName}, which neither the stack nor the emulator's `
          + 'built-in schemas declare; its rows are kept with the columns they have');
      }
    });
  }

  // Forwarders: every machine a rule association targets, named from the forwarder metadata when there is one.
  const recorded = (((document['//'] as Record<string, unknown> | undefined)?.sentinel as { forwarders?: ForwarderRecord[] } | undefined)
    ?.forwarders ?? []);
  const forwarders = new Map<string, { forwarderName: string; syslogPort: number; ruleAddresses: string[] }>();
  for (const association of associations) {
    if (association.ruleAddress === undefined) {
      continue;
    }
    let forwarder = forwarders.get(association.targetKey);
    if (forwarder === undefined) {
      const record = recorded.find((candidate) => candidate.resourceAddress === association.targetKey);
      const machine = byAddress.get(association.targetKey);
      forwarder = {
        forwarderName: record?.forwarderName ?? (machine === undefined ? association.targetKey.split('/').pop() ?? association.targetKey
          : literal(machine, 'name') ?? machine.name),
        syslogPort: record?.syslogPort ?? 514,
        ruleAddresses: [],
      };
      forwarders.set(association.targetKey, forwarder);
    }
    if (!forwarder.ruleAddresses.includes(association.ruleAddress)) {
      forwarder.ruleAddresses.push(association.ruleAddress);
    }
  }

  const connectors = (((document['//'] as Record<string, unknown> | undefined)?.sentinel as { connectors?: ConnectorMetadata[] } | undefined)
    ?.connectors ?? []);
  return {
    stackName: options.stackName,
    workspaces,
    endpoints,
    rules,
    forwarders: [...forwarders].map(([key, forwarder]) => ({ key, ...forwarder })),
    pollers,
    connectors,
    notEmulated,
    problems,
  };
}

/** Whether a rule's kind is the workspace transformation rule's. */
export function isWorkspaceTransforms(kind: string | undefined): boolean {
  return kind?.toLowerCase() === 'workspacetransforms';
}

/** The poller an `azapi_resource` is, when it is a RestApiPoller data connector. */
function pollerOf(resource: TerraformResourceEntry, attributeOf: (reference: TerraformReference) => string | undefined): EmulatedPoller | undefined {
  const type = resource.arguments.type;
  if (typeof type !== 'string' || !type.toLowerCase().startsWith('microsoft.securityinsights/dataconnectors@')) {
    return undefined;
  }
  const body = jsonObject(resource.arguments.body);
  if (body === undefined || String(body.kind).toLowerCase() !== 'restapipoller') {
    return undefined;
  }
  const merged = mergeObjects(jsonObject(body.properties) ?? {}, jsonObject(jsonObject(resource.arguments.sensitive_body)?.properties) ?? {});
  const properties = resolveDeep(merged, attributeOf) as Record<string, unknown>;
  const request = jsonObject(Object.entries(properties).find(([key]) => key.toLowerCase() === 'request')?.[1]);
  const apiEndpoint = request === undefined ? undefined : Object.entries(request).find(([key]) => key.toLowerCase() === 'apiendpoint')?.[1];
  const name = resource.arguments.name;
  return {
    address: resource.address, name: typeof name === 'string' ? name : resource.name, properties,
    ...(typeof apiEndpoint === 'string' ? { apiEndpoint } : {}),
    ...(resource.constructPath === undefined ? {} : { constructPath: resource.constructPath }),
  };
}

/** An object, or the object a JSON text holds (azapi takes `jsonencode(...)` bodies too). */
function jsonObject(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
}

/** `base` with `overlay` merged in, object by object (what azapi sends of `body` and `sensitive_body`). */
function mergeObjects(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const inner = jsonObject(merged[key]);
    const given = value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
    merged[key] = inner !== undefined && given !== undefined ? mergeObjects(inner, given) : value;
  }
  return merged;
}

function resolveDeep(value: unknown, attributeOf: (reference: TerraformReference) => string | undefined): unknown {
  if (typeof value === 'string') {
    return resolveReferences(value, attributeOf);
  }
  if (Array.isArray(value)) {
    return value.map((item) => resolveDeep(item, attributeOf));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveDeep(inner, attributeOf)]));
  }
  return value;
}

/** A workspace's shared key, derived from its address and the attribute name (`primary_shared_key`, ...). */
function sharedKeyOf(address: string, attribute: string): string {
  return deterministicSharedKey(`${address}.${attribute}`);
}

/**
 * Whether a workspace accepts shared-key authentication: `local_authentication_enabled` (azurerm 4), else the
 * deprecated `local_authentication_disabled`, else on (Azure's default). A value only known at apply time is
 * reported and taken as on.
 */
function localAuthenticationOf(resource: TerraformResourceEntry, problems: string[]): boolean {
  const flag = (argument: string): boolean | undefined => {
    const value = resource.arguments[argument];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value === 'boolean') {
      return value;
    }
    if (value === 'true' || value === 'false') {
      return value === 'true';
    }
    problems.push(`${resource.address}: ${argument} is ${JSON.stringify(value)}, known only at apply time; the emulator takes `
      + 'shared-key authentication as on');
    return undefined;
  };
  const enabled = flag('local_authentication_enabled');
  if (enabled !== undefined) {
    return enabled;
  }
  const disabled = flag('local_authentication_disabled');
  return disabled === undefined ? true : !disabled;
}

function loadRule(resource: TerraformResourceEntry, literal: (resource: TerraformResourceEntry, argument: string) => string | undefined,
  target: (resource: TerraformResourceEntry, argument: string) => string | undefined, problems: string[]): EmulatedRule {
  const args = resource.arguments;
  const declarations = new Map<string, ColumnDefinition[]>();
  for (const declaration of (args.stream_declaration as Array<{ stream_name: string; column: ColumnDefinition[] }> | undefined) ?? []) {
    declarations.set(declaration.stream_name, declaration.column.map(({ name, type }) => ({ name, type })));
  }
  const sources = (args.data_sources ?? {}) as Record<string, unknown[]>;
  const syslogSources = ((sources.syslog ?? []) as Array<{ name: string; streams: string[]; facility_names: string[]; log_levels: string[] }>)
    .map((source) => ({ name: source.name, streams: source.streams, facilityNames: source.facility_names, logLevels: source.log_levels }));
  const logFileSources = ((sources.log_file ?? []) as Array<{ name: string; streams: string[]; file_patterns: string[]; format?: string }>)
    .map((source) => ({ name: source.name, streams: source.streams ?? [], filePatterns: source.file_patterns ?? [], format: source.format ?? 'text' }));
  for (const source of logFileSources.filter((candidate) => candidate.format !== 'text' && candidate.format !== 'json')) {
    problems.push(`${resource.address}: data_sources.log_file ${source.name} has format ${source.format}; the emulator reads text and json`);
  }
  for (const kind of Object.keys(sources).filter((key) => key !== 'syslog' && key !== 'log_file')) {
    problems.push(`${resource.address}: data_sources.${kind} is not emulated yet (the emulator receives syslog, CEF, text files and records `
      + 'posted to the Logs Ingestion API)');
  }
  const destinations = ((args.destinations as { log_analytics?: Array<{ name: string; workspace_resource_id: string }> } | undefined)
    ?.log_analytics ?? []);
  const workspaceTransforms = isWorkspaceTransforms(literal(resource, 'kind'));
  const flows = ((args.data_flow ?? []) as Array<{ streams: string[]; destinations: string[]; output_stream?: string; transform_kql?: string }>)
    .map((flow, index): EmulatedDataFlow => {
      const destination = destinations.find((candidate) => flow.destinations.includes(candidate.name));
      const workspaceAddress = destination === undefined ? undefined : wholeReference(destination.workspace_resource_id)?.address;
      const outputStream = flow.output_stream ?? (flow.streams.length === 1 && microsoftStreamSchema(flow.streams[0]) !== undefined
        ? flow.streams[0] : undefined);
      // A workspace transformation's flow reads what reaches a table (`Microsoft-Table-<Table>`) and writes that table.
      const tableName = workspaceTransforms && flow.streams.length === 1 && flow.streams[0].startsWith(WORKSPACE_TRANSFORMATION_STREAM_PREFIX)
        ? flow.streams[0].slice(WORKSPACE_TRANSFORMATION_STREAM_PREFIX.length)
        : outputStream === undefined ? undefined : tableNameOfOutputStream(outputStream);
      if (destination === undefined) {
        problems.push(`${resource.address}: data_flow[${index}] names no Log Analytics destination of the rule; it is not emulated`);
      }
      if (tableName === undefined) {
        problems.push(`${resource.address}: data_flow[${index}] has no output_stream the emulator can map to a table`);
      }
      return {
        streams: flow.streams,
        ...(flow.output_stream === undefined ? {} : { outputStream: flow.output_stream }),
        ...(flow.transform_kql === undefined ? {} : { transformKql: unescapeTemplateText(flow.transform_kql) }),
        ...(tableName === undefined ? {} : { tableName }),
        ...(workspaceAddress === undefined ? {} : { workspaceAddress }),
      };
    });
  const kind = literal(resource, 'kind');
  const endpointAddress = target(resource, 'data_collection_endpoint_id');
  return {
    address: resource.address,
    ruleName: literal(resource, 'name') ?? resource.name,
    immutableId: `dcr-${deterministicHex(resource.address)}`,
    ...(kind === undefined ? {} : { kind }),
    ...(endpointAddress === undefined ? {} : { endpointAddress }),
    streamDeclarations: declarations,
    syslogSources,
    logFileSources,
    dataFlows: flows,
    ...(resource.constructPath === undefined ? {} : { constructPath: resource.constructPath }),
  };
}
