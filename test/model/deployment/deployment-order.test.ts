import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { main } from '../../../cli/main';
import { CodelessConnector } from '../../../constructs/connectors/codeless-connector';
import { Office365Connector } from '../../../constructs/connectors/service-to-service/office-365-connector';
import { CustomTable } from '../../../constructs/custom-table';
import { DataCollectionEndpoint } from '../../../constructs/data-collection-endpoint';
import { DataCollectionRule } from '../../../constructs/data-collection-rule';
import { checkDeploymentOrder } from '../../../constructs/deployment-order';
import { AmaForwarder } from '../../../constructs/forwarder/ama-forwarder';
import { shippedSolutionDirectory } from '../../../constructs/solutions/load-solution';
import { SolutionPackage } from '../../../constructs/solutions/solution-package';
import { DEPLOYMENT_PRECONDITIONS, deploymentOrderFindings } from '../../../model/deployment/check-deployment-order';
import { TerraformGraph } from '../../../model/deployment/terraform-graph';
import { armResourceNameOf } from '../../../model/deployment/preconditions/resource-id-reference';
import { synthesizeConfigFile } from '../../../stacks/config/synthesize-config';
import { synthesizeExample } from '../../../stacks/main';
import { newStack, newWorkspaceStack, synth, synthError } from '../../support/synth';

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1c2VyQGV4YW1wbGUuY29tIGtleSBmb3IgdGVzdHM test';
const quiet = { stdout: () => undefined, stderr: () => undefined, readStdin: () => '', stdinIsTerminal: () => false };

/** The preconditions that ask for something in a document, by id, with how many pairs. */
function requirementCounts(document: unknown): Record<string, number> {
  const graph = TerraformGraph.of(document);
  return Object.fromEntries(DEPLOYMENT_PRECONDITIONS.map((precondition) => [precondition.id, precondition.requirements(graph).length]));
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('the deployment order of what we ship', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'deployment-order-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('the example stack carries every precondition as an edge', () => {
    const document = readJson(synthesizeExample(path.join(directory, 'example')));
    expect(deploymentOrderFindings(document)).toEqual([]);
    // Each kind of precondition is exercised by the example, so an empty list means something.
    expect(requirementCounts(document)).toEqual(expect.objectContaining({
      'dcr-output-table': 4, 'analytic-rule-query': expect.any(Number), 'codeless-connector': 2, 'sentinel-onboarding': expect.any(Number),
    }));
    expect(requirementCounts(document)['analytic-rule-query']).toBeGreaterThanOrEqual(9);
  });

  test('examples/sentinel.yaml carries every precondition as an edge', () => {
    const synthesis = synthesizeConfigFile(path.join(__dirname, '../../../examples/sentinel.yaml'), path.join(directory, 'yaml'));
    for (const stack of synthesis.stacks) {
      const document = readJson(stack.terraformPath);
      expect(deploymentOrderFindings(document)).toEqual([]);
      expect(requirementCounts(document)['dcr-output-table']).toBeGreaterThan(0);
    }
  });

  test.each([['as init writes it', false], ['with a highly available forwarder', true]])('an init project %s carries every precondition as an edge', (_, highlyAvailable) => {
    const project = path.join(directory, highlyAvailable ? 'init-ha' : 'init');
    expect(main(['init', project], quiet)).toBe(0);
    const configPath = path.join(project, 'sentinel.yaml');
    if (highlyAvailable) {
      const config = readFileSync(configPath, 'utf8');
      writeFileSync(configPath, config.replace('        expectedEventsPerSecond: 1000', '        expectedEventsPerSecond: 1000\n        highAvailability: true'));
    }
    const [stack] = synthesizeConfigFile(configPath, path.join(project, 'cdktf.out')).stacks;
    const document = readJson(stack.terraformPath);
    expect(deploymentOrderFindings(document)).toEqual([]);
    expect(requirementCounts(document)['scale-set-health-probe']).toBe(highlyAvailable ? 1 : 0);
    expect(requirementCounts(document)['analytic-rule-query']).toBeGreaterThan(0);
  });
});

