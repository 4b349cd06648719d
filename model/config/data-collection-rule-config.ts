import { SyslogFacility, SyslogLogLevel, SyslogLogLevelValue } from '../syslog/facilities-and-levels';
import { RecordStartTimestampFormatConfig } from './agent-connector-config';
import { StreamColumnConfig } from './column-config';
import { TransformConfig } from './transform-config';

/** Kinds of data collection rule, as Azure names them. */
export type DataCollectionRuleKindConfig = 'Linux' | 'Windows' | 'AgentDirectToStore' | 'WorkspaceTransforms';

/** The kind of the workspace transformation rule: the ingestion-time transformation of tables that have no rule of their own. */
export const WORKSPACE_TRANSFORMS_KIND = 'WorkspaceTransforms';

/** A syslog data source: which facilities and levels the forwarders' agent collects, into which stream. */
export interface SyslogDataSourceConfig {
  /** Name of the data source, unique in the rule. */
  readonly name: string;
  /**
   * The stream: `Microsoft-Syslog` for the Syslog table, `Microsoft-CommonSecurityLog` for CEF.
   *
   * @default "Microsoft-Syslog"
   */
  readonly stream?: 'Microsoft-Syslog' | 'Microsoft-CommonSecurityLog' | 'Microsoft-CiscoAsa';
  /**
   * Facilities to collect, as Azure spells them (`auth`, `local4`, `*`); at most 20.
   *
   * @minItems 1
   */
  readonly facilityNames: SyslogFacility[];
  /**
   * The least severe level to collect; expands to it and every more severe level. Give this or `logLevels`.
   *
   * @default - `logLevels`
   */
  readonly minimumLevel?: SyslogLogLevel;
  /**
   * The exact set of levels to collect. Give this or `minimumLevel`.
   *
   * @default - expanded from `minimumLevel`
   */
  readonly logLevels?: SyslogLogLevelValue[];
}

/** A text or JSON log file data source, read by the Azure Monitor Agent. */
export interface LogFileDataSourceConfig {
  /** Name of the data source, unique in the rule. */
  readonly name: string;
  /** The declared stream (`Custom-...`, under `streamDeclarations`) the lines go to. */
  readonly stream: string;
  /**
   * Absolute file patterns the agent tails, e.g. `/var/log/contoso/*.log`.
   *
   * @minItems 1
   */
  readonly filePatterns: string[];
  /**
   * `text`: one record per line in `RawData`; `json`: one JSON object per line.
   *
   * @default "text"
   */
  readonly format?: 'text' | 'json';
  /**
   * Timestamp format that starts a record, for records spanning several lines.
   *
   * @default - every line is a record
   */
  readonly recordStartTimestampFormat?: RecordStartTimestampFormatConfig;
}

/** A data flow: streams in, an optional transformation (inline or in a `.kql` file), a table out. */
export interface DataFlowConfig extends TransformConfig {
  /**
   * The input streams; with a transformation, exactly one. In a workspace transformation rule, the table's stream:
   * `Microsoft-Table-<Table>`.
   *
   * @minItems 1
   */
  readonly streams: string[];
  /**
   * The stream that writes the table: `Custom-<Name>_CL` or `Microsoft-<Table>`. Not used by a workspace transformation
   * rule, which writes the table it reads.
   *
   * @default - for `Microsoft-Syslog` and `Microsoft-CommonSecurityLog`, their own tables; required otherwise
   */
  readonly outputStream?: string;
}

/**
 * A data collection rule written out (`DataCollectionRule`): stream declarations, syslog and log file data sources, and
 * data flows with their transformations. With `kind: WorkspaceTransforms` it is the workspace transformation rule: one
 * per workspace, a flow per table (`streams: [Microsoft-Table-SecurityEvent]`) with its `transformKql`, applied to
 * whatever reaches that table without a rule of its own.
 */
export interface DataCollectionRuleConfig {
  /**
   * Name of the rule.
   *
   * @default - the workspace name followed by the rule's name
   */
  readonly dataCollectionRuleName?: string;
  /**
   * Kind of rule.
   *
   * @default - `Linux` when the rule has syslog or log file sources, otherwise none (a rule for the Logs Ingestion API)
   */
  readonly kind?: DataCollectionRuleKindConfig;
  /**
   * The endpoint that Logs Ingestion API clients (and agents reading text files) use, by its name under
   * `dataCollectionEndpoints`.
   *
   * @default - none
   */
  readonly dataCollectionEndpoint?: string;
  /**
   * Streams this rule declares, by name (`Custom-...`), with their columns: the shape of records sent to the Logs
   * Ingestion API or read from files.
   *
   * @default - none
   */
  readonly streamDeclarations?: Record<string, StreamColumnConfig[]>;
  /** @default - none */
  readonly syslogDataSources?: SyslogDataSourceConfig[];
  /** @default - none */
  readonly logFileDataSources?: LogFileDataSourceConfig[];
  /**
   * Data flows, at most 10.
   *
   * @minItems 1
   */
  readonly dataFlows: DataFlowConfig[];
  /**
   * Forwarders of this workspace (names under `forwarders`) whose agent applies the rule.
   *
   * @default - none
   */
  readonly forwarders?: string[];
  /**
   * Resource IDs of other machines (VMs, scale sets, Arc-enabled servers) whose agent applies the rule.
   *
   * @default - none
   */
  readonly forwarderResourceIds?: string[];
  /**
   * Object IDs of the service principals or managed identities allowed to send to the rule through the Logs Ingestion
   * API (`Monitoring Metrics Publisher` on the rule).
   *
   * @default - none
   */
  readonly senderPrincipalIds?: string[];
  /**
   * Region of the rule.
   *
   * @default - the workspace's region
   * @minLength 1
   */
  readonly location?: string;
  /**
   * Resource group of the rule.
   *
   * @default - the workspace's resource group
   * @minLength 1
   */
  readonly resourceGroupName?: string;
  /** @default - none */
  readonly description?: string;
  /** @default - none */
  readonly tags?: Record<string, string>;
}
