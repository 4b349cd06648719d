import { TablePlanNameConfig } from './custom-table-config';

/** Solutions this package ships in its `solutions/` folder. */
export type ShippedSolutionNameConfig = 'syslog' | 'common-event-format' | 'palo-alto-networks' | 'custom-rest-source';

/** What this workspace adds to a connector a solution creates (`SolutionConnectorSettings`). */
export interface SolutionConnectorSettingsConfig {
  /**
   * Syslog and CEF connectors: forwarders of this workspace (names under `forwarders`) whose agent applies the rule.
   *
   * @default - none
   */
  readonly forwarders?: string[];
  /**
   * Syslog and CEF connectors: resource IDs of other machines whose agent applies the rule.
   *
   * @default - none
   */
  readonly forwarderResourceIds?: string[];
  /**
   * Syslog and CEF connectors: name of the data collection rule.
   *
   * @default - the workspace name followed by the connector id
   */
  readonly dataCollectionRuleName?: string;
  /**
   * Syslog and CEF connectors: accept events stored twice.
   *
   * @default false
   */
  readonly allowDuplicateEvents?: boolean;
  /**
   * Logs Ingestion connectors: principals allowed to send.
   *
   * @default - none
   */
  readonly senderPrincipalIds?: string[];
  /**
   * Logs Ingestion connectors: the endpoint senders use, by its name under `dataCollectionEndpoints`.
   *
   * @default - a new endpoint for the connector
   */
  readonly dataCollectionEndpoint?: string;
  /**
   * Logs Ingestion connectors: the plan of the table.
   *
   * @default "Analytics"
   */
  readonly tablePlan?: TablePlanNameConfig;
}

/**
 * A solution installed in the workspace (`SolutionPackage`): one of the shipped solutions, or a folder of your own.
 * Give `shippedSolution` or `solution`.
 */
export interface SolutionConfig {
  /**
   * A solution this package ships.
   *
   * @default - `solution`
   */
  readonly shippedSolution?: ShippedSolutionNameConfig;
  /**
   * The folder of a solution (with its `solution.yaml`), relative to the config file.
   *
   * @default - `shippedSolution`
   */
  readonly solution?: string;
  /**
   * Values of the solution's parameters for this workspace.
   *
   * @default - each parameter's default
   */
  readonly parameters?: Record<string, string>;
  /**
   * Connectors of this workspace to use instead of the ones the solution declares: declared id to the name of a
   * connector under `connectors` (so that no event is collected twice).
   *
   * @default - the solution creates each connector it declares
   */
  readonly connectors?: Record<string, string>;
  /**
   * Settings of the connectors the solution creates, by declared id.
   *
   * @default - the connectors' defaults
   */
  readonly connectorSettings?: Record<string, SolutionConnectorSettingsConfig>;
  /**
   * Analytic rules to deploy disabled, by id or file name (without `.yaml`).
   *
   * @default - every rule is enabled
   */
  readonly disabledAnalyticRules?: string[];
}
