import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  CcpAuthConfig, CodelessConnector, CodelessConnectorProps, ContentHubConnectorFiles,
} from '../../../constructs/connectors/codeless-connector';
import { CustomTableColumn } from '../../../constructs/custom-table';
import { readTestdata } from '../../support/shared-testdata';
import {
  newWorkspaceStack, onlyResource, resourcesOf, synth, synthError, synthWithMetadata, warningsOf,
} from '../../support/synth';

const WORKSPACE_ID = '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}';
const ONBOARDING = 'azurerm_sentinel_log_analytics_workspace_onboarding.Sentinel_SentinelOnboarding_2D7913B4';

/** A stack with a workspace and a sensitive variable for the poller's secret. */
function secretStack() {
  const { stack, workspace } = newWorkspaceStack();
  const secret = new TerraformVariable(stack, 'contosoApiKey', { type: 'string', sensitive: true });
  return { stack, workspace, secret: secret.stringValue };
}

function contosoProps(secret: string): Omit<CodelessConnectorProps, 'workspace'> {
  return {
    connectorId: 'ContosoAudit',
    title: 'Contoso audit log',
    publisher: 'Contoso',
    description: 'Audit events of the Contoso API.',
    auth: { type: 'APIKey', apiKey: secret, apiKeyName: 'Authorization', apiKeyIdentifier: 'Bearer' },
    request: {
      apiEndpoint: 'https://api.contoso.com/v1/audit', httpMethod: 'GET', queryWindowInMin: 5, rateLimitQPS: 10, retryCount: 3,
      timeoutInSeconds: 60, headers: { Accept: 'application/json' }, queryParameters: { filter: 'severity ge 2' },
      queryTimeFormat: 'yyyy-MM-ddTHH:mm:ssZ', startTimeAttributeName: 'since', endTimeAttributeName: 'until',
    },
    paging: { pagingType: 'NextPageToken', nextPageTokenJsonPath: '$.next', nextPageParaName: 'cursor', pageSize: 500, pageSizeParameterName: 'limit' },
    response: { eventsJsonPaths: ['$.events'], format: 'json' },
    streamName: 'Custom-ContosoAudit',
    streamColumns: [{ name: 'eventTime', type: 'datetime' }, { name: 'action', type: 'string' }],
    tableName: 'ContosoAudit_CL',
    tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Action', type: 'string' }],
    transformKql: 'source | project TimeGenerated = eventTime, Action = action',
  };
}

function contosoStack(props: Partial<CodelessConnectorProps> = {}) {
  const { stack, workspace, secret } = secretStack();
  const connector = new CodelessConnector(stack, 'Contoso', { workspace, ...contosoProps(secret), ...props });
  return { stack, workspace, connector };
}

/** The azapi_resource of a type (`Microsoft.SecurityInsights/dataConnectors@...`). */
function azapiResource(synthesized: ReturnType<typeof synth>, resourceType: string): Record<string, unknown> & { body: { kind: string; properties: Record<string, unknown> } } {
  const found = resourcesOf(synthesized, 'azapi_resource').filter((resource) => String(resource.type).startsWith(`${resourceType}@`));
  if (found.length !== 1) {
    throw new Error(`expected one ${resourceType}, found ${found.length}`);
  }
  return found[0] as never;
}

