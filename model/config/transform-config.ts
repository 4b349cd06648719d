/** A KQL transformation, written inline or kept in a `.kql` file next to the config. */
export interface TransformConfig {
  /**
   * KQL run on each record before it is stored, checked at synth against the destination table. Give this or
   * `transformKqlFile`.
   *
   * @default - records are stored as they arrive
   */
  readonly transformKql?: string;

  /**
   * A `.kql` file holding the transformation, relative to the config file (e.g. `transforms/firewall.kql`); trailing
   * blank lines are dropped. Give this or `transformKql`.
   *
   * @default - `transformKql`
   */
  readonly transformKqlFile?: string;
}
