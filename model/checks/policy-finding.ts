/** How serious a policy finding is: an unsuppressed `error` fails synth, a `warning` is reported only. */
export type PolicySeverity = 'error' | 'warning';

/**
 * One finding of a policy rule, as recorded in a synthesized stack under `//.sentinel.policy.findings`
 * (and read back by the `sentinel-cdk review` command).
 */
export interface PolicyFinding {
  /** Stable id of the rule, e.g. `Sentinel-FWD1`. */
  readonly ruleId: string;
  /** Severity the policy pack gives the rule. */
  readonly severity: PolicySeverity;
  /** One-line title of the rule. */
  readonly title: string;
  /** What is wrong here, and why a reviewer should care. */
  readonly message: string;
  /** Construct path of the construct the finding is about, e.g. `sentinel-example/Forwarder/NetworkSecurityGroup`. */
  readonly constructPath: string;
  /** Terraform address of the resource, e.g. `azurerm_network_security_group.Forwarder_NetworkSecurityGroup_1A2B3C4D`. */
  readonly resourceAddress?: string;
  /** Present when the finding is suppressed: the reason given with the suppression. */
  readonly suppression?: { readonly reason: string };
}

/** The `//.sentinel.policy` section of a synthesized stack. */
export interface PolicyReport {
  /** Every finding, suppressed ones included, sorted by construct path, rule id, then message. */
  readonly findings: PolicyFinding[];
}
