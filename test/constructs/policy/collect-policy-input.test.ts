import { TerraformVariable } from 'cdktf';
import { SyslogConnector } from '../../../constructs/connectors/syslog-connector';
import { collectPolicyInput } from '../../../constructs/policy/collect-policy-input';
import { applySentinelPolicy } from '../../../constructs/policy';
import { SentinelWorkspace } from '../../../constructs/sentinel-workspace';
import { newStack, newWorkspaceStack, synth } from '../../support/synth';
import { addForwarder, policyOf } from './policy-test-stacks';

describe('collectPolicyInput', () => {
  test('gives each resource\'s attributes as the stack synthesizes them, with references as Terraform expressions', () => {
    const { stack, workspace } = newWorkspaceStack();
    const forwarder = addForwarder(stack, workspace);
    forwarder.attachConnector(workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth'], minimumLevel: 'Info' }));
    const input = collectPolicyInput(stack);
    const synthesized = synth(stack);
    const association = input.resources.find((resource) => resource.resourceType === 'azurerm_monitor_data_collection_rule_association');
    expect(association).toEqual({
      resourceType: 'azurerm_monitor_data_collection_rule_association',
      resourceAddress: expect.stringMatching(/^azurerm_monitor_data_collection_rule_association\.Sentinel_LinuxAuth_Forwarder-Forwarder_/),
      constructPath: 'test/Sentinel/LinuxAuth/Forwarder-Forwarder/Resource',
      attributes: Object.values(synthesized.resource.azurerm_monitor_data_collection_rule_association)[0],
    });
    expect(association?.attributes.target_resource_id).toBe('${azurerm_linux_virtual_machine.Forwarder_E6AEDC44.id}');
    expect(input.connectors.map((connector) => connector.constructPath)).toEqual(['test/Sentinel/LinuxAuth']);
    expect(input.forwarders).toEqual([{ constructPath: 'test/Forwarder', resourceAddress: 'azurerm_linux_virtual_machine.Forwarder_E6AEDC44' }]);
  });

  test('keeps values only Terraform knows as expressions, which the rules skip instead of failing', () => {
    const stack = newStack();
    const retention = new TerraformVariable(stack, 'retention', { type: 'number' });
    const cap = new TerraformVariable(stack, 'daily_cap', { type: 'number' });
    new SentinelWorkspace(stack, 'Sentinel', {
      workspaceName: 'contoso-dev', resourceGroupName: 'rg', location: 'westeurope', retentionInDays: retention.numberValue,
      dailyQuotaGb: cap.numberValue,
    });
    applySentinelPolicy(stack);
    const workspace = collectPolicyInput(stack).resources.find((resource) => resource.resourceType === 'azurerm_log_analytics_workspace');
    expect(workspace?.attributes).toMatchObject({ retention_in_days: '${var.retention}', daily_quota_gb: '${var.daily_cap}' });
    expect(policyOf(stack)).toEqual({ findings: [] });
  });
});
