import { TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import { sameValue } from './resource-pairs';

/**
 * Arguments that azurerm 4.x (and azapi 2.x) cannot change in place: a new value makes Terraform destroy the resource
 * and create it again (`ForceNew` in the provider's schema). `every` stands for a resource that has no update at all.
 * Read from the provider's resource schemas and docs ("Changing this forces a new ... to be created"), for the types
 * this toolkit writes; a type not listed is reviewed by its arguments alone.
 */
const REPLACING_ARGUMENTS: Readonly<Record<string, readonly string[] | 'every'>> = {
  azurerm_resource_group: ['name', 'location'],
  azurerm_log_analytics_workspace: ['name', 'resource_group_name', 'location'],
  azurerm_sentinel_log_analytics_workspace_onboarding: 'every',
  azurerm_log_analytics_workspace_table: ['name', 'workspace_id'],
  azurerm_log_analytics_workspace_table_custom_log: ['name', 'workspace_id'],
  // A saved search (a parser's function, a hunting query) has no update in azurerm: any change re-creates it.
  azurerm_log_analytics_saved_search: 'every',
  azurerm_sentinel_watchlist: 'every',
  azurerm_sentinel_watchlist_item: ['name', 'watchlist_id'],
  azurerm_sentinel_alert_rule_scheduled: ['name', 'log_analytics_workspace_id'],
  azurerm_sentinel_alert_rule_nrt: ['name', 'log_analytics_workspace_id'],
  azurerm_sentinel_automation_rule: ['name', 'log_analytics_workspace_id'],
  azurerm_monitor_data_collection_rule: ['name', 'resource_group_name', 'location', 'kind'],
  azurerm_monitor_data_collection_endpoint: ['name', 'resource_group_name', 'location'],
  azurerm_monitor_data_collection_rule_association: ['name', 'target_resource_id'],
  azurerm_application_insights_workbook: ['name', 'resource_group_name', 'location', 'source_id'],
  azurerm_linux_virtual_machine: ['name', 'resource_group_name', 'location', 'admin_username', 'custom_data', 'source_image_reference',
    'admin_password', 'disable_password_authentication'],
  azurerm_linux_virtual_machine_scale_set: ['name', 'resource_group_name', 'location', 'admin_username', 'disable_password_authentication'],
  azurerm_network_security_group: ['name', 'resource_group_name', 'location'],
  azurerm_virtual_network: ['name', 'resource_group_name', 'location'],
  azurerm_subnet: ['name', 'resource_group_name', 'virtual_network_name'],
  azurerm_linux_function_app: ['name', 'resource_group_name', 'location'],
  azurerm_storage_account: ['name', 'resource_group_name', 'location', 'account_kind'],
  azapi_resource: ['name', 'parent_id', 'type'],
};

/**
 * Types that hold data which re-creating loses: the workspace (every table), a custom table (its rows), the onboarding
 * (Sentinel itself: incidents, rules' state). Replacing one blocks the review unless the change says it is intended.
 */
const DATA_HOLDING_TYPES: Readonly<Record<string, string>> = {
  azurerm_log_analytics_workspace: 'every table of the workspace and every row in them are lost',
  azurerm_log_analytics_workspace_table_custom_log: 'every row of the table is lost',
  azurerm_sentinel_log_analytics_workspace_onboarding: 'Sentinel is turned off and on again: incidents and the state of its content are lost',
};

/** Terraform types that are one Azure resource type in different kinds: changing between them re-creates it. */
const KIND_FAMILIES: ReadonlyArray<readonly string[]> = [
  ['azurerm_sentinel_alert_rule_scheduled', 'azurerm_sentinel_alert_rule_nrt'],
];

/** Arguments that say nothing about the deployed resource. */
const IGNORED = new Set(['depends_on', '//', 'lifecycle', 'provider', 'count', 'for_each']);

/** The types that are kinds of the same Azure resource as `type` (itself included). */
export function kindFamilyOf(type: string): readonly string[] {
  return KIND_FAMILIES.find((family) => family.includes(type)) ?? [type];
}

/** Why Terraform destroys `base` and creates `head` instead of updating it, or undefined when it updates in place. */
export interface Replacement {
  /** The arguments whose change forces it (`kind` for a change of Terraform type between kinds). */
  readonly forcedBy: readonly string[];
  /** What is lost with the resource, for types that hold data. */
  readonly dataLost?: string;
}

/** The replacement a change from `base` to `head` (the same Azure resource) makes, if any. */
export function replacementOf(base: TerraformResourceEntry, head: TerraformResourceEntry): Replacement | undefined {
  const dataLost = DATA_HOLDING_TYPES[head.type];
  if (base.type !== head.type) {
    return { forcedBy: ['kind'], ...(dataLost === undefined ? {} : { dataLost }) };
  }
  const replacing = REPLACING_ARGUMENTS[head.type];
  if (replacing === undefined) {
    return undefined;
  }
  const names = replacing === 'every'
    ? [...new Set([...Object.keys(base.arguments), ...Object.keys(head.arguments)])].filter((name) => !IGNORED.has(name))
    : replacing;
  const forcedBy = names.filter((name) => !sameValue(base.arguments[name], head.arguments[name])).sort();
  return forcedBy.length === 0 ? undefined : { forcedBy, ...(dataLost === undefined ? {} : { dataLost }) };
}

/** A replacement that the change says it intends, with its reason (`//.sentinel.intendedReplacements`). */
export interface IntendedReplacement {
  /** The construct path that covers the replaced resources (a prefix of their paths). */
  readonly constructPath: string;
  readonly reason: string;
}

/** The intended replacements a synthesized stack records. */
export function intendedReplacementsOf(document: Record<string, unknown> | undefined): IntendedReplacement[] {
  const sentinel = (document?.['//'] as { sentinel?: { intendedReplacements?: unknown } } | undefined)?.sentinel;
  const entries = Array.isArray(sentinel?.intendedReplacements) ? sentinel.intendedReplacements : [];
  return entries.filter((entry): entry is IntendedReplacement => typeof entry === 'object' && entry !== null
    && typeof (entry as IntendedReplacement).constructPath === 'string' && typeof (entry as IntendedReplacement).reason === 'string');
}

/** The intended replacement that covers a resource's construct path, if any. */
export function intentCovering(intents: readonly IntendedReplacement[], constructPath: string | undefined): IntendedReplacement | undefined {
  return constructPath === undefined ? undefined
    : intents.find((intent) => constructPath === intent.constructPath || constructPath.startsWith(`${intent.constructPath}/`));
}
