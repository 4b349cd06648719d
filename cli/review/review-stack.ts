import { resourcesOf, TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import { TopologyNode } from '../../emulator/topology/topology-graph';
import { connectorChanges, connectorsOf } from './connector-changes';
import { describeResourceChange } from './describe-resource-change';
import { intendedReplacementsOf } from './replacements';
import { azureNameOf, pairChanged, pairResources, ResourcePair } from './resource-pairs';
import { ReviewContext } from './resource-meaning';
import { ChangeKind, REVIEW_GROUPS, REVIEW_GROUP_TITLES, ReviewChange, ReviewGroup } from './review-change';
import { ReviewDiagram, reviewDiagram } from './review-diagram';
import { blockingPolicyLineOf, isBlockingFinding, policyFindingsOf, reviewFindings, ReviewedFinding } from './policy-findings';

/** The review of one stack: its changes by section, the policy findings of head, and the diagram. */
export interface StackReview {
  readonly stackName: string;
  /** `added` or `removed` when the stack exists in one revision only. */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Resources added, changed (moved included) and removed. */
  readonly counts: { readonly added: number; readonly changed: number; readonly removed: number };
  readonly sections: ReadonlyArray<{ readonly group: ReviewGroup; readonly title: string; readonly changes: readonly ReviewChange[] }>;
  readonly findings: readonly ReviewedFinding[];
  readonly diagram: ReviewDiagram;
  /** Why this stack blocks the change: its unsuppressed policy errors, and replacements that lose data unintended. */
  readonly blocking: readonly string[];
}

const KIND_ORDER: Readonly<Record<ChangeKind, number>> = { removed: 0, replaced: 1, moved: 2, changed: 3, added: 4 };

/** Connector resources are spoken of through the connector's metadata when the connector itself came or went. */
function foldedIntoConnector(change: ReviewChange, connectorChangesOfStack: readonly ReviewChange[], connectors: ReadonlyMap<string, readonly string[]>): boolean {
  return change.address.startsWith('azurerm_sentinel_data_connector_') && (change.kind === 'added' || change.kind === 'removed')
    && connectorChangesOfStack.some((connector) => connector.kind === change.kind && (connectors.get(connector.address) ?? []).includes(change.address));
}

/** Base address → head address of every resource that moved. */
function movedAddresses(pairs: readonly ResourcePair[]): Map<string, string> {
  return new Map(pairs.filter((pair) => pair.base !== undefined && pair.head !== undefined && pair.base.address !== pair.head.address)
    .map((pair) => [(pair.base as TerraformResourceEntry).address, (pair.head as TerraformResourceEntry).address]));
}

function byAddress(document: Record<string, unknown> | undefined): Map<string, TerraformResourceEntry> {
  return new Map(resourcesOf(document ?? {}).map((resource) => [resource.address, resource]));
}

/** Reviews one stack of base against the same stack of head (either may be missing: a stack added or removed). */
export function reviewStack(stackName: string, base: Record<string, unknown> | undefined, head: Record<string, unknown> | undefined): StackReview {
  const context: ReviewContext = { base: byAddress(base), head: byAddress(head), intendedReplacements: intendedReplacementsOf(head) };
  const pairs = pairResources(base, head).filter(pairChanged);
  const connectorsBefore = connectorsOf(base);
  const connectorsAfter = connectorsOf(head);
  const connectorResources = new Map([...connectorsBefore, ...connectorsAfter].map((connector) => [connector.constructPath, connector.resources ?? []]));
  const connectorLevel = connectorChanges(connectorsBefore, connectorsAfter);
  const resourceLevel = pairs.map((pair) => describeResourceChange(pair, context)).filter((change): change is ReviewChange => change !== undefined)
    .filter((change) => !foldedIntoConnector(change, connectorLevel, connectorResources));
  const changes = [...connectorLevel, ...resourceLevel];
  const sections = REVIEW_GROUPS.map((group) => ({
    group, title: REVIEW_GROUP_TITLES[group],
    changes: changes.filter((change) => change.group === group)
      .sort((left, right) => KIND_ORDER[left.kind] - KIND_ORDER[right.kind] || left.address.localeCompare(right.address, 'en')),
  })).filter((section) => section.changes.length > 0);
  const findings = reviewFindings(policyFindingsOf(base), policyFindingsOf(head));

  const changedAddresses = new Set(pairs.flatMap((pair) => [pair.base?.address, pair.head?.address]).filter((address): address is string => address !== undefined));
  const changedTables = new Set(pairs.filter((pair) => /^azurerm_log_analytics_workspace_table/.test(pair.type))
    .map((pair) => azureNameOf((pair.head ?? pair.base) as TerraformResourceEntry)));
  const changedConnectors = new Set(connectorLevel.map((change) => change.address));
  const changedPaths = pairs.flatMap((pair) => [pair.base?.constructPath, pair.head?.constructPath]).filter((constructPath): constructPath is string => constructPath !== undefined);
  // A forwarder is changed when any resource of its construct is (its network security group, its agent).
  const forwarderChanged = (node: TopologyNode) => node.kind === 'forwarder' && node.addresses.some((address) => {
    const machinePath = (context.head.get(address) ?? context.base.get(address))?.constructPath;
    const forwarderPath = machinePath?.slice(0, machinePath.lastIndexOf('/') + 1);
    return forwarderPath !== undefined && forwarderPath !== '' && changedPaths.some((constructPath) => constructPath.startsWith(forwarderPath));
  });
  const isChanged = (node: TopologyNode) => forwarderChanged(node) || node.addresses.some((address) => changedAddresses.has(address))
    || (node.kind === 'table' && changedTables.has(node.key.slice(node.key.lastIndexOf('/') + 1)))
    || (node.constructPath !== undefined && changedConnectors.has(node.constructPath));
  const status = head === undefined ? 'removed' : base === undefined ? 'added' : changes.length > 0 ? 'changed' : 'unchanged';
  return {
    stackName, status,
    counts: {
      added: pairs.filter((pair) => pair.base === undefined).length,
      changed: pairs.filter((pair) => pair.base !== undefined && pair.head !== undefined).length,
      removed: pairs.filter((pair) => pair.head === undefined).length,
    },
    sections,
    findings,
    diagram: status === 'unchanged' ? { problems: [] } : reviewDiagram(stackName, base, head, isChanged, movedAddresses(pairs)),
    blocking: [...findings.filter(isBlockingFinding).map(blockingPolicyLineOf),
      ...changes.flatMap((change) => (change.blocking === undefined ? [] : [change.blocking]))],
  };
}