describe('removing an edge by an escape hatch fails synth, naming the construct and the precondition', () => {
  const onboarding = 'azurerm_sentinel_log_analytics_workspace_onboarding.Sentinel_SentinelOnboarding_2D7913B4';

  function tableAndRule() {
    const { stack, workspace } = newWorkspaceStack();
    const endpoint = new DataCollectionEndpoint(stack, 'Endpoint', { workspace });
    new CustomTable(stack, 'Table', { workspace, tableName: 'ContosoApp_CL', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }] });
    const rule = new DataCollectionRule(stack, 'Rule', {
      workspace, dataCollectionEndpoint: endpoint,
      streamDeclarations: { 'Custom-App': [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }] },
      dataFlows: [{ streams: ['Custom-App'], outputStream: 'Custom-ContosoApp_CL' }],
    });
    return { stack, workspace, endpoint, rule };
  }

  test('dcr-output-table: a rule whose depends_on loses its table', () => {
    const { stack, rule } = tableAndRule();
    expect(synth(stack).resource.azurerm_monitor_data_collection_rule.Rule_4C995B7F.depends_on)
      .toEqual([onboarding, 'azurerm_log_analytics_workspace_table_custom_log.Table_CD117FA1']);
    rule.resource.addOverride('depends_on', undefined);
    expect(synthError(stack)).toContain('[test] test/Rule/Resource: deployment order [dcr-output-table]: azurerm_monitor_data_collection_rule.Rule_4C995B7F '
      + 'writes the table "ContosoApp_CL", but neither a reference nor depends_on orders it after '
      + 'azurerm_log_analytics_workspace_table_custom_log.Table_CD117FA1 (test/Table/Resource); Terraform would create them in parallel and Azure refuses the rule');
  });

  test('resource-id-reference: a rule whose endpoint reference becomes a literal resource ID', () => {
    const { stack, rule } = tableAndRule();
    rule.resource.addOverride('data_collection_endpoint_id',
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-sentinel/providers/Microsoft.Insights/dataCollectionEndpoints/contoso-sentinel-dce');
    expect(synthError(stack)).toContain('test/Rule/Resource: deployment order [resource-id-reference]: azurerm_monitor_data_collection_rule.Rule_4C995B7F names '
      + '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-sentinel/providers/Microsoft.Insights/dataCollectionEndpoints/contoso-sentinel-dce, '
      + 'but neither a reference nor depends_on orders it after azurerm_monitor_data_collection_endpoint.Endpoint_EEF1FD8F (test/Endpoint/Resource)');
  });

  test('sentinel-onboarding: a data connector whose depends_on loses the onboarding', () => {
    const { stack, workspace } = newWorkspaceStack();
    const connector = workspace.addConnector(Office365Connector, 'Office365', { exchangeEnabled: true });
    connector.node.findAll().forEach((child) => (child as unknown as { addOverride?: (path: string, value: unknown) => void }).addOverride?.('depends_on', undefined));
    expect(synthError(stack)).toContain('deployment order [sentinel-onboarding]: azurerm_sentinel_data_connector_office_365.Sentinel_Office365_83EEC759 is Sentinel content of the workspace');
  });

  test('analytic-rule-query: a rule whose depends_on loses its parser and its watchlist', () => {
    const { stack, workspace } = newWorkspaceStack();
    const solution = new SolutionPackage(stack, 'Syslog', { workspace, solution: shippedSolutionDirectory('syslog') });
    solution.analyticRule('sudo-to-root-by-unlisted-account').addOverride('depends_on', undefined);
    const error = synthError(stack);
    expect(error).toContain('test/Syslog/AnalyticRules/sudo-to-root-by-unlisted-account: deployment order [analytic-rule-query]: '
      + 'azurerm_sentinel_alert_rule_scheduled.Syslog_AnalyticRules_sudo-to-root-by-unlisted-account_');
    expect(error).toContain('calls the function LinuxAuthEvent, but neither a reference nor depends_on orders it after azurerm_log_analytics_saved_search.Syslog_Parsers_LinuxAuthEvent_');
    expect(error).toContain('reads the watchlist LinuxPrivilegedAccounts');
    expect(error).toContain('reads the items of the watchlist LinuxPrivilegedAccounts');
    expect(error).toContain('"Failed to run the analytics rule query. One of the tables does not exist"');
  });

  test('analytic-rule-query: through a function to the custom table it reads', () => {
    const { stack, workspace } = newWorkspaceStack();
    const endpoint = new DataCollectionEndpoint(stack, 'Endpoint', { workspace });
    const solution = new SolutionPackage(stack, 'App', {
      workspace, solution: shippedSolutionDirectory('custom-rest-source'), connectorSettings: { ContosoApp: { dataCollectionEndpoint: endpoint } },
    });
    solution.savedSearch('ContosoAppEvent').addOverride('depends_on', undefined);
    expect(synthError(stack)).toContain('reads the table ContosoApp_CL (through the function ContosoAppEvent), but neither a reference nor depends_on orders it after '
      + 'azurerm_log_analytics_workspace_table_custom_log.App_ContosoApp_Table_');
  });

  test('codeless-connector: a poller whose depends_on loses its definition (the table stays reached through its rule)', () => {
    const { stack, workspace } = newWorkspaceStack();
    const apiKey = new TerraformVariable(stack, 'apiKey', { type: 'string', sensitive: true });
    const connector = new CodelessConnector(stack, 'Audit', {
      workspace, connectorId: 'ContosoAudit', title: 'Contoso audit', publisher: 'Contoso', support: { name: 'SOC', email: 'soc@contoso.com' },
      auth: { type: 'APIKey', apiKey: apiKey.stringValue, apiKeyName: 'Authorization' },
      request: { apiEndpoint: 'https://api.contoso.com/audit', httpMethod: 'GET', queryWindowInMin: 5 },
      response: { eventsJsonPaths: ['$'], format: 'json' },
      streamName: 'Custom-ContosoAudit', streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Action', type: 'string' }],
      tableName: 'ContosoAudit_CL', tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Action', type: 'string' }],
    });
    connector.dataConnector.addOverride('depends_on', undefined);
    const error = synthError(stack);
    expect(error).toContain('test/Audit/Resource: deployment order [codeless-connector]: azapi_resource.Audit_3D8ADE0A uses the connector definition "ContosoAuditDefinition"');
    // The poller refers to its rule's immutable ID, and the rule is created after the table: that path is an edge too.
    expect(error).not.toContain('fills the table "ContosoAudit_CL"');
  });

  test('scale-set-health-probe: a scale set whose depends_on loses its load balancing rules', () => {
    const { stack, workspace } = newWorkspaceStack();
    const forwarder = new AmaForwarder(stack, 'Forwarder', {
      workspace, forwarderName: 'fwd', subnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/fwd',
      sourceAddressPrefixes: ['10.0.0.0/8'], adminSshPublicKeys: [SSH_KEY], highAvailability: true, expectedEventsPerSecond: 1000,
    });
    (forwarder.node.findChild('Resource') as unknown as { addOverride(path: string, value: unknown): void }).addOverride('depends_on', undefined);
    expect(synthError(stack)).toContain('test/Forwarder/Resource: deployment order [scale-set-health-probe]: azurerm_linux_virtual_machine_scale_set.Forwarder_E6AEDC44 '
      + 'watches a probe of its load balancer, but neither a reference nor depends_on orders it after azurerm_lb_rule.');
  });

  test('checkDeploymentOrder checks a stack written with the provider classes alone', () => {
    const stack = newStack();
    checkDeploymentOrder(stack);
    checkDeploymentOrder(stack); // once is enough
    expect(synthError(withRawRuleAndTable(stack))).toContain('deployment order [dcr-output-table]');
  });
});

