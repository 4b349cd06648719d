/** Resources that a change replaces on purpose, so that `sentinel-cdk review` does not block on the data they lose. */
export interface IntendedReplacementConfig {
  /**
   * Construct path inside the stack of what is replaced, and everything under it: `ContosoApp/Table`, `Sentinel`.
   *
   * @minLength 1
   */
  readonly path: string;
  /**
   * Why replacing it, and losing its rows, is intended.
   *
   * @minLength 1
   */
  readonly reason: string;
}
