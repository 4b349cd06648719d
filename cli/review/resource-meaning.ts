import { TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import { IntendedReplacement } from './replacements';
import { ReviewDetail, ReviewGroup, ReviewNote } from './review-change';

/** The resources of base and head by address, for meanings that follow a reference (a watchlist item's watchlist). */
export interface ReviewContext {
  readonly base: ReadonlyMap<string, TerraformResourceEntry>;
  readonly head: ReadonlyMap<string, TerraformResourceEntry>;
  /** The replacements head says it intends (`//.sentinel.intendedReplacements`). */
  readonly intendedReplacements?: readonly IntendedReplacement[];
}

/** What a change of a resource means, and which arguments that explains. */
export interface Interpretation {
  readonly notes: ReviewNote[];
  readonly details: ReviewDetail[];
  /** Argument paths (or path prefixes, e.g. `data_sources.syslog`) the notes explain; others are listed as they are. */
  readonly covered: string[];
}

/** How the review speaks about one kind of resource. */
export interface ResourceMeaning {
  readonly group: ReviewGroup;
  /** What the resource is, in Azure's words, as Markdown: `data collection rule \`contoso-LinuxAuth\``. */
  subject(resource: TerraformResourceEntry, context: ReviewContext): string;
  /** What a resource that is added or removed does (it is collected, it stops being collected). */
  summary?(resource: TerraformResourceEntry, context: ReviewContext, kind: 'added' | 'removed'): ReviewNote[];
  /** What the differences between base and head mean. */
  changed?(base: TerraformResourceEntry, head: TerraformResourceEntry, context: ReviewContext): Interpretation;
}

/** An interpretation that explains nothing: every difference is listed as it is. */
export const NO_INTERPRETATION: Interpretation = { notes: [], details: [], covered: [] };

/** A string argument, or undefined. */
export function stringArgument(resource: TerraformResourceEntry, name: string): string | undefined {
  const value = resource.arguments[name];
  return typeof value === 'string' ? value : undefined;
}

/** The resource's `name` argument, or its Terraform name. */
export function nameOf(resource: TerraformResourceEntry): string {
  return stringArgument(resource, 'name') ?? resource.name;
}

/** Merges interpretations of parts of a resource. */
export function mergeInterpretations(parts: readonly Interpretation[]): Interpretation {
  return {
    notes: parts.flatMap((part) => part.notes),
    details: parts.flatMap((part) => part.details),
    covered: parts.flatMap((part) => part.covered),
  };
}