describe('CodelessConnector', () => {
  test('declares the connector definition and a RestApiPoller connection as azapi resources of the workspace', () => {
    const { stack } = contosoStack();
    // The poller's sections go out exactly as given, the variable written as Terraform writes it.
    const given = contosoProps('${var.contosoApiKey}');
    const synthesized = synth(stack);
    expect(azapiResource(synthesized, 'Microsoft.SecurityInsights/dataConnectors')).toEqual({
      type: 'Microsoft.SecurityInsights/dataConnectors@2024-09-01',
      name: 'ContosoAudit',
      parent_id: WORKSPACE_ID,
      schema_validation_enabled: false,
      // After the table it fills, which Sentinel checks when it creates the connection.
      depends_on: [ONBOARDING, 'azapi_resource.Contoso_Definition_82675D92', 'azurerm_log_analytics_workspace_table_custom_log.Contoso_Table_F2146283'],
      // The secret goes in azapi's sensitive_body, which azapi merges into the body it sends and keeps out of the state.
      sensitive_body: { properties: { auth: { apiKey: '${var.contosoApiKey}' } } },
      body: {
        kind: 'RestApiPoller',
        properties: {
          connectorDefinitionName: 'ContosoAuditDefinition',
          dataType: 'ContosoAudit_CL',
          auth: { type: 'APIKey', apiKeyName: 'Authorization', apiKeyIdentifier: 'Bearer' },
          request: given.request,
          paging: given.paging,
          response: given.response,
          dcrConfig: {
            streamName: 'Custom-ContosoAudit',
            dataCollectionEndpoint: '${azurerm_monitor_data_collection_endpoint.Contoso_Endpoint_9ADF09AF.logs_ingestion_endpoint}',
            dataCollectionRuleImmutableId: '${azurerm_monitor_data_collection_rule.Contoso_Rule_BD519F1E.immutable_id}',
          },
        },
      },
    });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('writes a connector page from the title, description and table when none is given', () => {
    const synthesized = synth(contosoStack().stack);
    expect(azapiResource(synthesized, 'Microsoft.SecurityInsights/dataConnectorDefinitions')).toEqual({
      type: 'Microsoft.SecurityInsights/dataConnectorDefinitions@2024-09-01',
      name: 'ContosoAuditDefinition',
      parent_id: WORKSPACE_ID,
      schema_validation_enabled: false,
      depends_on: [ONBOARDING],
      body: {
        kind: 'Customizable',
        properties: {
          connectorUiConfig: {
            id: 'ContosoAuditDefinition',
            title: 'Contoso audit log',
            publisher: 'Contoso',
            descriptionMarkdown: 'Audit events of the Contoso API.',
            graphQueries: [{ metricName: 'Total events received', legend: 'ContosoAudit_CL', baseQuery: 'ContosoAudit_CL' }],
            dataTypes: [{ name: 'ContosoAudit_CL', lastDataReceivedQuery: 'ContosoAudit_CL\n| summarize Time = max(TimeGenerated)\n| where isnotempty(Time)' }],
            connectivityCriteria: [{ type: 'HasDataConnectors' }],
            permissions: {
              resourceProvider: [{
                provider: 'Microsoft.OperationalInsights/workspaces', permissionsDisplayText: 'Read and Write permissions are required.',
                providerDisplayName: 'Workspace', scope: 'Workspace', requiredPermissions: { read: true, write: true, delete: true },
              }],
            },
            instructionSteps: [{ title: 'Managed as code', description: 'Deployed by Terraform from test/Contoso; change it there.' }],
          },
        },
      },
    });
  });

  test('sends through its own endpoint, table and rule', () => {
    const synthesized = synth(contosoStack().stack);
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_endpoint')).toMatchObject({ name: 'contoso-sentinel-ContosoAudit-dce' });
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace_table_custom_log')).toMatchObject({ name: 'ContosoAudit_CL' });
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_rule')).toMatchObject({
      name: 'contoso-sentinel-ContosoAudit',
      description: 'Contoso audit log: records the codeless connector posts to the Logs Ingestion API',
      data_collection_endpoint_id: '${azurerm_monitor_data_collection_endpoint.Contoso_Endpoint_9ADF09AF.id}',
      stream_declaration: [{ stream_name: 'Custom-ContosoAudit', column: [{ name: 'eventTime', type: 'datetime' }, { name: 'action', type: 'string' }] }],
      data_flow: [{ streams: ['Custom-ContosoAudit'], output_stream: 'Custom-ContosoAudit_CL', transform_kql: 'source | project TimeGenerated = eventTime, Action = action' }],
    });
    expect(resourcesOf(synthesized, 'azurerm_role_assignment')).toEqual([]);
  });

  test('requires the azapi provider once per stack, however many codeless connectors it holds', () => {
    const { stack, workspace, secret } = secretStack();
    const second = { ...contosoProps(secret), connectorId: 'ContosoAdmin', streamName: 'Custom-ContosoAdmin', tableName: 'ContosoAdmin_CL' };
    new CodelessConnector(stack, 'Audit', { workspace, ...contosoProps(secret) });
    new CodelessConnector(stack, 'Admin', { workspace, ...second });
    const synthesized = synth(stack) as ReturnType<typeof synth> & { provider: Record<string, unknown[]> };
    expect(synthesized.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: '~> 2.4' });
    expect(synthesized.provider.azapi).toEqual([{}]);
    expect(stack.node.children.filter((child) => child.node.id === 'azapi')).toHaveLength(1);
    expect(resourcesOf(synthesized, 'azapi_resource').map((resource) => resource.name).sort())
      .toEqual(['ContosoAdmin', 'ContosoAdminDefinition', 'ContosoAudit', 'ContosoAuditDefinition']);
  });

  test('records its catalog entry as a Codeless Connector poller', () => {
    const metadata = synthWithMetadata(contosoStack().stack)['//']?.sentinel?.connectors;
    expect(metadata).toEqual([{
      constructPath: 'test/Contoso',
      workspace: 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3',
      catalogEntry: {
        connectorId: 'ContosoAudit', title: 'Contoso audit log', publisher: 'Contoso', ingestionPath: 'codeless-connector',
        tables: ['ContosoAudit_CL'], prerequisites: [], support: { tier: 'Community' }, description: 'Audit events of the Contoso API.',
      },
      resources: [
        'azurerm_monitor_data_collection_endpoint.Contoso_Endpoint_9ADF09AF',
        'azurerm_log_analytics_workspace_table_custom_log.Contoso_Table_F2146283',
        'azurerm_monitor_data_collection_rule.Contoso_Rule_BD519F1E',
        'azapi_resource.Contoso_Definition_82675D92',
        'azapi_resource.Contoso_F84981A1',
      ],
      details: {
        streamName: 'Custom-ContosoAudit', dataConnectorName: 'ContosoAudit', connectorDefinitionName: 'ContosoAuditDefinition',
        apiEndpoint: 'https://api.contoso.com/v1/audit',
      },
    }]);
  });

  test('takes Basic and OAuth2 authentication from variables', () => {
    const { stack, workspace, secret } = secretStack();
    const auths: CcpAuthConfig[] = [
      { type: 'Basic', userName: 'svc-sentinel', password: secret },
      { type: 'OAuth2', clientId: 'sentinel', clientSecret: secret, grantType: 'client_credentials', tokenEndpoint: 'https://login.contoso.com/token', scope: 'audit.read' },
    ];
    auths.forEach((auth, index) => new CodelessConnector(stack, `Contoso${index}`, {
      workspace, ...contosoProps(secret), auth, connectorId: `Contoso${index}`, streamName: `Custom-Contoso${index}`, tableName: `Contoso${index}_CL`,
    }));
    const connections = resourcesOf(synth(stack), 'azapi_resource').filter((resource) => String(resource.type).includes('dataConnectors@'));
    expect(connections.map((resource) => (resource.body as { properties: { auth: unknown } }).properties.auth)).toEqual([
      { type: 'Basic', userName: 'svc-sentinel' },
      { type: 'OAuth2', clientId: 'sentinel', grantType: 'client_credentials', tokenEndpoint: 'https://login.contoso.com/token', scope: 'audit.read' },
    ]);
    // The secrets reach Azure through sensitive_body only, never the state.
    expect(connections.map((resource) => resource.sensitive_body)).toEqual([
      { properties: { auth: { password: '${var.contosoApiKey}' } } },
      { properties: { auth: { clientSecret: '${var.contosoApiKey}' } } },
    ]);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('takes a start time parameter without an end, as Microsoft\'s pollers write it (issue 18); warns about an end without a start', () => {
    const startOnly = contosoStack({ request: { ...contosoProps('${var.unused}').request, endTimeAttributeName: undefined } }).stack;
    synth(startOnly);
    expect(warningsOf(startOnly)).toEqual([]);
    const endOnly = contosoStack({ request: { ...contosoProps('${var.unused}').request, startTimeAttributeName: undefined } }).stack;
    synth(endOnly);
    expect(warningsOf(endOnly)).toEqual([
      '[test/Contoso] request.startTimeAttributeName: is not given while endTimeAttributeName "until" is: each poll sends only the end of '
        + 'its window, so the API may return every event before it again; name the start parameter too',
    ]);
  });

  test('warns about a literal OAuth2 client secret', () => {
    const { stack } = contosoStack({
      auth: { type: 'OAuth2', clientId: 'sentinel', clientSecret: 'not-so-secret', grantType: 'client_credentials', tokenEndpoint: 'https://login.contoso.com/token' },
    });
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      '[test/Contoso] auth.clientSecret: is a literal, so it is written into the code and the Terraform configuration; give a '
        + 'sensitive Terraform variable (TerraformVariable with sensitive: true) or a reference to a Key Vault secret',
    ]);
  });
});

