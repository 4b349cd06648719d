import { templateSequences } from '../terraform/template-text';
import { GraphResource, TerraformGraph } from './terraform-graph';

/**
 * Something Azure checks when a resource is created: another resource must exist already. In Terraform that is an
 * edge of the graph (a reference or `depends_on`), or the two are created in parallel and the first apply fails.
 */
export interface DeploymentPrecondition {
  /** Stable id, as findings name it: `dcr-output-table`. */
  readonly id: string;
  /** What must come first, in words: `a data collection rule after the custom table it writes`. */
  readonly title: string;
  /** What Azure answers when it does not (its error text, or what happens). */
  readonly azureAnswer: string;
  /** Where the rule is documented or reported. */
  readonly source: string;
  /** The pairs this precondition asks for in one synthesized stack. */
  requirements(graph: TerraformGraph): DeploymentRequirement[];
}

/** One resource that Azure checks at creation, and what must exist before it. */
export interface DeploymentRequirement {
  /** Address of the resource Azure checks. */
  readonly dependent: string;
  /** Addresses of which at least one must be created first (usually one). */
  readonly required: readonly string[];
  /** What the dependent needs, in words: `writes the table "ContosoApp_CL"`. */
  readonly reason: string;
}

/** A literal string argument, or undefined for expressions and other values. */
export function literalText(value: unknown): string | undefined {
  return typeof value === 'string' && templateSequences(value).length === 0 ? value : undefined;
}

/** The objects of a block list; a single block counts as a list of one. */
export function blocks(value: unknown): Array<Readonly<Record<string, unknown>>> {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** A property of a nested object (an azapi body), read case-insensitively as ARM reads bodies. */
export function property(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) {
      return undefined;
    }
    const found = Object.keys(current).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    current = found === undefined ? undefined : (current as Record<string, unknown>)[found];
  }
  return current;
}

/** The `<namespace>/<type>` of an azapi resource's `type` argument (`Microsoft.X/y@2024-09-01`), lower-cased. */
export function azapiResourceType(resource: GraphResource): string | undefined {
  const type = literalText(resource.arguments.type);
  return type === undefined ? undefined : type.split('@')[0].toLowerCase();
}

const WORKSPACE_TYPE = 'azurerm_log_analytics_workspace';
const ONBOARDING_TYPE = 'azurerm_sentinel_log_analytics_workspace_onboarding';
const WHOLE_REFERENCE = /^\$\{([A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;

/**
 * What identifies a workspace in an argument that names one, so that two resources on the same workspace compare
 * equal: the address of an `azurerm_log_analytics_workspace` they refer to (through `.id`, or through an onboarding's
 * `.workspace_id`, as azurerm's examples write it), else the literal resource ID, lower-cased.
 */
export function workspaceKey(graph: TerraformGraph, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const reference = WHOLE_REFERENCE.exec(value.trim());
  if (reference === null) {
    return literalText(value)?.toLowerCase();
  }
  const [, address, attribute] = reference;
  const resource = graph.resource(address);
  if (resource?.type === WORKSPACE_TYPE && attribute === 'id') {
    return address;
  }
  if (resource?.type === ONBOARDING_TYPE && attribute === 'workspace_id') {
    return workspaceKey(graph, resource.arguments.workspace_id);
  }
  return value;
}

/** The workspace argument of a Sentinel or Log Analytics resource, whatever its type calls it. */
export function workspaceArgumentOf(resource: GraphResource): unknown {
  const args = resource.arguments;
  return args.log_analytics_workspace_id ?? args.workspace_id ?? args.parent_id ?? args.resource_id;
}

/** The workspaces a data collection rule sends to. */
export function ruleWorkspaceKeys(graph: TerraformGraph, rule: GraphResource): string[] {
  return blocks(rule.arguments.destinations).flatMap((destinations) => blocks(destinations.log_analytics))
    .map((destination) => workspaceKey(graph, destination.workspace_resource_id))
    .filter((key): key is string => key !== undefined);
}

/** The Sentinel onboarding of a workspace in this document, if any. */
export function onboardingOf(graph: TerraformGraph, key: string | undefined): GraphResource | undefined {
  return key === undefined ? undefined
    : graph.ofType(ONBOARDING_TYPE).find((onboarding) => workspaceKey(graph, onboarding.arguments.workspace_id) === key);
}

