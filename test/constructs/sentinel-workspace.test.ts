import { SentinelWorkspace, TablePlanName, WorkspaceSku } from '../../constructs/sentinel-workspace';
import { newStack, newWorkspaceStack, onlyResource, resourcesOf, synth, warningsOf } from '../support/synth';

describe('SentinelWorkspace', () => {
  test('creates the resource group, the workspace with Sentinel defaults, onboarding and outputs', () => {
    const { stack } = newWorkspaceStack({ tags: { team: 'soc' } });
    const synthesized = synth(stack);

    expect(onlyResource(synthesized, 'azurerm_resource_group')).toMatchObject({
      name: 'rg-sentinel', location: 'westeurope', tags: { team: 'soc' },
    });
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace')).toMatchObject({
      name: 'contoso-sentinel',
      location: 'westeurope',
      resource_group_name: '${azurerm_resource_group.Sentinel_ResourceGroup_3D1E09A4.name}',
      sku: 'PerGB2018',
      retention_in_days: 90,
      local_authentication_enabled: false,
    });
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace')).not.toHaveProperty('daily_quota_gb');
    expect(onlyResource(synthesized, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toMatchObject({
      workspace_id: '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}',
    });
    const outputs = Object.entries(synthesized.output ?? {});
    expect(outputs.find(([name]) => name.startsWith('Sentinel_WorkspaceResourceId'))?.[1].value)
      .toBe('${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}');
    expect(outputs.find(([name]) => name.startsWith('Sentinel_WorkspaceCustomerId'))?.[1].value)
      .toBe('${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.workspace_id}');
    expect(synthesized.terraform.required_providers.azurerm.version).toBe('~> 4.55');
    expect(warningsOf(stack)).toEqual([]);
  });

  test('uses an existing resource group by name', () => {
    const { stack } = newWorkspaceStack({ useExistingResourceGroup: true });
    const synthesized = synth(stack);
    expect(resourcesOf(synthesized, 'azurerm_resource_group')).toEqual([]);
    expect(onlyResource(synthesized, 'azurerm_log_analytics_workspace').resource_group_name).toBe('rg-sentinel');
  });

  test('sets SKU, commitment tier, retention and daily cap', () => {
    const { stack } = newWorkspaceStack({
      sku: WorkspaceSku.CAPACITY_RESERVATION, reservationCapacityInGbPerDay: 100, retentionInDays: 365, dailyQuotaGb: 50,
    });
    expect(onlyResource(synth(stack), 'azurerm_log_analytics_workspace')).toMatchObject({
      sku: 'CapacityReservation', reservation_capacity_in_gb_per_day: 100, retention_in_days: 365, daily_quota_gb: 50,
    });
  });

  test('turns shared-key authentication on only when asked, with a warning', () => {
    const { stack } = newWorkspaceStack({ localAuthenticationEnabled: true });
    expect(onlyResource(synth(stack), 'azurerm_log_analytics_workspace').local_authentication_enabled).toBe(true);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^\[test\/Sentinel\] localAuthenticationEnabled: shared-key authentication is on/)]);
  });

  test('warns when retention is shorter than the 90 days Sentinel includes', () => {
    const { stack } = newWorkspaceStack({ retentionInDays: 30 });
    expect(warningsOf(stack)).toEqual(['[test/Sentinel] retentionInDays: 30 days is less than the 90 days Sentinel includes at no extra cost']);
  });

  test('configures per-table plan and retention, after onboarding', () => {
    const { stack, workspace } = newWorkspaceStack({
      tableSettings: { Syslog: { retentionInDays: 180, totalRetentionInDays: 1095 } },
    });
    workspace.addTableSettings('ContainerLogV2', { plan: TablePlanName.BASIC, totalRetentionInDays: 365 });
    const tables = resourcesOf(synth(stack), 'azurerm_log_analytics_workspace_table');
    expect(tables).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Syslog', plan: 'Analytics', retention_in_days: 180, total_retention_in_days: 1095,
        depends_on: ['azurerm_sentinel_log_analytics_workspace_onboarding.Sentinel_SentinelOnboarding_2D7913B4'] }),
      expect.objectContaining({ name: 'ContainerLogV2', plan: 'Basic', total_retention_in_days: 365 }),
    ]));
    expect(tables).toHaveLength(2);
    expect(tables.find((table) => table.name === 'ContainerLogV2')).not.toHaveProperty('retention_in_days');
  });

  test('imports a workspace from its attributes', () => {
    const stack = newStack();
    const workspace = SentinelWorkspace.fromWorkspaceAttributes(stack, 'Existing', {
      workspaceResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/soc',
      workspaceId: '11111111-1111-1111-1111-111111111111',
      location: 'northeurope',
    });
    expect(workspace.workspaceName).toBe('soc');
    expect(workspace.resourceGroupName).toBe('rg-soc');
    expect(workspace.sentinelDependency).toEqual([]);
  });
});

