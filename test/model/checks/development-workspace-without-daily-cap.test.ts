import { checkDevelopmentWorkspaceWithoutDailyCap } from '../../../model/checks/development-workspace-without-daily-cap';
import { policyInput, resource } from './policy-input-fixtures';

const workspace = (attributes: Record<string, unknown>) => resource('azurerm_log_analytics_workspace', 'Workspace', {
  name: 'contoso-sentinel', ...attributes,
});

describe('Sentinel-WS3: no daily cap on a development workspace', () => {
  test('passes a development workspace with a cap, and a production workspace without one', () => {
    expect(checkDevelopmentWorkspaceWithoutDailyCap(policyInput([workspace({ tags: { environment: 'dev' }, daily_quota_gb: 5 })]))).toEqual([]);
    expect(checkDevelopmentWorkspaceWithoutDailyCap(policyInput([workspace({ tags: { environment: 'production' } })]))).toEqual([]);
    expect(checkDevelopmentWorkspaceWithoutDailyCap(policyInput([workspace({ name: 'contoso-devops-sentinel' })]))).toEqual([]);
    expect(checkDevelopmentWorkspaceWithoutDailyCap(policyInput([workspace({ tags: { env: 'test' }, daily_quota_gb: '${var.cap}' })]))).toEqual([]);
  });

  test('finds a workspace tagged environment dev, development, test, testing or sandbox without daily_quota_gb', () => {
    expect(checkDevelopmentWorkspaceWithoutDailyCap(policyInput([workspace({ tags: { Environment: 'Test' } })]))).toEqual([{
      constructPath: 'test/Workspace', resourceAddress: 'azurerm_log_analytics_workspace.Workspace',
      message: 'daily_quota_gb is not set on a development workspace (tag Environment: Test): a chatty source or a loop can ingest '
        + 'without limit; expected a daily_quota_gb (dailyQuotaGb) sized for tests, e.g. 5',
    }]);
  });

  test('finds a workspace named as development with daily_quota_gb -1 (no cap)', () => {
    expect(checkDevelopmentWorkspaceWithoutDailyCap(policyInput([workspace({ name: 'contoso-dev-sentinel', daily_quota_gb: -1 })]))[0].message)
      .toMatch(/^daily_quota_gb is -1 \(no cap\) on a development workspace \(its name "contoso-dev-sentinel" says dev\)/);
  });
});
