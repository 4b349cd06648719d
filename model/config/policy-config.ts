/** The policy checks of a stack: every stack is checked; these are the findings accepted, each with its reason. */
export interface PolicyConfig {
  /** Rules turned off, each with why. Top-level ones apply to every stack, a workspace's to its stack only. */
  readonly suppressions?: PolicySuppressionConfig[];
}

/** A policy rule turned off for a reason. */
export interface PolicySuppressionConfig {
  /** Id of the rule, e.g. `Sentinel-FWD1`. */
  readonly rule: string;
  /**
   * Why the finding is acceptable here; listed in the synthesized report.
   *
   * @minLength 1
   */
  readonly reason: string;
  /**
   * Construct path prefix inside the stack (`Forwarder`, `Sentinel/LinuxAuth`) that the suppression covers.
   *
   * @default - the whole stack
   */
  readonly path?: string;
}
