import { IConstruct } from 'constructs';
import { throwIfInvalid } from '../private/validation';
import { policyRule, SENTINEL_POLICY_RULES } from './sentinel-policy-rules';

/** A policy rule turned off for a reason, in the config (see {@link applySentinelPolicy}) or in code. */
export interface PolicySuppression {
  /** Id of the rule to suppress, e.g. `Sentinel-FWD1`. */
  readonly ruleId: string;

  /** Why the finding is acceptable here, in at least 10 characters; listed with the finding in the report. */
  readonly reason: string;

  /**
   * Construct path prefix inside the stack that the suppression covers, whole path segments: `Forwarder` covers
   * `<stack>/Forwarder` and everything below it, not `<stack>/ForwarderNetwork`. The stack's own name may lead
   * (`sentinel-example/Forwarder`).
   *
   * @default - the whole stack
   */
  readonly path?: string;
}

/** The shortest reason accepted, as in cdk-nag: a word or two is not a reason. */
export const MINIMUM_SUPPRESSION_REASON_LENGTH = 10;

/** The node metadata type under which in-code suppressions are kept on their construct. */
export const POLICY_SUPPRESSION_METADATA_TYPE = 'sentinel-cdk:policy-suppression';

/**
 * Suppresses a policy rule on `scope` and every construct below it. `reason` is listed with each finding it
 * suppresses in `//.sentinel.policy`:
 *
 * ```ts
 * suppressPolicyRule(forwarder, 'Sentinel-FWD1', 'Branch firewalls send over the internet; the NSG admits only their IPs');
 * ```
 */
export function suppressPolicyRule(scope: IConstruct, ruleId: string, reason: string): void {
  throwIfInvalid(scope, 'ruleId', checkSuppressionRuleId(ruleId));
  throwIfInvalid(scope, 'reason', checkSuppressionReason(reason, ruleId));
  scope.node.addMetadata(POLICY_SUPPRESSION_METADATA_TYPE, { ruleId, reason: reason.trim() });
}

/** Checks a suppression's rule id; returns a message when no rule of the pack has it. */
export function checkSuppressionRuleId(ruleId: unknown): string | undefined {
  if (typeof ruleId === 'string' && policyRule(ruleId) !== undefined) {
    return undefined;
  }
  return `${JSON.stringify(ruleId)} is not a rule of the Sentinel policy; expected one of `
    + SENTINEL_POLICY_RULES.map((rule) => rule.ruleId).join(', ');
}

/** Checks a suppression's reason; returns a message when it is missing or too short to say why. */
export function checkSuppressionReason(reason: unknown, ruleId: unknown): string | undefined {
  if (typeof reason === 'string' && reason.trim().length >= MINIMUM_SUPPRESSION_REASON_LENGTH) {
    return undefined;
  }
  const found = typeof reason === 'string' ? `got ${JSON.stringify(reason)}` : 'got none';
  return `a suppression of ${String(ruleId)} needs a reason of at least ${MINIMUM_SUPPRESSION_REASON_LENGTH} characters that `
    + `says why the finding is acceptable here, ${found}`;
}

/** The reason of the in-code suppression of `ruleId` nearest to `construct` (itself, then its scopes), if any. */
export function suppressionInCode(construct: IConstruct, ruleId: string): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const entry = scope.node.metadata.find((metadata) => metadata.type === POLICY_SUPPRESSION_METADATA_TYPE
      && (metadata.data as { ruleId: string }).ruleId === ruleId);
    if (entry !== undefined) {
      return (entry.data as { reason: string }).reason;
    }
  }
  return undefined;
}