/** The Auth0 solution's columns of Auth0Logs_CL, as its transformation writes them. */
const AUTH0_TABLE_COLUMNS: CustomTableColumn[] = [
  ['TimeGenerated', 'datetime'], ['EventType', 'string'], ['Description', 'string'], ['Connection', 'string'],
  ['ConnectionId', 'string'], ['ClientId', 'string'], ['ClientName', 'string'], ['SrcIpAddr', 'string'],
  ['HttpUserAgent', 'string'], ['SrcHostname', 'string'], ['ActorUserId', 'string'], ['ActorUsername', 'string'],
  ['Audience', 'string'], ['Scope', 'string'], ['Strategy', 'string'], ['StrategyType', 'string'],
  ['LocationInfo', 'dynamic'], ['Details', 'dynamic'], ['LogId', 'string'], ['TenantName', 'string'], ['IsMobile', 'boolean'],
].map(([name, type]) => ({ name, type }) as CustomTableColumn);

/** Microsoft's Auth0 files, with their template placeholders replaced as a deployment would. */
function auth0Files(stack: TerraformStack, replacePlaceholders = true) {
  const clientSecret = new TerraformVariable(stack, 'auth0ClientSecret', { type: 'string', sensitive: true }).stringValue;
  const fill = (text: string) => !replacePlaceholders ? text : text
    .replace('{{ClientId}}', 'auth0-client-id')
    .replace('{{ClientSecret}}', clientSecret)
    .replace(/\[\[concat\(parameters\('Domain'\),'([^']*)'\)\]/g, 'https://contoso.eu.auth0.com$1');
  const files = {
    pollingConfig: JSON.parse(fill(readTestdata('sentinel-content/ccp/Auth0/PollingConfig.json'))),
    connectorDefinition: JSON.parse(readTestdata('sentinel-content/ccp/Auth0/DataConnectorDefinition.json')),
    dataCollectionRule: JSON.parse(readTestdata('sentinel-content/dcr/Auth0/DCR.json')),
  };
  /** A part of the files as synthesized: the variable's token written as Terraform writes it. */
  const synthesized = (value: unknown) => JSON.parse(JSON.stringify(value).split(clientSecret).join('${var.auth0ClientSecret}'));
  return { files, synthesized };
}

/** Keys lower-cased at every depth: the service reads the poller's configuration whatever the case of its keys. */
function lowerCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(lowerCaseKeys);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key.toLowerCase(), lowerCaseKeys(child)]));
  }
  return value;
}

