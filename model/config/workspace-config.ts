import { BackendConfig } from './backend-config';
import { ConnectorEntry } from './connector-config';
import { CustomTableConfig, TablePlanNameConfig } from './custom-table-config';
import { DataCollectionRuleConfig } from './data-collection-rule-config';
import { DataCollectionEndpointConfig } from './data-collection-endpoint-config';
import { ForwarderConfig } from './forwarder-config';
import { VirtualNetworkConfig } from './network-config';
import { IntendedReplacementConfig } from './intended-replacement-config';
import { PolicyConfig } from './policy-config';
import { SolutionConfig } from './solution-config';
import { VariableConfig } from './variable-config';

/** Plan and retention of one table of the workspace. */
export interface TableSettingsConfig {
  /** @default "Analytics" */
  readonly plan?: TablePlanNameConfig;
  /**
   * Interactive retention in days, 4 to 730.
   *
   * @default - the workspace's retention
   */
  readonly retentionInDays?: number;
  /**
   * Total retention in days, long-term retention included: 4 to 730, or whole years up to 12 (1095 ... 4383).
   *
   * @default - same as the interactive retention
   */
  readonly totalRetentionInDays?: number;
}

/**
 * A Log Analytics workspace onboarded to Microsoft Sentinel, and everything that fills it: one Terraform stack, with
 * its own state. Names under each section are construct ids, which shape Terraform addresses: keep them stable.
 */
export interface WorkspaceConfig {
  /**
   * Name of the Log Analytics workspace: 4 to 63 letters, digits or hyphens, alphanumeric at both ends.
   *
   * @minLength 1
   */
  readonly workspaceName: string;
  /**
   * Azure region, e.g. `westeurope`.
   *
   * @minLength 1
   */
  readonly location: string;
  /**
   * Resource group of the workspace.
   *
   * @minLength 1
   */
  readonly resourceGroupName: string;
  /**
   * Use a resource group that already exists instead of creating it.
   *
   * @default false
   */
  readonly useExistingResourceGroup?: boolean;
  /** @default "PerGB2018" */
  readonly sku?: 'PerGB2018' | 'CapacityReservation';
  /**
   * Commitment tier in GB per day, with sku `CapacityReservation`.
   *
   * @default - none
   */
  readonly reservationCapacityInGbPerDay?: number;
  /**
   * Retention of the workspace's tables in days, 30 to 730 (Sentinel includes 90).
   *
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * Daily ingestion cap in GB.
   *
   * @default - no cap
   */
  readonly dailyQuotaGb?: number;
  /**
   * Allow shared-key authentication (the retired HTTP Data Collector API needs it).
   *
   * @default false
   */
  readonly localAuthenticationEnabled?: boolean;
  /**
   * Per-table plan and retention, by table name.
   *
   * @default - every table keeps the workspace settings
   */
  readonly tableSettings?: Record<string, TableSettingsConfig>;
  /**
   * Tags of the resource group and the workspace.
   *
   * @default - none
   */
  readonly tags?: Record<string, string>;

  /**
   * Variables of this stack only, in addition to the top-level ones (same name: this one wins).
   *
   * @default - none
   */
  readonly variables?: Record<string, VariableConfig>;
  /**
   * Where this stack's state is kept.
   *
   * @default - the top-level `backend`, else a local file
   */
  readonly backend?: BackendConfig;
  /**
   * Policy suppressions of this stack, in addition to the top-level ones.
   *
   * @default - none
   */
  readonly policy?: PolicyConfig;
  /**
   * Resources holding data (the workspace, custom tables) that this change replaces on purpose, each with its reason:
   * `sentinel-cdk review` then reports the replacement without blocking. Remove the entry once deployed.
   *
   * @default - none: a replacement that loses data blocks the review
   */
  readonly intendedReplacements?: IntendedReplacementConfig[];

  /**
   * Virtual networks created in the stack, by construct id.
   *
   * @default - none
   */
  readonly virtualNetworks?: Record<string, VirtualNetworkConfig>;
  /**
   * Data collection endpoints, by construct id; connectors name them in `dataCollectionEndpoint`.
   *
   * @default - none
   */
  readonly dataCollectionEndpoints?: Record<string, DataCollectionEndpointConfig>;
  /**
   * Custom tables, by construct id.
   *
   * @default - none
   */
  readonly customTables?: Record<string, CustomTableConfig>;
  /**
   * Log forwarders, by construct id; Syslog and CEF connectors name them in `forwarders`.
   *
   * @default - none
   */
  readonly forwarders?: Record<string, ForwarderConfig>;
  /**
   * Data connectors, by construct id: written out with a `kind`, or a shared definition with `use`.
   *
   * @default - none
   */
  readonly connectors?: Record<string, ConnectorEntry>;
  /**
   * Data collection rules written out, by construct id: stream declarations, syslog and log file sources, data flows
   * with their transformations, and the forwarders that apply them; `kind: WorkspaceTransforms` makes the workspace
   * transformation rule.
   *
   * @default - none
   */
  readonly dataCollectionRules?: Record<string, DataCollectionRuleConfig>;
  /**
   * Solutions installed in the workspace, by construct id.
   *
   * @default - none
   */
  readonly solutions?: Record<string, SolutionConfig>;
}
