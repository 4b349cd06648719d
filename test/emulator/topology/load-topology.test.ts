import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadTopology } from '../../../emulator/topology/load-topology';
import { deterministicGuid, resolveReferences, wholeReference } from '../../../emulator/topology/terraform-document';
import { builtInTable, builtInTableNames } from '../../../model/tables/builtin-tables';
import { synthesizeExample } from '../../../stacks/main';

function exampleDocument(): Record<string, unknown> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'topology-'));
  try {
    return JSON.parse(readFileSync(synthesizeExample(outdir), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('loadTopology on the example stack', () => {
  const document = exampleDocument();
  const topology = loadTopology(document, { stackName: 'sentinel-example', httpsBaseUrl: 'https://127.0.0.1:8443' });

  test('finds the workspace with its built-in and custom tables and a stable customer ID', () => {
    expect(topology.workspaces).toHaveLength(1);
    const [workspace] = topology.workspaces;
    expect(workspace).toMatchObject({
      address: 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3', workspaceName: 'contoso-sentinel',
      customerId: deterministicGuid('azurerm_log_analytics_workspace.Sentinel_64DAE5A3'),
      resourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-sentinel/providers/Microsoft.OperationalInsights/workspaces/contoso-sentinel',
    });
    // Every built-in table the model knows (Syslog, CommonSecurityLog, Microsoft's catalog), then the stack's own.
    expect([...workspace.tables.keys()].sort()).toEqual([
      ...builtInTableNames(), 'ContosoApp_CL', 'ContosoAuditCodeless_CL', 'ContosoAuditFunction_CL', 'ContosoWeb_CL',
    ].sort());
    expect(workspace.tables.get('ASimNetworkSessionLogs')?.columns).toBe(builtInTable('ASimNetworkSessionLogs')?.columns);
    expect(workspace.tables.get('ContosoApp_CL')?.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      'TimeGenerated:datetime', 'Level:string', 'UserName:string', 'SourceIP:string', 'DurationMs:int', 'Message:string',
    ]);
  });

  test('reads each rule: sources, declarations, flows with their tables, endpoints', () => {
    const cef = topology.rules.find((rule) => rule.ruleName === 'contoso-sentinel-SecurityAppliances');
    expect(cef).toMatchObject({
      kind: 'Linux', immutableId: expect.stringMatching(/^dcr-[0-9a-f]{32}$/),
      syslogSources: [{ name: 'cef', streams: ['Microsoft-CommonSecurityLog'], facilityNames: ['local4'],
        logLevels: ['Warning', 'Error', 'Critical', 'Alert', 'Emergency'] }],
      dataFlows: [{ streams: ['Microsoft-CommonSecurityLog'], tableName: 'CommonSecurityLog',
        transformKql: 'source | where Activity !has "heartbeat" and DeviceEventClassID != "keepalive"',
        workspaceAddress: 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3' }],
    });
    const app = topology.rules.find((rule) => rule.ruleName === 'contoso-sentinel-ContosoApp');
    expect(app?.endpointAddress).toBe('azurerm_monitor_data_collection_endpoint.Endpoint_EEF1FD8F');
    expect([...(app?.streamDeclarations.keys() ?? [])]).toEqual(['Custom-ContosoAppRaw']);
    expect(app?.dataFlows[0]).toMatchObject({ outputStream: 'Custom-ContosoApp_CL', tableName: 'ContosoApp_CL' });
    expect(topology.endpoints).toEqual([expect.objectContaining({ endpointName: 'contoso-sentinel-dce', logsIngestionEndpoint: 'https://127.0.0.1:8443' })]);
  });

  test('makes a forwarder of the machine the Syslog and CEF associations target', () => {
    expect(topology.forwarders).toEqual([{
      key: expect.stringMatching(/^azurerm_linux_virtual_machine\.Forwarder_[0-9A-F]{8}$/),
      forwarderName: 'fwd-contoso-weu', syslogPort: 514,
      ruleAddresses: [expect.stringContaining('LinuxAuth_Rule'), expect.stringContaining('SecurityAppliances_Rule')],
    }]);
  });

  test('lists what exists only in Azure, and reports what it does not emulate with the address', () => {
    expect(topology.notEmulated).toEqual(expect.arrayContaining([
      expect.stringMatching(/^azurerm_virtual_network\./), expect.stringMatching(/^azurerm_sentinel_data_connector_office_365\./),
      expect.stringMatching(/^azapi_resource\./), expect.stringMatching(/^azurerm_linux_virtual_machine\./),
    ]));
    // The definition of the codeless connector exists only in Azure; its poller is emulated.
    expect(topology.notEmulated).toContainEqual(expect.stringMatching(/^azapi_resource\.Sentinel_ContosoAuditCodeless_Definition_/));
    expect(topology.problems).toEqual([]);
    expect(topology.connectors).toHaveLength(8);
  });

  test('reads the text file sources and the codeless pollers', () => {
    const web = topology.rules.find((rule) => rule.address.includes('ContosoWeb_Rule'));
    expect(web?.logFileSources).toEqual([{ name: 'text-files', streams: ['Custom-Text-ContosoWeb'], filePatterns: ['/var/log/contoso/access*.log'], format: 'text' }]);
    const codelessRule = topology.rules.find((rule) => rule.address.includes('ContosoAuditCodeless_Rule'));
    expect(topology.pollers).toEqual([expect.objectContaining({
      name: 'ContosoAuditCodeless', apiEndpoint: 'https://api.contoso.com/v1/audit', address: expect.stringMatching(/^azapi_resource\.Sentinel_ContosoAuditCodeless_/),
    })]);
    // body and sensitive_body merged, references resolved, ${var.*} kept for --var.
    expect(topology.pollers[0].properties).toMatchObject({
      auth: { type: 'APIKey', apiKeyName: 'Authorization', apiKeyIdentifier: 'Bearer', apiKey: '${var.contoso_audit_api_key}' },
      dcrConfig: { dataCollectionRuleImmutableId: codelessRule?.immutableId, streamName: 'Custom-ContosoAuditCodeless' },
    });
  });
});

describe('loadTopology reports what it cannot understand', () => {
  test('an unknown resource type, a table of another workspace, a flow without destination', () => {
    const topology = loadTopology({
      resource: {
        azurerm_mystery_thing: { Thing: { name: 'x' } },
        azurerm_log_analytics_workspace_table_custom_log: { Table: { name: 'A_CL', workspace_id: '/subscriptions/s/elsewhere', column: [] } },
        azurerm_monitor_data_collection_rule: {
          Rule: { name: 'r', destinations: { log_analytics: [] }, data_flow: [{ streams: ['Custom-A'], destinations: ['nowhere'] }] },
        },
      },
    }, { stackName: 's', httpsBaseUrl: 'https://127.0.0.1:1' });
    expect(topology.problems).toEqual([
      'azurerm_mystery_thing.Thing: the emulator does not understand resources of type azurerm_mystery_thing; they are ignored',
      'azurerm_monitor_data_collection_rule.Rule: data_flow[0] names no Log Analytics destination of the rule; it is not emulated',
      'azurerm_monitor_data_collection_rule.Rule: data_flow[0] has no output_stream the emulator can map to a table',
      'azurerm_log_analytics_workspace_table_custom_log.Table: workspace_id does not refer to a workspace of this stack; the table is not emulated',
      'azurerm_monitor_data_collection_rule.Rule: data_flow[0] sends to a workspace outside this stack; it is not emulated',
    ]);
  });
});

describe('Terraform references', () => {
  test('are resolved inside strings, and left as they are when unknown', () => {
    const unresolved: string[] = [];
    expect(resolveReferences('${azurerm_x.a.name}-suffix/${var.nope}', (reference) => (reference.address === 'azurerm_x.a' ? 'alpha' : undefined),
      (text) => unresolved.push(text))).toBe('alpha-suffix/${var.nope}');
    expect(unresolved).toEqual([]);
    expect(wholeReference('${azurerm_linux_virtual_machine.Forwarder_E6AEDC44.id}')).toEqual({
      address: 'azurerm_linux_virtual_machine.Forwarder_E6AEDC44', attribute: 'id',
    });
    expect(wholeReference('/subscriptions/x')).toBeUndefined();
  });

  test('derived GUIDs are stable and well formed', () => {
    expect(deterministicGuid('a')).toBe(deterministicGuid('a'));
    expect(deterministicGuid('a')).not.toBe(deterministicGuid('b'));
    expect(deterministicGuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