/** The body azapi sends: `body` with `sensitive_body` merged into it. */
function sentBody(resource: { body: { properties: Record<string, unknown> }; sensitive_body?: unknown }): { properties: Record<string, any> } {
  const merge = (target: unknown, patch: unknown): unknown => (typeof target === 'object' && target !== null && typeof patch === 'object' && patch !== null
    ? Object.fromEntries([...new Set([...Object.keys(target), ...Object.keys(patch)])].map((key) =>
      [key, key in (patch as object) ? merge((target as Record<string, unknown>)[key], (patch as Record<string, unknown>)[key]) : (target as Record<string, unknown>)[key]]))
    : patch === undefined ? target : patch);
  return merge(resource.body, resource.sensitive_body) as { properties: Record<string, any> };
}

describe('CodelessConnector.fromContentHubFiles', () => {
  function auth0Stack() {
    const { stack, workspace } = newWorkspaceStack();
    const { files, synthesized } = auth0Files(stack);
    const connector = CodelessConnector.fromContentHubFiles(stack, 'Auth0', { workspace, ...files, tableColumns: AUTH0_TABLE_COLUMNS });
    return { stack, files, synthesized, connector };
  }

  test('loads Microsoft\'s Auth0 connector and sends its auth, request, paging and response as the files write them', () => {
    const { stack, files, synthesized } = auth0Stack();
    const connection = azapiResource(synth(stack), 'Microsoft.SecurityInsights/dataConnectors');
    const fileProperties = files.pollingConfig.properties;
    expect(connection).toMatchObject({ name: 'Auth0Logs', type: 'Microsoft.SecurityInsights/dataConnectors@2024-09-01' });
    expect(connection.body.kind).toBe(files.pollingConfig.kind);
    for (const [section, fromFile] of [['auth', fileProperties.auth], ['request', fileProperties.request],
      ['paging', fileProperties.Paging], ['response', fileProperties.response]] as const) {
      expect(lowerCaseKeys(sentBody(connection).properties[section])).toEqual(lowerCaseKeys(synthesized(fromFile)));
    }
    expect(sentBody(connection).properties).toMatchObject({
      connectorDefinitionName: fileProperties.connectorDefinitionName,
      dataType: fileProperties.dataType,
      auth: { type: 'OAuth2', clientId: 'auth0-client-id', clientSecret: '${var.auth0ClientSecret}', tokenEndpoint: 'https://contoso.eu.auth0.com/oauth/token' },
      paging: { pagingType: 'PersistentToken', pageSizeParameterName: 'take', pageSize: 100 },
      dcrConfig: {
        streamName: fileProperties.dcrConfig.streamName,
        dataCollectionEndpoint: '${azurerm_monitor_data_collection_endpoint.Auth0_Endpoint_41982E2C.logs_ingestion_endpoint}',
        dataCollectionRuleImmutableId: '${azurerm_monitor_data_collection_rule.Auth0_Rule_8E67A75E.immutable_id}',
      },
    });
  });

  test('reads column types in any case, as Azure does (Microsoft\'s files write "Datetime"), issue 18', () => {
    const { stack, workspace } = newWorkspaceStack();
    const { files } = auth0Files(stack);
    const dataCollectionRule = JSON.parse(JSON.stringify(files.dataCollectionRule));
    const columns = dataCollectionRule.properties.streamDeclarations['Custom-Auth0Logs'].columns as Array<{ name: string; type: string }>;
    const lowerCase = columns.map((column) => column.type);
    columns.forEach((column) => { column.type = column.type[0].toUpperCase() + column.type.slice(1); });
    expect(columns.map((column) => column.type)).toContain('Datetime');
    CodelessConnector.fromContentHubFiles(stack, 'Auth0', { workspace, ...files, dataCollectionRule, tableColumns: AUTH0_TABLE_COLUMNS });
    const declared = onlyResource(synth(stack), 'azurerm_monitor_data_collection_rule').stream_declaration as Array<{ column: Array<{ type: string }> }>;
    expect(declared[0].column.map((column) => column.type)).toEqual(lowerCase);
  });

  test('a polling file with several pollers (as Cisco Meraki\'s) is an error naming them, never only the first in silence', () => {
    const { stack, workspace } = newWorkspaceStack();
    const { files } = auth0Files(stack);
    // Two pollers in one file, as Microsoft writes them (the Auth0 poller and a renamed copy of it).
    const pollingConfig = [files.pollingConfig, { ...files.pollingConfig, name: 'Auth0LogsCopy' }];
    expect(() => CodelessConnector.fromContentHubFiles(stack, 'Auth0', { workspace, ...files, pollingConfig, tableColumns: AUTH0_TABLE_COLUMNS }))
      .toThrow('[test/Auth0] pollingConfig: holds 2 pollers ("Auth0Logs", "Auth0LogsCopy"); a connector declares one: give pollerName, '
        + 'and declare one connector per poller, each with its own connectorDefinitionName');
    expect(() => CodelessConnector.fromContentHubFiles(stack, 'Auth0', { workspace, ...files, pollingConfig, pollerName: 'Auth0Log' }))
      .toThrow('[test/Auth0] pollerName: "Auth0Log" is not the name of a poller of pollingConfig (it holds "Auth0Logs", "Auth0LogsCopy")');
    const connector = CodelessConnector.fromContentHubFiles(stack, 'Auth0', {
      workspace, ...files, pollingConfig, pollerName: 'Auth0LogsCopy', tableColumns: AUTH0_TABLE_COLUMNS,
    });
    expect(connector.dataConnectorName).toBe('Auth0LogsCopy');
    expect(azapiResource(synth(stack), 'Microsoft.SecurityInsights/dataConnectors')).toMatchObject({ name: 'Auth0LogsCopy' });
  });

  test('creates the poller\'s table from the folder\'s table file, its column types in any case', () => {
    const { stack, workspace } = newWorkspaceStack();
    const { files } = auth0Files(stack);
    // The shape of a Content Hub table file: a workspaces/tables resource whose schema lists the columns (types capitalized).
    const table = [{ name: 'Other_CL', properties: { schema: { name: 'Other_CL', columns: [] } } }, {
      name: 'Auth0Logs_CL', type: 'Microsoft.OperationalInsights/workspaces/tables', apiVersion: '2021-03-01-privatepreview',
      properties: { schema: { name: 'Auth0Logs_CL', columns: AUTH0_TABLE_COLUMNS.map(({ name, type }, index) => ({
        name, type: type[0].toUpperCase() + type.slice(1), ...(index === 0 ? { description: 'The time of the event', isDefaultDisplay: true } : {}),
      })) } },
    }];
    CodelessConnector.fromContentHubFiles(stack, 'Auth0', { workspace, ...files, table });
    const created = onlyResource(synth(stack), 'azurerm_log_analytics_workspace_table_custom_log') as { name: string; column: Array<Record<string, unknown>> };
    expect(created.name).toBe('Auth0Logs_CL');
    expect(created.column.map((column) => `${column.name}:${column.type}`)).toEqual(AUTH0_TABLE_COLUMNS.map(({ name, type }) => `${name}:${type}`));
    expect(created.column[0]).toMatchObject({ description: 'The time of the event' });
    expect(warningsOf(stack)).toEqual([]);
    expect(() => CodelessConnector.fromContentHubFiles(stack, 'Again', { workspace, ...files, table: table[0] }))
      .toThrow('[test/Again] table: holds no table "Auth0Logs_CL", which the data collection rule writes (it holds "Other_CL")');
  });

  test('sends the connector page of Microsoft\'s definition unchanged', () => {
    const { stack, files } = auth0Stack();
    const definition = azapiResource(synth(stack), 'Microsoft.SecurityInsights/dataConnectorDefinitions');
    expect(definition).toMatchObject({ name: files.connectorDefinition.name, body: { kind: files.connectorDefinition.kind } });
    expect(definition.body.properties.connectorUiConfig).toEqual(files.connectorDefinition.properties.connectorUiConfig);
  });

  test('declares the Auth0 stream and transformation, whose KQL passes the checks against the stream and the table', () => {
    const { stack, files, connector } = auth0Stack();
    const declared = files.dataCollectionRule.properties.streamDeclarations['Custom-Auth0Logs'].columns;
    const flow = files.dataCollectionRule.properties.dataFlows[0];
    expect(onlyResource(synth(stack), 'azurerm_monitor_data_collection_rule')).toMatchObject({
      stream_declaration: [{ stream_name: 'Custom-Auth0Logs', column: declared }],
      data_flow: [{ streams: flow.streams, output_stream: flow.outputStream, transform_kql: flow.transformKql }],
    });
    expect(warningsOf(stack)).toEqual([]);
    expect(connector.catalogEntry).toEqual({
      connectorId: 'Auth0Logs', title: 'Auth0 Logs', publisher: 'Microsoft', ingestionPath: 'codeless-connector',
      tables: ['Auth0Logs_CL'], prerequisites: [], support: { tier: 'Microsoft', name: 'Microsoft Corporation', link: 'https://support.microsoft.com' },
    });
  });

  test('writes HCL too, leaving out the nulls of Microsoft\'s JSON that the HCL renderer cannot write', () => {
    const hcl = String(Testing.synthHcl(auth0Stack().stack));
    expect(hcl).toContain('type = "Microsoft.SecurityInsights/dataConnectors@2024-09-01"');
    expect(hcl).toContain('type = "Microsoft.SecurityInsights/dataConnectorDefinitions@2024-09-01"');
    expect(hcl).toContain('nextPageTokenJsonPath = "$.[-1:].log_id"');
    expect(hcl).not.toContain('innerSteps');
  });

  test('fails on a template placeholder left in the files, naming the field', () => {
    const { stack, workspace } = newWorkspaceStack();
    const { files } = auth0Files(stack, false);
    expect(() => CodelessConnector.fromContentHubFiles(stack, 'Auth0', { workspace, ...files })).toThrow(
      '[test/Auth0] auth.clientId: holds the template expression "{{ClientId}}" of Microsoft\'s packaging, which azapi would send '
        + 'as written; replace it with the value (a Terraform variable for secrets)');
  });

  test.each<[string, (files: ReturnType<typeof auth0Files>['files']) => Partial<ContentHubConnectorFiles>, string]>([
    ['a polling config that is not a resource', () => ({ pollingConfig: 'Auth0Logs' }),
      'pollingConfig: is not a resource (a JSON object, or an array holding one)'],
    ['a polling config without a request', (files) => ({ pollingConfig: { ...files.pollingConfig, properties: { ...files.pollingConfig.properties, request: undefined } } }),
      'pollingConfig.properties.request: is missing'],
    ['a rule that does not declare the stream', (files) => ({ dataCollectionRule: { properties: { ...files.dataCollectionRule.properties, streamDeclarations: {} } } }),
      'dataCollectionRule.properties.streamDeclarations.Custom-Auth0Logs: is missing'],
    ['a rule without a flow from the stream', (files) => ({ dataCollectionRule: { properties: { ...files.dataCollectionRule.properties, dataFlows: [] } } }),
      'dataCollectionRule.properties.dataFlows: has 0 data flows from "Custom-Auth0Logs"; a codeless connector sends one stream to one table'],
  ])('fails on %s', (_case, change, expected) => {
    const { stack, workspace } = newWorkspaceStack();
    const { files } = auth0Files(stack);
    expect(() => CodelessConnector.fromContentHubFiles(stack, 'Auth0', { workspace, ...files, ...change(files) })).toThrow(`[test/Auth0] ${expected}`);
  });
});

