import { DataCollectionEndpoint, DataCollectionEndpointKind } from '../../constructs/data-collection-endpoint';
import { newStack, newWorkspaceStack, onlyResource, synth } from '../support/synth';

describe('DataCollectionEndpoint', () => {
  test('takes the workspace\'s region and resource group, and a name from the workspace', () => {
    const { stack, workspace } = newWorkspaceStack();
    const endpoint = new DataCollectionEndpoint(stack, 'Endpoint', { workspace });
    expect(onlyResource(synth(stack), 'azurerm_monitor_data_collection_endpoint')).toMatchObject({
      name: 'contoso-sentinel-dce',
      location: 'westeurope',
      resource_group_name: '${azurerm_resource_group.Sentinel_ResourceGroup_3D1E09A4.name}',
      public_network_access_enabled: true,
    });
    expect(endpoint.logsIngestionEndpoint).toMatch(/^\$\{TfToken\[/);
  });

  test('accepts its own name, region, kind and private access', () => {
    const { stack, workspace } = newWorkspaceStack();
    new DataCollectionEndpoint(stack, 'Endpoint', {
      workspace, dataCollectionEndpointName: 'dce-app', location: 'northeurope', kind: DataCollectionEndpointKind.LINUX,
      publicNetworkAccessEnabled: false, description: 'app senders',
    });
    expect(onlyResource(synth(stack), 'azurerm_monitor_data_collection_endpoint')).toMatchObject({
      name: 'dce-app', location: 'northeurope', kind: 'Linux', public_network_access_enabled: false, description: 'app senders',
    });
  });

  test('imports an endpoint, and fails on an ID of another type', () => {
    const stack = newStack();
    const imported = DataCollectionEndpoint.fromDataCollectionEndpointAttributes(stack, 'Existing', {
      dataCollectionEndpointId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/dataCollectionEndpoints/dce-1',
      logsIngestionEndpoint: 'https://dce-1.westeurope-1.ingest.monitor.azure.com',
    });
    expect(imported.dataCollectionEndpointName).toBe('dce-1');
    expect(() => DataCollectionEndpoint.fromDataCollectionEndpointAttributes(stack, 'Bad', {
      dataCollectionEndpointId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/dataCollectionRules/dcr-1',
      logsIngestionEndpoint: 'https://x',
    })).toThrow('is not a Microsoft.Insights/dataCollectionEndpoints resource ID');
  });
});
