import { DataCollectionEndpoint } from '../../constructs/data-collection-endpoint';
import { DataCollectionRule } from '../../constructs/data-collection-rule';
import { DataCollectionRuleAssociation } from '../../constructs/data-collection-rule-association';
import { newWorkspaceStack, resourcesOf, synth } from '../support/synth';

const VM = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-forwarders/providers/Microsoft.Compute/virtualMachines/fwd-01';

function setup() {
  const { stack, workspace } = newWorkspaceStack();
  const rule = new DataCollectionRule(stack, 'Syslog', {
    workspace,
    dataCollectionRuleName: 'dcr-syslog',
    syslogDataSources: [{ name: 'auth', facilityNames: ['auth'], minimumLevel: 'Info' }],
    dataFlows: [{ streams: ['Microsoft-Syslog'] }],
  });
  const endpoint = new DataCollectionEndpoint(stack, 'Endpoint', { workspace });
  return { stack, rule, endpoint };
}

describe('DataCollectionRuleAssociation', () => {
  test('associates a rule, named after it, and an endpoint, named as Azure requires', () => {
    const { stack, rule, endpoint } = setup();
    new DataCollectionRuleAssociation(stack, 'ForwarderSyslog', { targetResourceId: VM, dataCollectionRule: rule });
    new DataCollectionRuleAssociation(stack, 'ForwarderEndpoint', { targetResourceId: VM, dataCollectionEndpoint: endpoint });
    const associations = resourcesOf(synth(stack), 'azurerm_monitor_data_collection_rule_association');
    expect(associations).toHaveLength(2);
    expect(associations).toEqual(expect.arrayContaining([
      expect.objectContaining({
        target_resource_id: VM,
        data_collection_rule_id: '${azurerm_monitor_data_collection_rule.Syslog_92575CEF.id}',
        name: '${azurerm_monitor_data_collection_rule.Syslog_92575CEF.name}',
      }),
      expect.objectContaining({
        target_resource_id: VM,
        data_collection_endpoint_id: '${azurerm_monitor_data_collection_endpoint.Endpoint_EEF1FD8F.id}',
        name: 'configurationAccessEndpoint',
      }),
    ]));
  });

  test('accepts a scale set or an Arc-enabled server', () => {
    const { stack, rule } = setup();
    new DataCollectionRuleAssociation(stack, 'ScaleSet', {
      targetResourceId: VM.replace('virtualMachines', 'virtualMachineScaleSets'), dataCollectionRule: rule, associationName: 'syslog',
    });
    new DataCollectionRuleAssociation(stack, 'Arc', {
      targetResourceId: VM.replace('Microsoft.Compute/virtualMachines', 'Microsoft.HybridCompute/machines'), dataCollectionRule: rule,
    });
    expect(resourcesOf(synth(stack), 'azurerm_monitor_data_collection_rule_association')).toHaveLength(2);
  });
});

describe('DataCollectionRuleAssociation fails', () => {
  test('with both a rule and an endpoint, or neither', () => {
    const { stack, rule, endpoint } = setup();
    expect(() => new DataCollectionRuleAssociation(stack, 'Both', { targetResourceId: VM, dataCollectionRule: rule, dataCollectionEndpoint: endpoint }))
      .toThrow('[test/Both] dataCollectionRule: give either dataCollectionRule or dataCollectionEndpoint, not both or neither');
    expect(() => new DataCollectionRuleAssociation(stack, 'Neither', { targetResourceId: VM })).toThrow('[test/Neither] dataCollectionRule:');
  });

  test('on a target that is not a machine', () => {
    const { stack, rule } = setup();
    expect(() => new DataCollectionRuleAssociation(stack, 'Bad', { targetResourceId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st', dataCollectionRule: rule }))
      .toThrow('[test/Bad] targetResourceId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st" is not the resource ID of a virtual machine, scale set or Arc-enabled server');
  });

  test('on an endpoint association with another name', () => {
    const { stack, endpoint } = setup();
    expect(() => new DataCollectionRuleAssociation(stack, 'Bad', { targetResourceId: VM, dataCollectionEndpoint: endpoint, associationName: 'dce' }))
      .toThrow('[test/Bad] associationName: an endpoint association must be named "configurationAccessEndpoint", got "dce"');
  });
});
