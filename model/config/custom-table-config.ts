import { TableColumnConfig } from './column-config';

/** Table plans, as Azure names them. */
export type TablePlanNameConfig = 'Analytics' | 'Basic' | 'Auxiliary';

/** A DCR-based custom table (`<Name>_CL`) that rules of this workspace may write. */
export interface CustomTableConfig {
  /** Table name, ending in `_CL` (e.g. `ContosoApp_CL`). */
  readonly tableName: string;
  /**
   * Columns; one must be `TimeGenerated` of type datetime.
   *
   * @minItems 1
   */
  readonly columns: TableColumnConfig[];
  /**
   * Table plan. Auxiliary is for high-volume, rarely queried data.
   *
   * @default "Analytics"
   */
  readonly plan?: TablePlanNameConfig;
  /**
   * Interactive retention in days, 4 to 730; not settable on the Basic plan.
   *
   * @default - the workspace's retention
   */
  readonly retentionInDays?: number;
  /**
   * Total retention in days: 4 to 730, or whole years up to 12 (1095 ... 4383).
   *
   * @default - same as the interactive retention
   */
  readonly totalRetentionInDays?: number;
  /** @default - none */
  readonly description?: string;
}
