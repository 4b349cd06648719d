import { PolicyFinding } from '../../model/checks/policy-finding';

/** A finding of head, and whether base had it too. */
export interface ReviewedFinding extends PolicyFinding {
  /** True when base has no finding of the same rule on the same construct: this change brings it. */
  readonly introduced: boolean;
}

/** The findings a synthesized stack records under `//.sentinel.policy.findings` (JSON from disk: read defensively). */
export function policyFindingsOf(document: Record<string, unknown> | undefined): PolicyFinding[] {
  const sentinel = (document?.['//'] as Record<string, unknown> | undefined)?.sentinel as { policy?: { findings?: unknown } } | undefined;
  const findings = sentinel?.policy?.findings;
  return Array.isArray(findings) ? (findings as PolicyFinding[]).filter((finding) => typeof finding?.ruleId === 'string') : [];
}

const SEVERITY_ORDER: Readonly<Record<string, number>> = { error: 0, warning: 1 };

/**
 * The findings of head, errors first, each marked when base did not have it. Unsuppressed errors block the change;
 * suppressed findings are listed with their reason.
 */
export function reviewFindings(base: readonly PolicyFinding[], head: readonly PolicyFinding[]): ReviewedFinding[] {
  const identity = (finding: PolicyFinding) => `${finding.ruleId}\u0000${finding.constructPath}\u0000${finding.resourceAddress ?? ''}`;
  const known = new Set(base.map(identity));
  return head.map((finding) => ({ ...finding, introduced: !known.has(identity(finding)) }))
    .sort((left, right) => (SEVERITY_ORDER[left.severity] ?? 2) - (SEVERITY_ORDER[right.severity] ?? 2));
}

/** True when a finding blocks the change: an error without a suppression. */
export function isBlockingFinding(finding: PolicyFinding): boolean {
  return finding.severity === 'error' && finding.suppression === undefined;
}

/** The blocking line of an unsuppressed error, after its stack's name: `policy error [<rule id>] at <construct path>: <message>`. */
export function blockingPolicyLineOf(finding: PolicyFinding): string {
  return `policy error [${finding.ruleId}] at ${finding.constructPath}: ${finding.message}`;
}