describe('CodelessConnector fails at synth', () => {
  const oauth2 = { type: 'OAuth2', clientId: 'sentinel', clientSecret: '${var.secret}', grantType: 'client_credentials', tokenEndpoint: 'https://login.contoso.com/token' } as const;
  const request = contosoProps('').request;

  test.each<[string, (secret: string) => Partial<CodelessConnectorProps>, string]>([
    ['an API endpoint over http', () => ({ request: { ...request, apiEndpoint: 'http://api.contoso.com/v1/audit' } }),
      'request.apiEndpoint: must be an https:// URL, got "http://api.contoso.com/v1/audit"'],
    ['an authentication type it does not support', () => ({ auth: { type: 'JwtToken' } as unknown as CcpAuthConfig }),
      'auth.type: "JwtToken" is not an authentication type this construct supports; expected Basic, APIKey, OAuth2'],
    ['Basic authentication without a password', () => ({ auth: { type: 'Basic', userName: 'svc' } as CcpAuthConfig }),
      'auth.password: is required with auth type Basic (required: userName, password)'],
    ['an API key without its header name', (secret) => ({ auth: { type: 'APIKey', apiKey: secret } as CcpAuthConfig }),
      'auth.apiKeyName: is required with auth type APIKey (required: apiKey, apiKeyName)'],
    ['OAuth2 without a token endpoint', () => ({ auth: { ...oauth2, tokenEndpoint: undefined } as unknown as CcpAuthConfig }),
      'auth.tokenEndpoint: is required with auth type OAuth2 (required: clientId, clientSecret, grantType, tokenEndpoint)'],
    ['a literal password', () => ({ auth: { type: 'Basic', userName: 'svc', password: 'Winter2025!' } }),
      'auth.password: is a literal, so it is written into the code and the Terraform configuration'],
    ['a literal API key', () => ({ auth: { type: 'APIKey', apiKey: '0123456789abcdef', apiKeyName: 'X-Api-Key' } }),
      'auth.apiKey: is a literal'],
    ['a token endpoint over http', () => ({ auth: { ...oauth2, tokenEndpoint: 'http://login.contoso.com/token' } }),
      'auth.tokenEndpoint: must be an https:// URL'],
    ['an unknown grant type', () => ({ auth: { ...oauth2, grantType: 'password' as 'client_credentials' } }),
      'auth.grantType: "password" is not a grant type of the Codeless Connector Platform; expected client_credentials or authorization_code'],
    ['the authorization code grant without its endpoint', () => ({ auth: { ...oauth2, grantType: 'authorization_code' } }),
      'auth.authorizationEndpoint: is required with the authorization_code grant'],
    ['an unknown HTTP method', () => ({ request: { ...request, httpMethod: 'PATCH' } }),
      'request.httpMethod: "PATCH" is not an HTTP method the poller uses; expected GET, POST, PUT, DELETE'],
    ['a query window under a minute', () => ({ request: { ...request, queryWindowInMin: 0 } }),
      'request.queryWindowInMin: must be a whole number at least 1, got 0'],
    ['a fractional query window', () => ({ request: { ...request, queryWindowInMin: 2.5 } }),
      'request.queryWindowInMin: must be a whole number at least 1, got 2.5'],
    ['more than 6 retries', () => ({ request: { ...request, retryCount: 7 } }),
      'request.retryCount: must be a whole number from 1 to 6, got 7'],
    ['a timeout over 180 seconds', () => ({ request: { ...request, timeoutInSeconds: 300 } }),
      'request.timeoutInSeconds: must be a whole number from 1 to 180, got 300'],
    ['a rate limit of zero', () => ({ request: { ...request, rateLimitQPS: 0 } }),
      'request.rateLimitQPS: must be a whole number at least 1, got 0'],
    ['an unknown paging type', () => ({ paging: { pagingType: 'Cursor' as 'Offset' } }),
      'paging.pagingType: "Cursor" is not a paging type; expected one of LinkHeader, NextPageToken, NextPageUrl, PersistentToken, '
        + 'PersistentLinkHeader, Offset, CountBasedPaging'],
    ['a page size sent in no query parameter', () => ({ paging: { pagingType: 'NextPageToken', nextPageTokenJsonPath: '$.next', pageSize: 500 } }),
      'paging.pageSizeParameterName: pageSize 500 is sent in no query parameter: name it with pageSizeParameterName (e.g. "limit"), or leave pageSize out'],
    ['a page size parameter without a page size', () => ({ paging: { pagingType: 'Offset', offsetParaName: 'offset', pageSizeParameterName: 'limit' } }),
      'paging.pageSize: pageSizeParameterName "limit" names a parameter but no pageSize gives its value; give both or neither'],
    ['a response without events paths', () => ({ response: { eventsJsonPaths: [] } }),
      'response.eventsJsonPaths: lists no JSON path; give at least one, e.g. "$" for a response that is an array of events'],
    ['an events path that is not a JSON path', () => ({ response: { eventsJsonPaths: ['events'] } }),
      'response.eventsJsonPaths[0]: "events" is not a JSON path; it starts with "$", the root of the response'],
    ['an unknown response format', () => ({ response: { eventsJsonPaths: ['$'], format: 'yaml' as 'json' } }),
      'response.format: "yaml" is not a response format; expected json, csv, xml'],
    ['an ARM expression left in the request', () => ({ request: { ...request, apiEndpoint: "[[concat(parameters('Domain'),'/api/v2/logs')]" } }),
      'request.apiEndpoint: holds the template expression "[[concat(parameters(\'Domain\'),\'/api/v2/logs\')]"'],
    ['an invalid connector definition name', () => ({ connectorDefinitionName: 'Contoso Audit' }),
      'connectorDefinitionName: "Contoso Audit" is not a valid connector definition name; expected letters, digits, "-" or "_"'],
  ])('fails on %s', (_case, change, expected) => {
    const { stack, workspace, secret } = secretStack();
    const declare = () => new CodelessConnector(stack, 'Contoso', { workspace, ...contosoProps(secret), ...change(secret) });
    expect(messageOf(declare, stack)).toContain(`[test/Contoso] ${expected}`);
  });
});

/** The message of the error that declaring, then synthesizing, raises. */
function messageOf(declare: () => unknown, stack: TerraformStack): string {
  try {
    declare();
  } catch (error) {
    return (error as Error).message;
  }
  return synthError(stack);
}
