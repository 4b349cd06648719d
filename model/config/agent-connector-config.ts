import { SyslogFacility, SyslogLogLevel, SyslogLogLevelValue } from '../syslog/facilities-and-levels';
import { TableColumnConfig } from './column-config';
import { TablePlanNameConfig } from './custom-table-config';
import { TransformConfig } from './transform-config';
import { UserConnectorDescriptionConfig } from './user-connector-description-config';

/** What Syslog and CEF connectors share: the forwarders' agent collects facilities and levels. */
export interface SyslogAgentConnectorConfigBase extends TransformConfig {
  /**
   * Facilities to collect, as Azure spells them (`auth`, `local4`, `*`).
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
   * Name of the data collection rule.
   *
   * @default - the workspace name followed by the connector's name
   */
  readonly dataCollectionRuleName?: string;
  /**
   * Accept that a facility is collected by both a Syslog and a CEF connector on one forwarder (Azure then stores those
   * events twice).
   *
   * @default false
   */
  readonly allowDuplicateEvents?: boolean;
}

/** Syslog via AMA: the chosen facilities and levels into `Syslog` (`SyslogConnector`). */
export interface SyslogConnectorConfig extends SyslogAgentConnectorConfigBase {
  /** Syslog via the Azure Monitor Agent. */
  readonly kind: 'syslog';
}

/** CEF via AMA: CEF sent on the chosen facilities into `CommonSecurityLog` (`CefConnector`). */
export interface CefConnectorConfig extends SyslogAgentConnectorConfigBase {
  /** Common Event Format via the Azure Monitor Agent. */
  readonly kind: 'cef';
}

/** Timestamp formats that start a record in a text log, as azurerm accepts them. */
export type RecordStartTimestampFormatConfig = 'ISO 8601' | 'YYYY-MM-DD HH:MM:SS' | 'M/D/YYYY HH:MM:SS AM/PM' | 'Mon DD, YYYY HH:MM:SS'
  | 'yyMMdd HH:mm:ss' | 'ddMMyy HH:mm:ss' | 'MMM d hh:mm:ss' | 'dd/MMM/yyyy:HH:mm:ss zzz' | 'yyyy-MM-ddTHH:mm:ssK';

/** Custom text logs via AMA: the agent tails files and a transformation makes the table's columns (`CustomLogConnector`). */
export interface CustomLogConnectorConfig extends UserConnectorDescriptionConfig, TransformConfig {
  /** Custom text logs via the Azure Monitor Agent. */
  readonly kind: 'customLog';
  /** The `_CL` table the lines go to. */
  readonly tableName: string;
  /**
   * Its columns; `TimeGenerated` is required.
   *
   * @minItems 1
   */
  readonly tableColumns: TableColumnConfig[];
  /** @default "Analytics" */
  readonly tablePlan?: TablePlanNameConfig;
  /**
   * Absolute file patterns the agent tails, e.g. `/var/log/contoso/*.log`.
   *
   * @minItems 1
   */
  readonly filePatterns: string[];
  /**
   * Timestamp format that starts a record, for records spanning several lines.
   *
   * @default - every line is a record
   */
  readonly recordStartTimestampFormat?: RecordStartTimestampFormatConfig;
  /**
   * Resource IDs of the machines whose agent reads the files.
   *
   * @default - none
   */
  readonly machineResourceIds?: string[];
  /**
   * The endpoint the agents fetch their configuration from, by its name under `dataCollectionEndpoints`.
   *
   * @default - a new endpoint for this connector
   */
  readonly dataCollectionEndpoint?: string;
}
