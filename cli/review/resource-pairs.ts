import { resourcesOf, TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import { kindFamilyOf } from './replacements';

/** A resource of base and head paired by address, or by its Azure name when its address changed (moved). */
export interface ResourcePair {
  /** The address in head, or in base when the resource was removed. */
  readonly address: string;
  readonly type: string;
  readonly base?: TerraformResourceEntry;
  readonly head?: TerraformResourceEntry;
}

/** Arguments that say nothing about the deployed resource. */
const IGNORED_ARGUMENTS = new Set(['depends_on', '//']);

/** The `name` argument when it is a literal (no reference): the resource's name in Azure. */
export function azureNameOf(resource: TerraformResourceEntry): string | undefined {
  const name = resource.arguments.name;
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}

/** True when two values are the same JSON. */
export function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** The arguments of a resource that matter for the review. */
export function reviewedArguments(resource: TerraformResourceEntry | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource?.arguments ?? {}).filter(([name]) => !IGNORED_ARGUMENTS.has(name)));
}

/** True when a pair was added, removed, moved or has an argument that differs. */
export function pairChanged(pair: ResourcePair): boolean {
  return pair.base === undefined || pair.head === undefined || pair.base.address !== pair.head.address
    || !sameValue(reviewedArguments(pair.base), reviewedArguments(pair.head));
}

/**
 * Pairs the resources of two synthesized stacks: by address, then a resource only in base with one only in head of
 * the same type (or another kind of the same Azure resource type) and the same literal Azure name (a rename in
 * Terraform of the same Azure resource). Sorted by address.
 */
export function pairResources(baseDocument: Record<string, unknown> | undefined, headDocument: Record<string, unknown> | undefined): ResourcePair[] {
  const base = new Map(resourcesOf(baseDocument ?? {}).map((resource) => [resource.address, resource]));
  const head = new Map(resourcesOf(headDocument ?? {}).map((resource) => [resource.address, resource]));
  const pairs: ResourcePair[] = [];
  for (const [address, resource] of head) {
    const before = base.get(address);
    pairs.push({ address, type: resource.type, head: resource, ...(before === undefined ? {} : { base: before }) });
  }
  const onlyInBase = [...base.values()].filter((resource) => !head.has(resource.address));
  for (const resource of onlyInBase) {
    const name = azureNameOf(resource);
    // Same Azure resource: same type (or another kind of it, a scheduled rule become NRT) and the same literal name.
    const family = kindFamilyOf(resource.type);
    const moved = name === undefined ? undefined : pairs.find((pair) => pair.base === undefined && family.includes(pair.type)
      && pair.head !== undefined && azureNameOf(pair.head) === name);
    if (moved === undefined) {
      pairs.push({ address: resource.address, type: resource.type, base: resource });
    } else {
      pairs[pairs.indexOf(moved)] = { ...moved, base: resource };
    }
  }
  return pairs.sort((left, right) => left.address.localeCompare(right.address, 'en'));
}

/** A leaf that differs between two values, by its path (`security_rule[0].source_address_prefixes`). */
export interface ValueDifference {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * The paths where two values differ: objects are compared key by key, arrays of the same length element by element;
 * anything else (scalars, arrays whose length changed) is one difference.
 */
export function valueDifferences(before: unknown, after: unknown, path = ''): ValueDifference[] {
  if (sameValue(before, after)) {
    return [];
  }
  const bothObjects = isPlainObject(before) && isPlainObject(after);
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => valueDifferences(before[key], after[key], path === '' ? key : `${path}.${key}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((element, index) => valueDifferences(element, after[index], `${path}[${index}]`));
  }
  return [{ path, before, after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
