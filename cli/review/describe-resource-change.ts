import { TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import {
  analyticRuleMeaning, automationRuleMeaning, savedSearchMeaning, watchlistItemMeaning, watchlistMeaning, workbookMeaning,
} from './content-meaning';
import { dataCollectionEndpointMeaning, dataCollectionRuleAssociationMeaning } from './data-collection-association-meaning';
import { dataCollectionRuleMeaning } from './data-collection-rule-meaning';
import { forwarderMachineMeaning, networkSecurityGroupMeaning, networkSecurityRuleMeaning } from './forwarder-meaning';
import { inlineCode, shownValue } from './markdown-text';
import { NO_INTERPRETATION, ResourceMeaning, ReviewContext } from './resource-meaning';
import { intentCovering, Replacement, replacementOf } from './replacements';
import { azureNameOf, ResourcePair, reviewedArguments, sameValue, valueDifferences } from './resource-pairs';
import { ReviewChange, ReviewGroup, ReviewNote } from './review-change';
import { tableMeaning } from './table-meaning';
import { sentinelOnboardingMeaning, workspaceMeaning } from './workspace-meaning';

/** At most this many raw differences are listed for one resource. */
const MAXIMUM_RAW_DIFFERENCES = 12;

/** The meaning of each resource type the review interprets. */
const MEANINGS: ReadonlyArray<readonly [RegExp, ResourceMeaning]> = [
  [/^azurerm_monitor_data_collection_rule$/, dataCollectionRuleMeaning],
  [/^azurerm_monitor_data_collection_rule_association$/, dataCollectionRuleAssociationMeaning],
  [/^azurerm_monitor_data_collection_endpoint$/, dataCollectionEndpointMeaning],
  [/^azurerm_log_analytics_workspace_table(_custom_log)?$/, tableMeaning],
  [/^azurerm_log_analytics_workspace$/, workspaceMeaning],
  [/^azurerm_sentinel_log_analytics_workspace_onboarding$/, sentinelOnboardingMeaning],
  [/^azurerm_network_security_group$/, networkSecurityGroupMeaning],
  [/^azurerm_network_security_rule$/, networkSecurityRuleMeaning],
  [/^azurerm_linux_virtual_machine(_scale_set)?$/, forwarderMachineMeaning],
  [/^azurerm_sentinel_alert_rule_(scheduled|nrt)$/, analyticRuleMeaning],
  [/^azurerm_log_analytics_saved_search$/, savedSearchMeaning],
  [/^azurerm_application_insights_workbook$/, workbookMeaning],
  [/^azurerm_sentinel_watchlist$/, watchlistMeaning],
  [/^azurerm_sentinel_watchlist_item$/, watchlistItemMeaning],
  [/^azurerm_sentinel_automation_rule$/, automationRuleMeaning],
];

/** The section of types the review lists as they are. */
const GROUPS: ReadonlyArray<readonly [RegExp, ReviewGroup]> = [
  [/^azurerm_sentinel_data_connector_|^azapi_resource$/, 'connectors'],
  [/^azurerm_monitor_data_collection_/, 'rules-and-transforms'],
  [/^azurerm_(network_interface|network_interface_security_group_association|lb|lb_[a-z_]+|virtual_machine_extension|public_ip)$/, 'forwarders'],
  [/^azurerm_(sentinel_[a-z_]+|resource_group_template_deployment)$/, 'content'],
  [/^azurerm_resource_group$/, 'workspace'],
];

/** Types whose removal or re-creation loses data: a move of these is a warning. */
const DATA_HOLDING_TYPES = /^azurerm_log_analytics_workspace(_table_custom_log)?$/;

/** How the review speaks about resources of a type it does not interpret: by Terraform type and Azure name. */
function rawMeaning(type: string): ResourceMeaning {
  return {
    group: GROUPS.find(([pattern]) => pattern.test(type))?.[1] ?? 'other',
    subject: (resource) => `${inlineCode(type)} ${inlineCode(azureNameOf(resource) ?? resource.name)}`,
  };
}

/** The meaning of a resource type, or the raw listing. */
export function meaningOf(type: string): ResourceMeaning {
  return MEANINGS.find(([pattern]) => pattern.test(type))?.[1] ?? rawMeaning(type);
}

function isCovered(path: string, covered: readonly string[]): boolean {
  return covered.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
}

/** Differences the meaning did not explain, listed as `path: before → after`. */
function rawNotes(base: TerraformResourceEntry, head: TerraformResourceEntry, covered: readonly string[]): ReviewNote[] {
  const differences = valueDifferences(reviewedArguments(base), reviewedArguments(head)).filter((difference) => !isCovered(difference.path, covered));
  const notes = differences.slice(0, MAXIMUM_RAW_DIFFERENCES)
    .map((difference) => ({ text: `${inlineCode(difference.path)}: ${shownValue(difference.before)} → ${shownValue(difference.after)}` }));
  return differences.length > MAXIMUM_RAW_DIFFERENCES ? [...notes, { text: `… and ${differences.length - MAXIMUM_RAW_DIFFERENCES} more arguments` }] : notes;
}

/** The note of a resource whose address changed while its Azure name stayed. */
function movedNote(base: TerraformResourceEntry): ReviewNote {
  return {
    text: `moved from ${inlineCode(base.address)} (same Azure name ${inlineCode(azureNameOf(base) ?? base.name)}): without a \`moved\` block `
      + 'Terraform deletes it and creates it again',
    warning: DATA_HOLDING_TYPES.test(base.type),
  };
}

/**
 * The note of a resource whose Azure name changed: Azure resources cannot be renamed, so Terraform deletes the
 * resource and creates another (for a workspace or a custom table, with its rows).
 */
function renamedNote(base: TerraformResourceEntry, head: TerraformResourceEntry): ReviewNote[] {
  if (sameValue(base.arguments.name, head.arguments.name)) {
    return [];
  }
  const dataLost = DATA_HOLDING_TYPES.test(head.type) ? ', and every row in it is lost' : '';
  return [{
    text: `renamed from ${shownValue(base.arguments.name)} to ${shownValue(head.arguments.name)}: an Azure resource cannot be renamed, so `
      + `Terraform deletes it and creates it again${dataLost}`,
    warning: true,
  }];
}

/** Why Terraform destroys the resource and creates it again, and what that loses. */
function replacementNotes(replacement: Replacement, base: TerraformResourceEntry, head: TerraformResourceEntry): ReviewNote[] {
  // A rename has its own note (renamedNote).
  const forcedBy = replacement.forcedBy.filter((name) => name !== 'name');
  if (forcedBy.length === 0 && base.type === head.type) {
    return [];
  }
  const cause = base.type !== head.type
    ? `its kind changes from ${inlineCode(base.type)} to ${inlineCode(head.type)}, which azurerm cannot do in place`
    : `${forcedBy.map(inlineCode).join(', ')} cannot change in place in azurerm`;
  return [{
    text: `replaced: ${cause}, so Terraform destroys it and creates it again`
      + (replacement.dataLost === undefined ? '' : `; ${replacement.dataLost}`),
    warning: true,
  }];
}

/** The blocking line of a replacement that loses data, unless head says it is intended. */
function replacementBlocking(replacement: Replacement | undefined, head: TerraformResourceEntry, context: ReviewContext): string | undefined {
  if (replacement?.dataLost === undefined || intentCovering(context.intendedReplacements ?? [], head.constructPath) !== undefined) {
    return undefined;
  }
  return `replaces ${inlineCode(head.address)} (forced by ${replacement.forcedBy.map(inlineCode).join(', ')}): ${replacement.dataLost}. `
    + 'If that is intended, say so with allowReplacement(construct, reason) or intendedReplacements in sentinel.yaml';
}

/** What a changed pair of resources means for a reviewer; undefined when nothing changed. */
export function describeResourceChange(pair: ResourcePair, context: ReviewContext): ReviewChange | undefined {
  const meaning = meaningOf(pair.type);
  const { base, head } = pair;
  if (head === undefined || base === undefined) {
    const resource = (head ?? base) as TerraformResourceEntry;
    const kind = head === undefined ? 'removed' : 'added';
    return { group: meaning.group, kind, subject: meaning.subject(resource, context), address: resource.address,
      notes: meaning.summary?.(resource, context, kind) ?? [], details: [] };
  }
  const interpretation = meaning.changed?.(base, head, context) ?? NO_INTERPRETATION;
  // A resource of another Terraform type (a scheduled rule become NRT) cannot be moved: it is replaced.
  const moved = base.address !== head.address && base.type === head.type;
  const replacement = replacementOf(base, head);
  const notes = [...(moved ? [movedNote(base)] : []), ...renamedNote(base, head),
    ...(replacement === undefined ? [] : replacementNotes(replacement, base, head)), ...interpretation.notes,
    ...rawNotes(base, head, [...interpretation.covered, 'name'])];
  if (notes.length === 0 && interpretation.details.length === 0) {
    return undefined;
  }
  const blocking = replacementBlocking(replacement, head, context);
  return { group: meaning.group, kind: replacement !== undefined ? 'replaced' : moved ? 'moved' : 'changed', subject: meaning.subject(head, context),
    address: head.address, notes, details: interpretation.details, ...(blocking === undefined ? {} : { blocking }) };
}