/** A raw rule writing a raw table, with nothing ordering them. */
function withRawRuleAndTable(stack: TerraformStack): TerraformStack {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MonitorDataCollectionRule } = require('@cdktf/provider-azurerm/lib/monitor-data-collection-rule');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LogAnalyticsWorkspaceTableCustomLog } = require('@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log');
  const workspaceId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/soc';
  new LogAnalyticsWorkspaceTableCustomLog(stack, 'Table', { name: 'Raw_CL', workspaceId, column: [{ name: 'TimeGenerated', type: 'datetime' }] });
  new MonitorDataCollectionRule(stack, 'Rule', {
    name: 'raw', location: 'westeurope', resourceGroupName: 'rg',
    destinations: { logAnalytics: [{ name: 'la', workspaceResourceId: workspaceId }] },
    dataFlow: [{ streams: ['Custom-Raw'], destinations: ['la'], outputStream: 'Custom-Raw_CL' }],
  });
  return stack;
}

describe('TerraformGraph', () => {
  const document = {
    resource: {
      a_thing: { One: { name: 'one' }, Two: { name: '${a_thing.One.name}-two' }, Three: { name: 'three', depends_on: ['a_thing.Two'] } },
      b_thing: {
        Literal: { name: 'literal', query: 'print "$${a_thing.One.name}" // %%{ a_thing.Two }' },
        Nested: { settings: { tags: { '${a_thing.Three.id}': 'x' } }, text: 'in ${lookup(a_thing.One.tags, "k")} and %{ if a_thing.Two.id != "" }y%{ endif }' },
      },
    },
  };
  const graph = TerraformGraph.of(document);

  test('reads references in expressions, map keys and directives, and depends_on, transitively', () => {
    expect([...graph.directDependencies('a_thing.Two')]).toEqual(['a_thing.One']);
    expect([...graph.directDependencies('a_thing.Three')]).toEqual(['a_thing.Two']);
    expect(graph.orders('a_thing.Three', 'a_thing.One')).toBe(true);
    expect([...graph.directDependencies('b_thing.Nested')].sort()).toEqual(['a_thing.One', 'a_thing.Three', 'a_thing.Two']);
  });

  test('does not take escaped template text for a reference', () => {
    expect([...graph.directDependencies('b_thing.Literal')]).toEqual([]);
    expect(graph.orders('a_thing.One', 'a_thing.Three')).toBe(false);
  });

  test('reads the type and name an ARM resource ID names, extension resources and resource groups included', () => {
    expect(armResourceNameOf('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/fwd'))
      .toEqual({ type: 'microsoft.network/virtualnetworks/subnets', name: 'fwd', resourceGroupName: 'rg' });
    expect(armResourceNameOf('/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/soc/providers/Microsoft.SecurityInsights/alertRules/abc'))
      .toEqual({ type: 'microsoft.securityinsights/alertrules', name: 'abc', resourceGroupName: 'rg' });
    expect(armResourceNameOf('/subscriptions/s/resourceGroups/rg')).toEqual({ type: 'microsoft.resources/resourcegroups', name: 'rg', resourceGroupName: 'rg' });
    expect(armResourceNameOf('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks')).toBeUndefined();
  });
});
