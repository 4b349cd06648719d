import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { addAzurermProvider } from '../../constructs/azurerm-provider';
import { DataFlowOptions } from '../../constructs/data-collection-rule';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';
import { synthesizeConfigFile } from '../../stacks/config/synthesize-config';
import { WorkspaceTransformationRule } from '../../constructs/workspace-transformation-rule';

interface Terraform {
  terraform: { required_providers: Record<string, { source: string; version?: string }> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

describe('WorkspaceTransformationRule', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'workspace-transformation-rule-'));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('from the config: one flow per table into the workspace, set as its default rule after both exist', () => {
    const configPath = path.join(directory, 'sentinel.yaml');
    writeFileSync(configPath, [
      'workspaces:',
      '  soc:',
      '    workspaceName: contoso-soc',
      '    resourceGroupName: rg-soc',
      '    location: westeurope',
      '    dataCollectionRules:',
      '      WorkspaceTransforms:',
      '        kind: WorkspaceTransforms',
      '        description: Ingestion-time transformations of the tables without a rule of their own',
      '        dataFlows:',
      '          - streams: [Microsoft-Table-Syslog]',
      '            transformKql: source | where SeverityLevel != "debug"',
      '          - streams: [Microsoft-Table-SecurityEvent]',
      '            transformKql: source | where EventID != 4688',
    ].join('\n'));
    const synthesis = synthesizeConfigFile(configPath, path.join(directory, 'out'));
    // SecurityEvent's columns are not in the model: said where the transformation is written.
    expect(synthesis.warnings.map((problem) => `${problem.line}:${problem.column}: ${problem.path}: ${problem.message}`)).toEqual([
      '14:27: workspaces.soc.dataCollectionRules.WorkspaceTransforms.dataFlows[1].transformKql: the columns of "SecurityEvent" are not '
        + 'known to this app, so Azure checks the transformation only at deployment',
    ]);

    const terraform = JSON.parse(readFileSync(synthesis.stacks[0].terraformPath, 'utf8')) as Terraform;
    const [[ruleAddress, rule]] = Object.entries(terraform.resource.azurerm_monitor_data_collection_rule);
    const [[workspaceAddress, workspace]] = Object.entries(terraform.resource.azurerm_log_analytics_workspace);
    expect(rule).toMatchObject({
      name: 'contoso-soc-WorkspaceTransforms',
      kind: 'WorkspaceTransforms',
      location: 'westeurope',
      description: 'Ingestion-time transformations of the tables without a rule of their own',
      destinations: { log_analytics: [{ name: 'sentinelWorkspace', workspace_resource_id: `\${azurerm_log_analytics_workspace.${workspaceAddress}.id}` }] },
      data_flow: [
        { streams: ['Microsoft-Table-Syslog'], destinations: ['sentinelWorkspace'], transform_kql: 'source | where SeverityLevel != "debug"' },
        { streams: ['Microsoft-Table-SecurityEvent'], destinations: ['sentinelWorkspace'], transform_kql: 'source | where EventID != 4688' },
      ],
    });
    expect((rule.data_flow as Array<Record<string, unknown>>).every((flow) => flow.output_stream === undefined)).toBe(true);
    expect(rule.data_sources).toBeUndefined();

    // The workspace cannot name the rule itself (the rule names the workspace): azapi sets it, and azurerm leaves it.
    expect(Object.values(terraform.resource.azapi_update_resource)).toEqual([expect.objectContaining({
      type: 'Microsoft.OperationalInsights/workspaces@2023-09-01',
      resource_id: `\${azurerm_log_analytics_workspace.${workspaceAddress}.id}`,
      body: { properties: { defaultDataCollectionRuleResourceId: `\${azurerm_monitor_data_collection_rule.${ruleAddress}.id}` } },
    })]);
    expect(workspace.lifecycle).toEqual({ ignore_changes: ['data_collection_rule_id'] });
    expect(workspace.data_collection_rule_id).toBeUndefined();
    expect(terraform.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: '~> 2.4' });
  });

  describe('fails on a flow that is not one table\'s transformation, naming the flow', () => {
    const refused = (dataFlows: DataFlowOptions[]) => () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      addAzurermProvider(stack);
      const workspace = new SentinelWorkspace(stack, 'Sentinel', { workspaceName: 'contoso-soc', resourceGroupName: 'rg-soc', location: 'westeurope' });
      new WorkspaceTransformationRule(stack, 'WorkspaceTransforms', { workspace, dataFlows });
    };

    test.each([
      ['an agent stream', [{ streams: ['Microsoft-Syslog'], transformKql: 'source' }],
        '[test/WorkspaceTransforms] dataFlows[0].streams: a workspace transformation reads one table, as "Microsoft-Table-<Table>" '
        + '(e.g. "Microsoft-Table-SecurityEvent"), got ["Microsoft-Syslog"]'],
      ['an output stream', [{ streams: ['Microsoft-Table-Syslog'], transformKql: 'source', outputStream: 'Microsoft-Syslog' }],
        '[test/WorkspaceTransforms] dataFlows[0].outputStream: a workspace transformation writes the table it reads; leave '
        + 'outputStream out (got "Microsoft-Syslog")'],
      ['no transformation', [{ streams: ['Microsoft-Table-Syslog'] }],
        '[test/WorkspaceTransforms] dataFlows[0].transformKql: a flow of a workspace transformation rule needs a transformKql (or '
        + 'transformKqlFile); without one "Syslog" is left as it is'],
      ['a table transformed twice', [{ streams: ['Microsoft-Table-Event'], transformKql: 'source' },
        { streams: ['Microsoft-Table-Event'], transformKql: 'source | where EventLevel > 1' }],
        '[test/WorkspaceTransforms] dataFlows[1].streams: "Microsoft-Table-Event" is already transformed by dataFlows[0]; a table '
        + 'takes one workspace transformation'],
    ])('fails on %s', (_, dataFlows, message) => {
      expect(refused(dataFlows as DataFlowOptions[])).toThrow(message);
    });
  });
});
