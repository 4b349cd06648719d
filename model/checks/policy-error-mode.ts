/** What an unsuppressed policy error does when its stack synthesizes. */
export enum PolicyErrorMode {
  /** Synth fails, listing each error: what `cdktf synth`, `sentinel-cdk synth` and tests do. */
  FAIL = 'fail',
  /**
   * Synth succeeds: each error is recorded under `//.sentinel.policy.findings` and annotated as a warning, for a tool
   * that reports the findings itself (`sentinel-cdk review` synthesizes each revision so).
   */
  RECORD = 'record',
}

/**
 * The environment variable that sets the {@link PolicyErrorMode} of a policy not given one in code, as
 * `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS` does for cdktf's annotations: `record` or `fail`; unset or empty is `fail`.
 * It reaches an app that runs in another process, such as the `app` of a `cdktf.json`.
 */
export const POLICY_ERRORS_ENVIRONMENT_VARIABLE = 'SENTINEL_CDK_POLICY_ERRORS';

/** The mode a value of {@link POLICY_ERRORS_ENVIRONMENT_VARIABLE} names, or the problem with it (the mode is then `fail`). */
export interface PolicyErrorModeSetting {
  readonly mode: PolicyErrorMode;
  /** Set when the value names no mode: which variable, what was received and what is accepted. */
  readonly problem?: string;
}

/** Reads a value of {@link POLICY_ERRORS_ENVIRONMENT_VARIABLE}, ignoring case and surrounding spaces. */
export function parsePolicyErrorMode(value: string | undefined): PolicyErrorModeSetting {
  const normalized = (value ?? '').trim().toLowerCase();
  if (normalized === '' || normalized === PolicyErrorMode.FAIL) {
    return { mode: PolicyErrorMode.FAIL };
  }
  if (normalized === PolicyErrorMode.RECORD) {
    return { mode: PolicyErrorMode.RECORD };
  }
  return {
    mode: PolicyErrorMode.FAIL,
    problem: `${POLICY_ERRORS_ENVIRONMENT_VARIABLE}: expected "${PolicyErrorMode.RECORD}" (record policy errors without failing synth) `
      + `or "${PolicyErrorMode.FAIL}" (the default, also when unset), received ${JSON.stringify(value)}`,
  };
}
