import { describeResourceChange } from '../../../cli/review/describe-resource-change';
import { ReviewContext } from '../../../cli/review/resource-meaning';
import { pairResources } from '../../../cli/review/resource-pairs';

const CONTEXT: ReviewContext = { base: new Map(), head: new Map() };

/** A synthesized stack holding one resource. */
function stackWith(type: string, name: string, body: Record<string, unknown>): Record<string, unknown> {
  return { resource: { [type]: { [name]: { '//': { metadata: { path: `soc/${name}` } }, ...body } } } };
}

describe('what a resource change means', () => {
  test('a renamed workspace is re-created by Terraform with its rows: a warning', () => {
    const [pair] = pairResources(stackWith('azurerm_log_analytics_workspace', 'W', { name: 'soc', sku: 'PerGB2018' }),
      stackWith('azurerm_log_analytics_workspace', 'W', { name: 'soc-2', sku: 'PerGB2018' }));
    expect(describeResourceChange(pair, CONTEXT)?.notes).toEqual([{
      text: 'renamed from `soc` to `soc-2`: an Azure resource cannot be renamed, so Terraform deletes it and creates it again, and every row in it is lost',
      warning: true,
    }]);
  });

  test('a resource under a new address with the same Azure name is moved, not removed and added', () => {
    const pairs = pairResources(stackWith('azurerm_log_analytics_workspace_table_custom_log', 'Old', { name: 'App_CL' }),
      stackWith('azurerm_log_analytics_workspace_table_custom_log', 'New', { name: 'App_CL' }));
    expect(pairs).toHaveLength(1);
    const change = describeResourceChange(pairs[0], CONTEXT);
    expect(change).toMatchObject({ kind: 'moved', address: 'azurerm_log_analytics_workspace_table_custom_log.New', group: 'tables' });
    expect(change?.notes[0]).toMatchObject({ warning: true });
  });

  test('a resource type the review does not interpret is listed argument by argument, construct metadata and depends_on left out', () => {
    const [pair] = pairResources(stackWith('azurerm_storage_account', 'S', { name: 'st', min_tls_version: 'TLS1_2', depends_on: ['a'] }),
      stackWith('azurerm_storage_account', 'S', { name: 'st', min_tls_version: 'TLS1_0', depends_on: ['b'] }));
    expect(describeResourceChange(pair, CONTEXT)).toEqual({
      group: 'other', kind: 'changed', subject: '`azurerm_storage_account` `st`', address: 'azurerm_storage_account.S',
      notes: [{ text: '`min_tls_version`: `TLS1_2` → `TLS1_0`' }], details: [],
    });
  });

  test('a change of depends_on alone is no change', () => {
    const [pair] = pairResources(stackWith('azurerm_storage_account', 'S', { name: 'st', depends_on: ['a'] }),
      stackWith('azurerm_storage_account', 'S', { name: 'st', depends_on: ['b'] }));
    expect(describeResourceChange(pair, CONTEXT)).toBeUndefined();
  });

  test('a parser whose query changes is replaced: azurerm cannot update a saved search in place', () => {
    const [pair] = pairResources(stackWith('azurerm_log_analytics_saved_search', 'P', { name: 'p', function_alias: 'CefEvent', query: 'CommonSecurityLog' }),
      stackWith('azurerm_log_analytics_saved_search', 'P', { name: 'p', function_alias: 'CefEvent', query: 'CommonSecurityLog | where DeviceVendor != ""' }));
    const change = describeResourceChange(pair, CONTEXT);
    expect(change).toMatchObject({ kind: 'replaced', address: 'azurerm_log_analytics_saved_search.P' });
    expect(change?.notes[0]).toEqual({ text: 'replaced: `query` cannot change in place in azurerm, so Terraform destroys it and creates it again', warning: true });
    expect(change?.blocking).toBeUndefined();
  });

  test('a scheduled rule become NRT is one rule replaced, not one removed and one added', () => {
    const pairs = pairResources(stackWith('azurerm_sentinel_alert_rule_scheduled', 'R', { name: 'a-guid', query: 'Syslog' }),
      stackWith('azurerm_sentinel_alert_rule_nrt', 'R', { name: 'a-guid', query: 'Syslog' }));
    expect(pairs).toHaveLength(1);
    expect(describeResourceChange(pairs[0], CONTEXT)?.notes[0]).toEqual({
      text: 'replaced: its kind changes from `azurerm_sentinel_alert_rule_scheduled` to `azurerm_sentinel_alert_rule_nrt`, which azurerm cannot do in place, '
        + 'so Terraform destroys it and creates it again',
      warning: true,
    });
  });

  test('a custom table moved to another workspace loses its rows and blocks, unless head says it is intended', () => {
    const base = stackWith('azurerm_log_analytics_workspace_table_custom_log', 'T', { name: 'App_CL', workspace_id: '${azurerm_log_analytics_workspace.A.id}' });
    const head = stackWith('azurerm_log_analytics_workspace_table_custom_log', 'T', { name: 'App_CL', workspace_id: '${azurerm_log_analytics_workspace.B.id}' });
    const [pair] = pairResources(base, head);
    const change = describeResourceChange(pair, CONTEXT);
    expect(change?.kind).toBe('replaced');
    expect(change?.blocking).toBe('replaces `azurerm_log_analytics_workspace_table_custom_log.T` (forced by `workspace_id`): every row of the table is lost. '
      + 'If that is intended, say so with allowReplacement(construct, reason) or intendedReplacements in sentinel.yaml');
    const intended = describeResourceChange(pair, { ...CONTEXT, intendedReplacements: [{ constructPath: 'soc/T', reason: 'moved to the EU workspace' }] });
    expect(intended?.kind).toBe('replaced');
    expect(intended?.blocking).toBeUndefined();
  });

  test('a table plan change warns that Azure allows one a week', () => {
    const [pair] = pairResources(stackWith('azurerm_log_analytics_workspace_table', 'T', { name: 'Syslog', plan: 'Analytics' }),
      stackWith('azurerm_log_analytics_workspace_table', 'T', { name: 'Syslog', plan: 'Basic' }));
    expect(describeResourceChange(pair, CONTEXT)?.notes).toContainEqual({
      text: 'Azure changes a table\'s plan at most once a week: another plan change of this table deployed within seven days fails', warning: true,
    });
  });
});
