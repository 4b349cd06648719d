import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../../stacks/config/config-error';
import { synthesizeConfigFile } from '../../../stacks/config/synthesize-config';

interface Terraform {
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

/** The resources of one type, by construct path (`//`.metadata.path), so that tests do not depend on hashed names. */
function byPath(terraform: Terraform, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.values(terraform.resource[type] ?? {})
    .map((resource) => [(resource['//'] as { metadata: { path: string } }).metadata.path, resource]));
}

describe('dataCollectionRules of a workspace', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'build-data-collection-rule-'));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('makes each rule with its streams, flows and transformations, inline or from a .kql file, and its associations', () => {
    const synthesis = synthesizeConfigFile('test/stacks/config/fixtures/data-collection-rules/sentinel.yaml', path.join(directory, 'rules'));
    expect(synthesis.warnings).toEqual([]);
    const terraform = JSON.parse(readFileSync(synthesis.stacks[0].terraformPath, 'utf8')) as Terraform;
    const rules = byPath(terraform, 'azurerm_monitor_data_collection_rule');
    const endpoint = Object.keys(terraform.resource.azurerm_monitor_data_collection_endpoint)[0];
    const workspace = Object.keys(terraform.resource.azurerm_log_analytics_workspace)[0];

    expect(rules['soc/ContosoApp/Resource']).toMatchObject({
      name: 'contoso-soc-ContosoApp',
      data_collection_endpoint_id: `\${azurerm_monitor_data_collection_endpoint.${endpoint}.id}`,
      destinations: { log_analytics: [{ name: 'sentinelWorkspace', workspace_resource_id: `\${azurerm_log_analytics_workspace.${workspace}.id}` }] },
      stream_declaration: [{ stream_name: 'Custom-ContosoApp', column: [
        { name: 'eventTime', type: 'datetime' }, { name: 'level', type: 'string' }, { name: 'msg', type: 'string' }] }],
      data_flow: [{ streams: ['Custom-ContosoApp'], destinations: ['sentinelWorkspace'], output_stream: 'Custom-ContosoApp_CL',
        transform_kql: 'source | project TimeGenerated = eventTime, Level = level, Message = msg' }],
    });
    expect(rules['soc/ContosoApp/Resource'].kind).toBeUndefined();
    expect(Object.values(byPath(terraform, 'azurerm_role_assignment'))).toContainEqual(expect.objectContaining({
      role_definition_name: 'Monitoring Metrics Publisher', principal_id: '11111111-2222-3333-4444-555555555555',
      scope: expect.stringMatching(/^\$\{azurerm_monitor_data_collection_rule\.ContosoApp_.*\.id\}$/),
    }));

    expect(rules['soc/ContosoFirewall/Resource']).toMatchObject({
      description: 'Contoso firewall lines',
      data_flow: [{ streams: ['Custom-ContosoFirewallRaw'], output_stream: 'Custom-ContosoFirewall_CL',
        transform_kql: readFileSync('test/stacks/config/fixtures/data-collection-rules/transforms/firewall.kql', 'utf8').trimEnd() }],
    });

    expect(rules['soc/LinuxKernel/Resource']).toMatchObject({
      kind: 'Linux',
      data_sources: { syslog: [{ name: 'kernel', streams: ['Microsoft-Syslog'], facility_names: ['kern'],
        log_levels: ['Warning', 'Error', 'Critical', 'Alert', 'Emergency'] }] },
      data_flow: [{ streams: ['Microsoft-Syslog'], destinations: ['sentinelWorkspace'] }],
    });
    const associations = byPath(terraform, 'azurerm_monitor_data_collection_rule_association');
    const machine = Object.keys(terraform.resource.azurerm_linux_virtual_machine)[0];
    expect(associations['soc/LinuxKernel/Forwarder-Forwarder/Resource']).toMatchObject({
      name: `\${azurerm_monitor_data_collection_rule.${Object.keys(terraform.resource.azurerm_monitor_data_collection_rule)
        .find((address) => address.startsWith('LinuxKernel'))}.name}`,
      target_resource_id: `\${azurerm_linux_virtual_machine.${machine}.id}`,
    });
    expect(associations['soc/LinuxKernel/Forwarder0/Resource']).toMatchObject({
      target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-soc/providers/Microsoft.Compute/virtualMachines/legacy-syslog',
    });
    expect(Object.keys(associations)).toHaveLength(2);
  });

  test('reports what the rules refuse at the line of the value, and a Kusto error of a .kql file in that file (golden messages)', () => {
    let error: unknown;
    try {
      synthesizeConfigFile('test/stacks/config/fixtures/data-collection-rules-semantic/sentinel.yaml', path.join(directory, 'semantic'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const file = 'test/stacks/config/fixtures/data-collection-rules-semantic/sentinel.yaml';
    const kql = 'test/stacks/config/fixtures/data-collection-rules-semantic/transforms/firewall.kql';
    expect((error as Error).message).toBe([
      '5 problems in the topology config:',
      // Checked against the custom table of the stack; a plain scalar maps every Kusto position to the start of the value.
      `${file}:19:27: workspaces.soc-a.dataCollectionRules.ContosoFirewall.dataFlows[0].transformKql: The result column 'Action' `
        + 'is long, but \'ContosoFirewall_CL.Action\' is string; convert it with tostring(). (SCDK013)',
      `${file}:33:11: workspaces.soc-b.dataCollectionRules.ContosoApp.forwarderResourceIds: the rule has no syslog or log file data `
        + 'source, so an agent has nothing to collect for it; add a data source or leave forwarderResourceIds out',
      `${file}:36:29: workspaces.soc-b.dataCollectionRules.WorkspaceTransforms.senderPrincipalIds: a workspace transformation rule `
        + '(kind WorkspaceTransforms) takes no senderPrincipalIds: nothing is sent to it; put it in a rule of its own',
      // A workspace transformation of a table the model knows is checked against its columns; in a literal block the Kusto
      // position maps to the exact line and column of the YAML file.
      `${file}:49:51: workspaces.soc-c.dataCollectionRules.WorkspaceTransforms.dataFlows[0].transformKql: Missing expression (KS006)`,
      // The second flow's transformation is kept in a file: reported there.
      `${kql}:3:43: Missing expression (KS006)`,
    ].join('\n'));
  });

  test('gives a rule\'s warning once, at the value it is about', () => {
    const configPath = path.join(directory, 'unused-stream.yaml');
    writeFileSync(configPath, [
      'workspaces:',
      '  soc:',
      '    workspaceName: contoso-soc',
      '    resourceGroupName: rg-soc',
      '    location: westeurope',
      '    customTables:',
      '      AppTable: { tableName: App_CL, columns: [{ name: TimeGenerated, type: datetime }, { name: Message, type: string }] }',
      '    dataCollectionRules:',
      '      App:',
      '        streamDeclarations:',
      '          Custom-App: [{ name: TimeGenerated, type: datetime }, { name: Message, type: string }]',
      '          Custom-Unused: [{ name: TimeGenerated, type: datetime }]',
      '        dataFlows: [{ streams: [Custom-App], outputStream: Custom-App_CL }]',
    ].join('\n'));
    const synthesis = synthesizeConfigFile(configPath, path.join(directory, 'unused-stream'));
    expect(synthesis.warnings.map((problem) => `${problem.line}:${problem.column}: ${problem.path}: ${problem.message}`)).toEqual([
      '12:26: workspaces.soc.dataCollectionRules.App.streamDeclarations.Custom-Unused: no data flow reads this stream, so its records are dropped',
    ]);
  });

  test('fails on an output table that no customTables entry declares, with the one it probably meant', () => {
    const configPath = path.join(directory, 'undeclared-table.yaml');
    writeFileSync(configPath, [
      'workspaces:',
      '  soc:',
      '    workspaceName: contoso-soc',
      '    resourceGroupName: rg-soc',
      '    location: westeurope',
      '    customTables:',
      '      AppTable: { tableName: ContosoApp_CL, columns: [{ name: TimeGenerated, type: datetime }, { name: Message, type: string }] }',
      '    dataCollectionRules:',
      '      App:',
      '        streamDeclarations: { Custom-App: [{ name: TimeGenerated, type: datetime }, { name: Message, type: string }] }',
      '        dataFlows: [{ streams: [Custom-App], outputStream: Custom-ContosoAp_CL }]',
    ].join('\n'));
    expect(() => synthesizeConfigFile(configPath, path.join(directory, 'undeclared-table'))).toThrow(
      '11:60: workspaces.soc.dataCollectionRules.App.dataFlows[0].outputStream: the table "ContosoAp_CL" is declared by no CustomTable of '
        + 'workspace soc/Sentinel (did you mean "ContosoApp_CL"?); Azure refuses a rule whose output table does not exist');
  });
});
