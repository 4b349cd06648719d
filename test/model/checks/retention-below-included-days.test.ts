import { checkRetentionBelowIncludedDays } from '../../../model/checks/retention-below-included-days';
import { policyInput, resource } from './policy-input-fixtures';

const workspace = (attributes: Record<string, unknown>) => resource('azurerm_log_analytics_workspace', 'Workspace', attributes);

describe('Sentinel-WS2: retention shorter than the 90 days Sentinel includes', () => {
  test('passes 90 days or more, a variable, Basic tables and tables that keep the workspace\'s retention', () => {
    expect(checkRetentionBelowIncludedDays(policyInput([
      workspace({ retention_in_days: 90 }),
      resource('azurerm_log_analytics_workspace', 'Variable', { retention_in_days: '${var.retention}' }),
      resource('azurerm_log_analytics_workspace_table', 'Syslog', { name: 'Syslog', plan: 'Analytics', retention_in_days: 180 }),
      resource('azurerm_log_analytics_workspace_table', 'Verbose', { name: 'ContainerLogV2', plan: 'Basic', retention_in_days: 8 }),
      resource('azurerm_log_analytics_workspace_table_custom_log', 'App', { name: 'App_CL', plan: 'Analytics' }),
    ]))).toEqual([]);
  });

  test('finds a workspace below 90 days, or without retention_in_days (Azure keeps 30)', () => {
    expect(checkRetentionBelowIncludedDays(policyInput([workspace({ retention_in_days: 30 })]))).toEqual([{
      constructPath: 'test/Workspace', resourceAddress: 'azurerm_log_analytics_workspace.Workspace',
      message: 'retention_in_days is 30 days; expected at least the 90 days Sentinel includes at no extra cost',
    }]);
    expect(checkRetentionBelowIncludedDays(policyInput([workspace({})]))[0].message)
      .toBe('retention_in_days is not set, so Azure keeps 30 days; expected at least the 90 days Sentinel includes at no extra cost');
  });

  test('finds an Analytics table, built-in or custom, with a shorter interactive retention', () => {
    const found = checkRetentionBelowIncludedDays(policyInput([
      workspace({ retention_in_days: 365 }),
      resource('azurerm_log_analytics_workspace_table', 'Syslog', { name: 'Syslog', retention_in_days: 30, total_retention_in_days: 365 }),
      resource('azurerm_log_analytics_workspace_table_custom_log', 'App', { name: 'App_CL', plan: 'Analytics', retention_in_days: '60' }),
    ]));
    expect(found.map((violation) => violation.message)).toEqual([
      'retention_in_days of table "Syslog" is 30 days; expected at least the 90 days Sentinel includes at no extra cost',
      'retention_in_days of table "App_CL" is 60 days; expected at least the 90 days Sentinel includes at no extra cost',
    ]);
  });
});
