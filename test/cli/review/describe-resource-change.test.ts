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
});