describe('SentinelWorkspace fails', () => {
  const fails = (props: Parameters<typeof newWorkspaceStack>[0]) => () => newWorkspaceStack(props);

  test('on a workspace name Azure refuses', () => {
    expect(fails({ workspaceName: 'ws' })).toThrow('[test/Sentinel] workspaceName: "ws" is not a valid workspace name; expected 4 to 63 letters, digits or hyphens, starting and ending with a letter or digit');
    expect(fails({ workspaceName: 'contoso_sentinel' })).toThrow('is not a valid workspace name');
  });

  test('on retention outside 30 to 730 days', () => {
    expect(fails({ retentionInDays: 731 })).toThrow('[test/Sentinel] retentionInDays: must be a whole number of days from 30 to 730, got 731');
    expect(fails({ retentionInDays: 7 })).toThrow('got 7');
  });

  test('on a daily cap that is not positive', () => {
    expect(fails({ dailyQuotaGb: 0 })).toThrow('[test/Sentinel] dailyQuotaGb: must be a positive number of GB (leave it out for no cap), got 0');
  });

  test('on a commitment tier without its capacity, or with a capacity Azure does not sell', () => {
    expect(fails({ sku: WorkspaceSku.CAPACITY_RESERVATION })).toThrow('[test/Sentinel] reservationCapacityInGbPerDay: is required with sku CapacityReservation');
    expect(fails({ sku: WorkspaceSku.CAPACITY_RESERVATION, reservationCapacityInGbPerDay: 150 })).toThrow('must be one of 100, 200');
    expect(fails({ reservationCapacityInGbPerDay: 100 })).toThrow('applies only with sku CapacityReservation, but sku is PerGB2018');
  });

  test('on interactive retention set on a Basic table', () => {
    expect(fails({ tableSettings: { ContainerLogV2: { plan: TablePlanName.BASIC, retentionInDays: 30 } } }))
      .toThrow('[test/Sentinel] tableSettings.ContainerLogV2.retentionInDays: the Basic plan has a fixed interactive retention');
  });

  test('on the Auxiliary plan for a workspace table', () => {
    expect(fails({ tableSettings: { Syslog: { plan: TablePlanName.AUXILIARY } } }))
      .toThrow('[test/Sentinel] tableSettings.Syslog.plan: the Auxiliary plan applies only to DCR-based custom tables');
  });

  test('on table retention out of range or total shorter than interactive', () => {
    expect(fails({ tableSettings: { Syslog: { retentionInDays: 3 } } })).toThrow('tableSettings.Syslog.retentionInDays: must be a whole number of days from 4 to 730, got 3');
    expect(fails({ tableSettings: { Syslog: { totalRetentionInDays: 800 } } })).toThrow('tableSettings.Syslog.totalRetentionInDays: must be from 4 to 730 days or one of 1095');
    expect(fails({ tableSettings: { Syslog: { retentionInDays: 180, totalRetentionInDays: 90 } } })).toThrow('must be at least retentionInDays (180), got 90');
  });

  test('when importing from an ID that is not a workspace', () => {
    expect(() => SentinelWorkspace.fromWorkspaceAttributes(newStack(), 'Existing', {
      workspaceResourceId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm', workspaceId: 'x', location: 'westeurope',
    })).toThrow('is not a Microsoft.OperationalInsights/workspaces resource ID');
  });
});
