import * as path from 'node:path';
import { readPlanSummary, summarizePlan } from '../../../cli/review/plan-summary';

const PLAN = path.join(__dirname, 'fixtures', 'plan', 'plan.json');

describe('the summary of `terraform show -json`', () => {
  test('counts every action of resource_changes, replacements both ways', () => {
    const summary = readPlanSummary('plan.json', PLAN);
    expect(summary.counts).toEqual({ create: 1, update: 2, delete: 1, replace: 2, 'no-op': 1, read: 1 });
    expect(summary.changes.map((change) => change.action)).toEqual(['update', 'delete', 'create', 'replace', 'replace', 'update']);
  });

  test('flags deletions and replacements of workspaces and tables with Terraform\'s reason and the paths that force them', () => {
    expect(readPlanSummary('plan.json', PLAN).flagged).toEqual([
      {
        address: 'azurerm_log_analytics_workspace_table_custom_log.Sentinel_ContosoApp_Table_65F2D0ED', type: 'azurerm_log_analytics_workspace_table_custom_log',
        action: 'delete', reason: 'delete_because_no_resource_config', replacePaths: [], consequence: 'the custom table is deleted with every row in it',
      },
      {
        address: 'azurerm_log_analytics_workspace_table_custom_log.Sentinel_ContosoWeb_Table_AFBF3E10', type: 'azurerm_log_analytics_workspace_table_custom_log',
        action: 'replace', reason: 'replace_because_cannot_update', replacePaths: ['name'], consequence: 'the custom table is deleted with every row in it',
      },
    ]);
  });

  test('flags a replaced workspace and an offboarded Sentinel', () => {
    const change = (type: string, actions: string[]) => ({ address: `${type}.X`, type, change: { actions } });
    const summary = summarizePlan('plan.json', {
      format_version: '1.2',
      resource_changes: [change('azurerm_log_analytics_workspace', ['create', 'delete']),
        change('azurerm_sentinel_log_analytics_workspace_onboarding', ['delete'])],
    });
    expect(summary.flagged.map((flagged) => `${flagged.action} ${flagged.type}`))
      .toEqual(['replace azurerm_log_analytics_workspace', 'delete azurerm_sentinel_log_analytics_workspace_onboarding']);
  });

  test('fails on another major format version or an unknown action, naming the file and the field', () => {
    expect(() => summarizePlan('plan.json', { format_version: '2.0' }))
      .toThrow('plan.json: format_version: expected "1.x" (Terraform\'s JSON output format 1), received "2.0"');
    expect(() => summarizePlan('plan.json', { format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'a', change: { actions: ['move'] } }] }))
      .toThrow('plan.json: resource_changes[0]: expected "address", "type" and "change.actions" as one of');
    expect(() => readPlanSummary('missing.json', path.join(__dirname, 'missing.json'))).toThrow(/^missing\.json: cannot read the plan: /);
  });
});
