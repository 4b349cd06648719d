import { SENTINEL_INCLUDED_RETENTION_IN_DAYS } from '../retention';
import { PolicyInput, PolicyResource, PolicyViolation, resourcesOfType, violationAt } from './policy-input';
import { isTerraformExpression, literalNumber, literalString } from './terraform-values';

/** Retention Azure gives a workspace that does not set `retention_in_days` (PerGB2018). */
export const AZURE_DEFAULT_WORKSPACE_RETENTION_IN_DAYS = 30;

/** Table resources whose `retention_in_days` is the table's interactive retention. */
const TABLE_TYPES = ['azurerm_log_analytics_workspace_table', 'azurerm_log_analytics_workspace_table_custom_log'];

/**
 * Retention shorter than the 90 days Sentinel includes: a workspace's `retention_in_days` below 90 (or left out, so
 * Azure keeps 30 days), or an Analytics-plan table's interactive `retention_in_days` below 90. Basic and Auxiliary
 * tables are left alone: their interactive retention is fixed and not what analytics rules read.
 */
export function checkRetentionBelowIncludedDays(input: PolicyInput): PolicyViolation[] {
  const workspaces = resourcesOfType(input, 'azurerm_log_analytics_workspace').flatMap((workspace) => {
    const value = workspace.attributes.retention_in_days;
    if (value === undefined) {
      return [violationAt(workspace, `retention_in_days is not set, so Azure keeps ${AZURE_DEFAULT_WORKSPACE_RETENTION_IN_DAYS} days; `
        + `expected at least the ${SENTINEL_INCLUDED_RETENTION_IN_DAYS} days Sentinel includes at no extra cost`)];
    }
    return belowIncluded(workspace, value, 'retention_in_days');
  });
  const tables = TABLE_TYPES.flatMap((type) => resourcesOfType(input, type)).flatMap((table) => {
    const plan = literalString(table.attributes.plan) ?? 'Analytics';
    const field = `retention_in_days of table "${tableName(table)}"`;
    return plan === 'Analytics' ? belowIncluded(table, table.attributes.retention_in_days, field) : [];
  });
  return [...workspaces, ...tables];
}

function belowIncluded(resource: PolicyResource, value: unknown, field: string): PolicyViolation[] {
  const days = literalNumber(value);
  // -1 (or no value) on a table means "the workspace's retention", which the workspace check judges.
  if (isTerraformExpression(value) || days === undefined || days < 0 || days >= SENTINEL_INCLUDED_RETENTION_IN_DAYS) {
    return [];
  }
  return [violationAt(resource, `${field} is ${days} days; expected at least the ${SENTINEL_INCLUDED_RETENTION_IN_DAYS} days `
    + 'Sentinel includes at no extra cost')];
}

function tableName(table: PolicyResource): string {
  return literalString(table.attributes.name) ?? table.resourceAddress;
}
