/** The sections of a stack's review, in the order the report shows them. */
export const REVIEW_GROUPS = ['connectors', 'rules-and-transforms', 'tables', 'forwarders', 'content', 'workspace', 'other'] as const;

/** A section of a stack's review. */
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];

/** Headings of the sections. */
export const REVIEW_GROUP_TITLES: Readonly<Record<ReviewGroup, string>> = {
  connectors: 'Connectors',
  'rules-and-transforms': 'Rules and transforms',
  tables: 'Tables',
  forwarders: 'Forwarders',
  content: 'Content',
  workspace: 'Workspace',
  other: 'Other resources',
};

/**
 * What happened to a thing between base and head. A `moved` resource kept its Azure name under a new address; a
 * `replaced` one changed an argument that Terraform cannot update in place, so it is destroyed and created again.
 */
export type ChangeKind = 'added' | 'changed' | 'removed' | 'moved' | 'replaced';

/** A longer text shown under the change, collapsible: a KQL diff, a cloud-init diff, a workbook diff. */
export interface ReviewDetail {
  /** What the text is, e.g. "data flow 1 transformKql". */
  readonly title: string;
  /** Language of the fenced block (`diff`). */
  readonly language: string;
  readonly text: string;
}

/** One line of meaning: what changed, spelled out. `warning` marks what a reviewer must look at (⚠️). */
export interface ReviewNote {
  readonly text: string;
  readonly warning?: boolean;
}

/** One change a reviewer reads: a resource or a connector added, changed, removed or moved, with what it means. */
export interface ReviewChange {
  readonly group: ReviewGroup;
  readonly kind: ChangeKind;
  /** What it is, in Azure's words: `data collection rule \`contoso-LinuxAuth\``. Markdown. */
  readonly subject: string;
  /** The Terraform address in head (in base when removed), or the construct path of a connector. */
  readonly address: string;
  readonly notes: readonly ReviewNote[];
  readonly details: readonly ReviewDetail[];
  /** Why this change blocks the pull request (a replacement that loses data and is not said to be intended). */
  readonly blocking?: string;
}
