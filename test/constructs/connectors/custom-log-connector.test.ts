import { CustomLogConnector, CustomLogConnectorProps } from '../../../constructs/connectors/custom-log-connector';
import { newWorkspaceStack, onlyResource, resourcesOf, synth, synthError, warningsOf } from '../../support/synth';

const VM = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01';
const props: Omit<CustomLogConnectorProps, 'workspace'> = {
  connectorId: 'ContosoWeb', title: 'Contoso web server',
  tableName: 'ContosoWeb_CL',
  tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Path', type: 'string' }, { name: 'Status', type: 'int' }],
  filePatterns: ['/var/log/contoso/access*.log'],
  transformKql: 'source | parse RawData with * " " Path:string " " Status:int | project TimeGenerated, Path, Status',
  machineResourceIds: [VM],
};

describe('CustomLogConnector', () => {
  test('makes the endpoint, the table, a Linux rule reading the files, and both associations per machine', () => {
    const { stack, workspace } = newWorkspaceStack();
    const connector = workspace.addConnector(CustomLogConnector, 'ContosoWeb', props);
    const synthesized = synth(stack);
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace_table_custom_log').name).toBe('ContosoWeb_CL');
    expect(onlyResource(synthesized, 'azurerm_monitor_data_collection_rule')).toMatchObject({
      kind: 'Linux',
      stream_declaration: [{ stream_name: 'Custom-Text-ContosoWeb', column: [
        { name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' },
        { name: 'FilePath', type: 'string' }, { name: 'Computer', type: 'string' },
      ] }],
      data_sources: { log_file: [{ name: 'text-files', streams: ['Custom-Text-ContosoWeb'], file_patterns: ['/var/log/contoso/access*.log'], format: 'text' }] },
      data_flow: [{ streams: ['Custom-Text-ContosoWeb'], output_stream: 'Custom-ContosoWeb_CL', transform_kql: props.transformKql }],
    });
    const associations = resourcesOf(synthesized, 'azurerm_monitor_data_collection_rule_association');
    expect(associations).toHaveLength(2);
    expect(associations).toEqual(expect.arrayContaining([
      expect.objectContaining({ target_resource_id: VM, name: 'configurationAccessEndpoint' }),
      expect.objectContaining({ target_resource_id: VM, data_collection_rule_id: expect.stringContaining('azurerm_monitor_data_collection_rule.') }),
    ]));
    expect(connector.catalogEntry).toMatchObject({ ingestionPath: 'custom-logs-ama', tables: ['ContosoWeb_CL'], support: { tier: 'Community' } });
  });

  test('fails when the transformation reads a column the text stream lacks', () => {
    const { stack, workspace } = newWorkspaceStack();
    new CustomLogConnector(stack, 'ContosoWeb', { ...props, workspace, transformKql: 'source | project TimeGenerated, Path = Message' });
    expect(synthError(stack)).toContain("[test/ContosoWeb/Rule] dataFlows[0].transformKql: line 1, column 40: The name 'Message' does not refer to any known column");
  });

  test('warns without a transformation when the raw columns do not fit the table (ingestion drops them)', () => {
    const { stack, workspace } = newWorkspaceStack();
    new CustomLogConnector(stack, 'ContosoWeb', { ...props, workspace, transformKql: undefined });
    synth(stack);
    expect(warningsOf(stack)).toContainEqual(expect.stringContaining('[test/ContosoWeb/Rule] dataFlows[0].transformKql: without a '
      + 'transformation the column "RawData" of "Custom-Text-ContosoWeb" goes to "ContosoWeb_CL", which has no such column: ingestion drops it'));
  });

  test('fails on a relative file pattern', () => {
    const { stack, workspace } = newWorkspaceStack();
    expect(() => new CustomLogConnector(stack, 'ContosoWeb', { ...props, workspace, filePatterns: ['access.log'] }))
      .toThrow('[test/ContosoWeb/Rule] logFileDataSources[0].filePatterns[0]: "access.log" is not an absolute path');
  });
});
