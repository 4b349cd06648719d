import { unescapeTemplateText } from '../model/terraform/template-text';
import {
  MonitorDataCollectionRule, MonitorDataCollectionRuleDataSources,
} from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct, IConstruct } from 'constructs';
import { parseAzureResourceId } from '../model/azure-resource-id';
import { checkTransformation } from '../model/kql/check-transformation';
import { KqlDiagnostic } from '../model/kql/analyze';
import {
  checkDeclaredStreamName, COMMON_SECURITY_LOG_STREAM, CUSTOM_STREAM_PREFIX, MICROSOFT_STREAM_PREFIX,
  microsoftStreamSchema, SYSLOG_SOURCE_STREAMS, SYSLOG_STREAM, SyslogSourceStream, tableNameOfOutputStream,
} from '../model/streams';
import {
  expandMinimumLevel, isSyslogFacility, isSyslogLogLevelValue, MAX_FACILITY_NAMES_PER_SYSLOG_SOURCE,
  SYSLOG_FACILITY_NAMES, SYSLOG_LOG_LEVELS, SyslogFacility, SyslogLogLevel, SyslogLogLevelValue,
} from '../model/syslog/facilities-and-levels';
import { builtInTable } from '../model/tables/builtin-tables';
import {
  ColumnDefinition, isStreamColumnType, STREAM_COLUMN_TYPES, StreamColumnType, TableSchema,
} from '../model/tables/table-schema';
import { closest } from '../model/closest-name';
import { IDataCollectionEndpoint } from './data-collection-endpoint';
import { dependOnWhenSynthesized } from './private/dependencies';
import { isUnresolved, throwIfInvalid, warn } from './private/validation';
import { ISentinelWorkspace, SentinelWorkspace } from './sentinel-workspace';

/** Kinds of data collection rule. */
export enum DataCollectionRuleKind {
  /** Collected by the Azure Monitor Agent on Linux (syslog, CEF, text files). */
  LINUX = 'Linux',
  /** Collected by the Azure Monitor Agent on Windows. */
  WINDOWS = 'Windows',
  /** Sent directly to the store by the agent. */
  AGENT_DIRECT_TO_STORE = 'AgentDirectToStore',
  /** The workspace transformation rule (no input stream). */
  WORKSPACE_TRANSFORMS = 'WorkspaceTransforms',
}

/** The built-in role that lets a principal send to a rule through the Logs Ingestion API. */
export const LOGS_INGESTION_SENDER_ROLE = 'Monitoring Metrics Publisher';

/** Name of the single Log Analytics destination of every rule made here. */
export const LOG_ANALYTICS_DESTINATION_NAME = 'sentinelWorkspace';

/** A column of a stream declaration. */
export interface StreamColumn {
  readonly name: string;
  /** Stream columns have no `guid` type (use string). */
  readonly type: StreamColumnType;
}

/** A syslog data source: which facilities and levels the agent collects, into which stream. */
export interface SyslogDataSourceOptions {
  /** Name of the data source, unique in the rule. */
  readonly name: string;

  /**
   * The stream: `Microsoft-Syslog` for the Syslog table, `Microsoft-CommonSecurityLog` for CEF.
   *
   * @default 'Microsoft-Syslog'
   */
  readonly stream?: SyslogSourceStream;

  /** Facilities to collect, as Azure spells them (`auth`, `local4`, `*` for all); at most 20. */
  readonly facilityNames: SyslogFacility[];

  /**
   * The least severe level to collect; it expands to that level and every more severe one, as the portal does.
   * Give this or `logLevels`.
   *
   * @default - use `logLevels`
   */
  readonly minimumLevel?: SyslogLogLevel;

  /**
   * The exact set of levels to collect (`*` for all). Give this or `minimumLevel`.
   *
   * @default - expanded from `minimumLevel`
   */
  readonly logLevels?: SyslogLogLevelValue[];
}

/** Timestamp formats that start a record in a text log, as azurerm 4.55 accepts them. */
export const RECORD_START_TIMESTAMP_FORMATS = [
  'ISO 8601', 'YYYY-MM-DD HH:MM:SS', 'M/D/YYYY HH:MM:SS AM/PM', 'Mon DD, YYYY HH:MM:SS', 'yyMMdd HH:mm:ss',
  'ddMMyy HH:mm:ss', 'MMM d hh:mm:ss', 'dd/MMM/yyyy:HH:mm:ss zzz', 'yyyy-MM-ddTHH:mm:ssK',
] as const;

/** A text or JSON log file data source, read by the Azure Monitor Agent. */
export interface LogFileDataSourceOptions {
  /** Name of the data source, unique in the rule. */
  readonly name: string;
  /** The declared stream (`Custom-...`) the lines go to. */
  readonly stream: string;
  /** Absolute file patterns, e.g. `/var/log/contoso/*.log`. */
  readonly filePatterns: string[];
  /**
   * `text`: one record per line in `RawData`; `json`: one JSON object per line.
   *
   * @default 'text'
   */
  readonly format?: 'text' | 'json';
  /**
   * Timestamp format that starts a record, for multi-line text records.
   *
   * @default - every line is a record
   */
  readonly recordStartTimestampFormat?: (typeof RECORD_START_TIMESTAMP_FORMATS)[number];
}

/** A data flow: streams in, an optional transformation, a table out. */
export interface DataFlowOptions {
  /** The input stream. With a transformation, exactly one. */
  readonly streams: string[];

  /**
   * KQL run on each record, reading the table `source`. Checked at synth against the input stream's columns
   * and the output table's.
   *
   * @default - records pass through unchanged
   */
  readonly transformKql?: string;

  /**
   * The stream that writes the table: `Custom-<Name>_CL` or `Microsoft-<Table>`.
   *
   * @default - for `Microsoft-Syslog` and `Microsoft-CommonSecurityLog`, their own tables; required otherwise
   */
  readonly outputStream?: string;
}

/** A data collection rule. */
export interface IDataCollectionRule extends IConstruct {
  /** Azure resource ID of the rule. */
  readonly dataCollectionRuleId: string;
  /** Name of the rule. */
  readonly dataCollectionRuleName: string;
}

/** Properties for a {@link DataCollectionRule}. */
export interface DataCollectionRuleProps {
  /** The Sentinel workspace that receives the rows. */
  readonly workspace: ISentinelWorkspace;

  /**
   * Name of the rule.
   *
   * @default - the construct id, prefixed with the workspace name
   */
  readonly dataCollectionRuleName?: string;

  /**
   * Kind of rule.
   *
   * @default - `Linux` when the rule has syslog or log file sources, otherwise none (a rule for the Logs Ingestion API)
   */
  readonly kind?: DataCollectionRuleKind;

  /**
   * Endpoint that Logs Ingestion API clients (and agents reading text files) use.
   *
   * @default - none
   */
  readonly dataCollectionEndpoint?: IDataCollectionEndpoint;

  /**
   * Streams this rule declares, by name (`Custom-...`): the shape of records sent to the Logs Ingestion API or read
   * from files.
   *
   * @default - none
   */
  readonly streamDeclarations?: Record<string, StreamColumn[]>;

  /** @default - none */
  readonly syslogDataSources?: SyslogDataSourceOptions[];

  /** @default - none */
  readonly logFileDataSources?: LogFileDataSourceOptions[];

  /**
   * Data flows; more can be added with `addDataFlow`.
   *
   * @default - none
   */
  readonly dataFlows?: DataFlowOptions[];

  /**
   * Region of the rule.
   *
   * @default - the workspace's region
   */
  readonly location?: string;

  /**
   * Resource group of the rule.
   *
   * @default - the workspace's resource group
   */
  readonly resourceGroupName?: string;

  /** @default - none */
  readonly description?: string;

  /** @default - none */
  readonly tags?: Record<string, string>;
}

/** Azure Monitor limits per data collection rule. */
const MAX_DATA_SOURCES = 10;
const MAX_DATA_FLOWS = 10;
const MAX_STREAM_DECLARATIONS = 10;

/** Data source names: letters, digits, hyphens and underscores, up to 32 characters (UNCONFIRMED limit). */
const DATA_SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

abstract class DataCollectionRuleBase extends Construct implements IDataCollectionRule {
  public abstract readonly dataCollectionRuleId: string;
  public abstract readonly dataCollectionRuleName: string;
}

/**
 * A data collection rule (`azurerm_monitor_data_collection_rule`) that sends to a Sentinel workspace.
 *
 * ```ts
 * new DataCollectionRule(stack, 'LinuxAuth', {
 *   workspace,
 *   syslogDataSources: [{ name: 'auth', facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info' }],
 *   dataFlows: [{ streams: ['Microsoft-Syslog'] }],
 * });
 * ```
 *
 * Every `transformKql` is analyzed at synth by the Kusto language service against its input stream, kept to the
 * KQL that transformations support, and its result checked against the output table. The rule depends on the
 * workspace's Sentinel onboarding.
 */
export class DataCollectionRule extends DataCollectionRuleBase {
  /** Uses a rule that exists outside this app. */
  public static fromDataCollectionRuleId(scope: Construct, id: string, dataCollectionRuleId: string): IDataCollectionRule {
    const parsed = parseAzureResourceId(dataCollectionRuleId, 'Microsoft.Insights/dataCollectionRules');
    class Import extends DataCollectionRuleBase {
      public readonly dataCollectionRuleId = dataCollectionRuleId;
      public readonly dataCollectionRuleName = parsed.name;
    }
    return new Import(scope, id);
  }

  public readonly dataCollectionRuleId: string;
  public readonly dataCollectionRuleName: string;
  /** Immutable ID of the rule, which Logs Ingestion API URLs carry. */
  public readonly immutableId: string;
  /** The workspace that receives the rows. */
  public readonly workspace: ISentinelWorkspace;
  /** The `azurerm_monitor_data_collection_rule`. */
  public readonly resource: MonitorDataCollectionRule;

  private readonly streamDeclarations = new Map<string, StreamColumn[]>();
  private readonly syslogDataSources: SyslogDataSourceOptions[] = [];
  private readonly logFileDataSources: LogFileDataSourceOptions[] = [];
  private readonly dataFlows: DataFlowOptions[] = [];

  constructor(scope: Construct, id: string, props: DataCollectionRuleProps) {
    super(scope, id);
    this.workspace = props.workspace;

    const agentCollected = (props.syslogDataSources ?? []).length > 0 || (props.logFileDataSources ?? []).length > 0;
    const kind = props.kind ?? (agentCollected ? DataCollectionRuleKind.LINUX : undefined);
    throwIfInvalid(this, 'kind', agentCollected && kind !== DataCollectionRuleKind.LINUX
      ? `syslog and log file sources are collected by the Azure Monitor Agent on Linux; kind must be ${DataCollectionRuleKind.LINUX}, got ${kind}`
      : undefined);

    this.resource = new MonitorDataCollectionRule(this, 'Resource', {
      name: props.dataCollectionRuleName ?? `${props.workspace.workspaceName}-${id}`,
      location: props.location ?? props.workspace.location,
      resourceGroupName: props.resourceGroupName ?? props.workspace.resourceGroupName,
      kind,
      description: props.description,
      dataCollectionEndpointId: props.dataCollectionEndpoint?.dataCollectionEndpointId,
      destinations: {
        logAnalytics: [{ name: LOG_ANALYTICS_DESTINATION_NAME, workspaceResourceId: props.workspace.workspaceResourceId }],
      },
      // Filled by render(), each time a stream, source or flow is added.
      dataFlow: [],
      dependsOn: props.workspace.sentinelDependency,
      tags: props.tags,
    });

    for (const [streamName, columns] of Object.entries(props.streamDeclarations ?? {})) {
      this.addStreamDeclaration(streamName, columns);
    }
    (props.syslogDataSources ?? []).forEach((source) => this.addSyslogDataSource(source));
    (props.logFileDataSources ?? []).forEach((source) => this.addLogFileDataSource(source));
    (props.dataFlows ?? []).forEach((flow) => this.addDataFlow(flow));

    this.dataCollectionRuleId = this.resource.id;
    this.dataCollectionRuleName = this.resource.name;
    this.immutableId = this.resource.immutableId;

    // Azure refuses a rule whose output table does not exist yet: the rule is created after each custom table it writes.
    dependOnWhenSynthesized(this.resource, () => this.dataFlows.flatMap((flow) => {
      const output = this.outputTableOf(flow);
      const table = output === undefined ? undefined : this.workspace.customTableResource(output.tableName);
      return table === undefined ? [] : [table];
    }));
    this.node.addValidation({ validate: () => this.validateRule() });
  }

  /**
   * Lets a principal (an app registration's service principal, a managed identity) send records to this rule
   * through the Logs Ingestion API: a `Monitoring Metrics Publisher` role assignment scoped to the rule.
   */
  public grantIngest(id: string, principalId: string): RoleAssignment {
    return new RoleAssignment(this, id, {
      scope: this.dataCollectionRuleId,
      roleDefinitionName: LOGS_INGESTION_SENDER_ROLE,
      principalId,
      description: `Send records to ${this.node.path} through the Logs Ingestion API`,
    });
  }

  /** Declares a stream (`Custom-...`) with its columns. */
  public addStreamDeclaration(streamName: string, columns: StreamColumn[]): void {
    const field = `streamDeclarations.${streamName}`;
    throwIfInvalid(this, 'streamDeclarations', checkDeclaredStreamName(streamName));
    throwIfInvalid(this, field, this.streamDeclarations.has(streamName) ? 'is declared twice' : undefined);
    throwIfInvalid(this, field, columns.length === 0 ? 'declares no column' : undefined);
    const seen = new Set<string>();
    columns.forEach((column, index) => {
      throwIfInvalid(this, `${field}[${index}].type`, isStreamColumnType(column.type) ? undefined
        : `"${column.type}" is not a stream column type; expected one of ${STREAM_COLUMN_TYPES.join(', ')}`);
      throwIfInvalid(this, `${field}[${index}].name`, seen.has(column.name) ? `"${column.name}" is declared twice` : undefined);
      seen.add(column.name);
    });
    throwIfInvalid(this, 'streamDeclarations', this.streamDeclarations.size >= MAX_STREAM_DECLARATIONS
      ? `a rule declares at most ${MAX_STREAM_DECLARATIONS} streams` : undefined);
    this.streamDeclarations.set(streamName, columns);
    this.resource.putStreamDeclaration([...this.streamDeclarations].map(([name, streamColumns]) => ({
      streamName: name,
      column: streamColumns.map((column) => ({ name: column.name, type: column.type })),
    })));
  }

  /** Adds a syslog data source (facilities and levels the agent collects). */
  public addSyslogDataSource(source: SyslogDataSourceOptions): void {
    const field = `syslogDataSources[${this.syslogDataSources.length}]`;
    this.checkDataSourceName(field, source.name);
    const stream = source.stream ?? SYSLOG_STREAM;
    throwIfInvalid(this, `${field}.stream`, (SYSLOG_SOURCE_STREAMS as readonly string[]).includes(stream) ? undefined
      : `"${stream}" is not a syslog stream; expected one of ${SYSLOG_SOURCE_STREAMS.join(', ')}`);
    throwIfInvalid(this, `${field}.facilityNames`, source.facilityNames.length === 0 ? 'lists no facility' : undefined);
    throwIfInvalid(this, `${field}.facilityNames`, source.facilityNames.length > MAX_FACILITY_NAMES_PER_SYSLOG_SOURCE
      ? `lists ${source.facilityNames.length} facilities; a syslog source accepts at most ${MAX_FACILITY_NAMES_PER_SYSLOG_SOURCE}` : undefined);
    source.facilityNames.forEach((facility, index) => throwIfInvalid(this, `${field}.facilityNames[${index}]`,
      isSyslogFacility(facility) ? undefined
        : `"${facility}" is not a syslog facility; expected one of ${SYSLOG_FACILITY_NAMES.join(', ')}`));
    throwIfInvalid(this, `${field}.facilityNames`, duplicateOf(source.facilityNames));
    throwIfInvalid(this, `${field}.minimumLevel`, (source.minimumLevel === undefined) === (source.logLevels === undefined)
      ? 'give either minimumLevel (that level and every more severe one) or logLevels (an explicit set), not both or neither'
      : undefined);
    if (source.minimumLevel !== undefined) {
      throwIfInvalid(this, `${field}.minimumLevel`, (SYSLOG_LOG_LEVELS as readonly string[]).includes(source.minimumLevel) ? undefined
        : `"${source.minimumLevel}" is not a log level; expected one of ${SYSLOG_LOG_LEVELS.join(', ')}`);
    }
    (source.logLevels ?? []).forEach((level, index) => throwIfInvalid(this, `${field}.logLevels[${index}]`,
      isSyslogLogLevelValue(level) ? undefined
        : `"${level}" is not a log level; expected one of ${SYSLOG_LOG_LEVELS.join(', ')} or *`));
    if (source.logLevels !== undefined) {
      throwIfInvalid(this, `${field}.logLevels`, source.logLevels.length === 0 ? 'lists no level' : duplicateOf(source.logLevels));
    }
    this.checkDataSourceCount();
    this.syslogDataSources.push({ ...source, stream });
    this.resource.putDataSources(this.renderDataSources());
  }

  /** Adds a text or JSON log file data source. */
  public addLogFileDataSource(source: LogFileDataSourceOptions): void {
    const field = `logFileDataSources[${this.logFileDataSources.length}]`;
    this.checkDataSourceName(field, source.name);
    throwIfInvalid(this, `${field}.stream`, source.stream.startsWith(CUSTOM_STREAM_PREFIX) ? undefined
      : `"${source.stream}" is not a declared stream; a log file source writes a stream named "${CUSTOM_STREAM_PREFIX}<Name>" that the rule declares`);
    throwIfInvalid(this, `${field}.filePatterns`, source.filePatterns.length === 0 ? 'lists no file pattern' : undefined);
    source.filePatterns.forEach((pattern, index) => throwIfInvalid(this, `${field}.filePatterns[${index}]`,
      pattern.startsWith('/') || /^[A-Za-z]:\\/.test(pattern) ? undefined
        : `"${pattern}" is not an absolute path; the agent reads patterns such as /var/log/contoso/*.log`));
    if (source.recordStartTimestampFormat !== undefined) {
      throwIfInvalid(this, `${field}.recordStartTimestampFormat`,
        (RECORD_START_TIMESTAMP_FORMATS as readonly string[]).includes(source.recordStartTimestampFormat) ? undefined
          : `"${source.recordStartTimestampFormat}" is not a format azurerm accepts; expected one of ${RECORD_START_TIMESTAMP_FORMATS.join(', ')}`);
    }
    this.checkDataSourceCount();
    this.logFileDataSources.push(source);
    this.resource.putDataSources(this.renderDataSources());
  }

  /** Adds a data flow: input streams, an optional transformation, the output stream. */
  public addDataFlow(flow: DataFlowOptions): void {
    const field = `dataFlows[${this.dataFlows.length}]`;
    throwIfInvalid(this, `${field}.streams`, flow.streams.length === 0 ? 'lists no stream' : undefined);
    throwIfInvalid(this, `${field}.streams`, flow.transformKql !== undefined && flow.streams.length > 1
      ? `a flow with a transformation takes exactly one stream, got ${flow.streams.length}; add one flow per stream`
      : undefined);
    if (flow.outputStream !== undefined && !isUnresolved(flow.outputStream)) {
      throwIfInvalid(this, `${field}.outputStream`, tableNameOfOutputStream(flow.outputStream) !== undefined ? undefined
        : `"${flow.outputStream}" is not an output stream; expected "${CUSTOM_STREAM_PREFIX}<Name>_CL" or "${MICROSOFT_STREAM_PREFIX}<Table>"`);
      throwIfInvalid(this, `${field}.outputStream`,
        flow.outputStream.startsWith(CUSTOM_STREAM_PREFIX) && !flow.outputStream.endsWith('_CL')
          ? `"${flow.outputStream}" writes no table; a custom table's output stream is "${CUSTOM_STREAM_PREFIX}<Name>_CL"` : undefined);
    }
    throwIfInvalid(this, 'dataFlows', this.dataFlows.length >= MAX_DATA_FLOWS
      ? `a rule has at most ${MAX_DATA_FLOWS} data flows` : undefined);
    this.dataFlows.push(flow);
    this.resource.putDataFlow(this.dataFlows.map((dataFlow) => ({
      streams: dataFlow.streams,
      destinations: [LOG_ANALYTICS_DESTINATION_NAME],
      outputStream: dataFlow.outputStream,
      transformKql: dataFlow.transformKql,
    })));
  }

  /** The columns of an input stream: declared here, or those of the table an agent stream fills. */
  public inputStreamColumns(streamName: string): readonly ColumnDefinition[] | undefined {
    const declared = this.streamDeclarations.get(streamName);
    if (declared !== undefined) {
      return declared;
    }
    return microsoftStreamSchema(streamName)?.columns.filter((column) => column.reserved !== true);
  }

  /** The table a flow writes, if the app knows its columns. */
  public outputTableOf(flow: DataFlowOptions): { tableName: string; schema?: TableSchema } | undefined {
    const outputStream = flow.outputStream ?? (flow.streams.length === 1 && flow.streams[0].startsWith(MICROSOFT_STREAM_PREFIX)
      ? flow.streams[0] : undefined);
    const tableName = outputStream === undefined ? undefined : tableNameOfOutputStream(outputStream);
    if (tableName === undefined) {
      return undefined;
    }
    const schema = tableName.endsWith('_CL') ? this.workspace.customTableSchema(tableName) : builtInTable(tableName);
    return { tableName, schema };
  }

  /**
   * What to say of an output table that no CustomTable declares: Azure refuses the rule until the table exists, so in
   * a workspace this app creates that is an error (with the declared table it probably meant); a workspace imported
   * from elsewhere may hold the table already, so there it is a warning unless the name is a near miss of a declared one.
   */
  private unknownCustomTable(tableName: string): { error: boolean; message: string } {
    const suggestion = closest(tableName, this.workspace.customTableNames);
    const declared = this.workspace.customTableNames.length === 0 ? 'none' : this.workspace.customTableNames.map((name) => `"${name}"`).join(', ');
    const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
    if (this.workspace instanceof SentinelWorkspace || suggestion !== undefined) {
      return {
        error: true,
        message: `the table "${tableName}" is declared by no CustomTable of workspace ${this.workspace.node.path}${hint}; Azure refuses a `
          + `rule whose output table does not exist. Declare it with a CustomTable (declared: ${declared})`,
      };
    }
    return {
      error: false,
      message: `the table "${tableName}" is not declared by a CustomTable of workspace ${this.workspace.node.path} in this app: it must `
        + 'exist in the workspace before this rule is deployed, and the transformation\'s result cannot be checked against its columns',
    };
  }

  private checkDataSourceName(field: string, name: string): void {
    throwIfInvalid(this, `${field}.name`, DATA_SOURCE_NAME.test(name) ? undefined
      : `"${name}" is not a valid data source name; expected up to 32 letters, digits, "-" or "_", starting with a letter or digit`);
    const taken = [...this.syslogDataSources, ...this.logFileDataSources].some((source) => source.name === name);
    throwIfInvalid(this, `${field}.name`, taken ? `"${name}" is already the name of another data source of this rule` : undefined);
  }

  private checkDataSourceCount(): void {
    throwIfInvalid(this, 'dataSources', this.syslogDataSources.length + this.logFileDataSources.length >= MAX_DATA_SOURCES
      ? `a rule has at most ${MAX_DATA_SOURCES} data sources` : undefined);
  }

  private renderDataSources(): MonitorDataCollectionRuleDataSources {
    return {
      syslog: this.syslogDataSources.length === 0 ? undefined : this.syslogDataSources.map((source) => ({
        name: source.name,
        streams: [source.stream ?? SYSLOG_STREAM],
        facilityNames: source.facilityNames,
        logLevels: source.logLevels ?? expandMinimumLevel(source.minimumLevel as SyslogLogLevel),
      })),
      logFile: this.logFileDataSources.length === 0 ? undefined : this.logFileDataSources.map((source) => ({
        name: source.name,
        streams: [source.stream],
        filePatterns: source.filePatterns,
        format: source.format ?? 'text',
        settings: source.recordStartTimestampFormat === undefined ? undefined
          : { text: { recordStartTimestampFormat: source.recordStartTimestampFormat } },
      })),
    };
  }

  /** Checks what can only be judged once the app is complete: streams, tables and every transformation. */
  private validateRule(): string[] {
    const errors: string[] = [];
    const produced = new Set<string>([
      ...this.syslogDataSources.map((source) => source.stream ?? SYSLOG_STREAM),
      ...this.logFileDataSources.map((source) => source.stream),
    ]);
    this.logFileDataSources.forEach((source, index) => {
      if (!this.streamDeclarations.has(source.stream)) {
        errors.push(`logFileDataSources[${index}].stream: "${source.stream}" is not declared; add it to streamDeclarations ` +
          '(text logs usually declare TimeGenerated:datetime and RawData:string)');
      }
    });
    for (const streamName of this.streamDeclarations.keys()) {
      if (!this.dataFlows.some((flow) => flow.streams.includes(streamName))) {
        warn(this, `streamDeclarations.${streamName}`, 'no data flow reads this stream, so its records are dropped');
      }
    }
    for (const streamName of produced) {
      if (!this.dataFlows.some((flow) => flow.streams.includes(streamName))) {
        errors.push(`dataFlows: no data flow reads the stream "${streamName}" that a data source of this rule produces; ` +
          `add { streams: ['${streamName}'] }`);
      }
    }
    if (this.dataFlows.length === 0) {
      errors.push('dataFlows: a rule needs at least one data flow');
    }
    this.dataFlows.forEach((flow, index) => errors.push(...this.validateDataFlow(flow, index, produced)));
    return errors;
  }

  private validateDataFlow(flow: DataFlowOptions, index: number, produced: ReadonlySet<string>): string[] {
    const field = `dataFlows[${index}]`;
    const errors: string[] = [];
    for (const streamName of flow.streams) {
      const known = this.streamDeclarations.has(streamName) || produced.has(streamName);
      if (!known) {
        errors.push(`${field}.streams: "${streamName}" is neither declared in streamDeclarations nor produced by a data source ` +
          'of this rule' + (streamName.startsWith(CUSTOM_STREAM_PREFIX) ? `; declare it with its columns` : ''));
      }
    }
    if (flow.outputStream === undefined && flow.streams.some((streamName) => streamName.startsWith(CUSTOM_STREAM_PREFIX))) {
      errors.push(`${field}.outputStream: a flow from a declared stream needs an outputStream ("${CUSTOM_STREAM_PREFIX}<Name>_CL" or "${MICROSOFT_STREAM_PREFIX}<Table>")`);
    }
    const output = this.outputTableOf(flow);
    if (output !== undefined && output.tableName === 'CommonSecurityLog' && flow.streams.includes(SYSLOG_STREAM)) {
      errors.push(`${field}.outputStream: the stream "${SYSLOG_STREAM}" cannot write CommonSecurityLog; collect CEF with a syslog source whose stream is "${COMMON_SECURITY_LOG_STREAM}"`);
    }
    if (output !== undefined && output.schema === undefined && output.tableName.endsWith('_CL')) {
      const unknownTable = this.unknownCustomTable(output.tableName);
      if (unknownTable.error) {
        errors.push(`${field}.outputStream: ${unknownTable.message}`);
      } else {
        warn(this, `${field}.outputStream`, unknownTable.message);
      }
    }
    if (flow.transformKql === undefined) {
      return [...errors, ...this.validatePassThrough(flow, field, output?.schema)];
    }
    if (isUnresolved(flow.transformKql) || flow.streams.length !== 1) {
      return errors;
    }
    const inputColumns = this.inputStreamColumns(flow.streams[0]);
    if (inputColumns === undefined) {
      return errors;
    }
    // Checked as Azure receives it: Terraform's escapes (`$${`, `%%{`) undone.
    const transformKql = unescapeTemplateText(flow.transformKql);
    const check = checkTransformation(transformKql, { inputColumns, outputTable: output?.schema });
    for (const diagnostic of check.errors) {
      errors.push(`${field}.transformKql: ${formatDiagnostic(transformKql, diagnostic)}`);
    }
    for (const diagnostic of check.warnings) {
      warn(this, `${field}.transformKql`, formatDiagnostic(transformKql, diagnostic));
    }
    return errors;
  }

  /** Without a transformation, a declared stream's columns go to the table as they are: they must match it. */
  private validatePassThrough(flow: DataFlowOptions, field: string, table: TableSchema | undefined): string[] {
    if (table === undefined) {
      return [];
    }
    const errors: string[] = [];
    for (const streamName of flow.streams) {
      const columns = this.streamDeclarations.get(streamName);
      if (columns === undefined) {
        continue;
      }
      if (!columns.some((column) => column.name === 'TimeGenerated' && column.type === 'datetime')) {
        errors.push(`${field}.transformKql: the stream "${streamName}" has no TimeGenerated datetime column and no transformation `
          + `makes one; add transformKql: 'source | extend TimeGenerated = now()'`);
      }
      for (const column of columns) {
        const target = table.columns.find((candidate) => candidate.name === column.name);
        if (target === undefined) {
          // Azure accepts the rule and ingestion drops the column (see checkTransformation's SCDK012): a warning.
          warn(this, `${field}.transformKql`, `without a transformation the column "${column.name}" of "${streamName}" goes to `
            + `"${table.tableName}", which has no such column: ingestion drops it (billed, not stored); add a transformKql `
            + `that renames or drops it (project-away ${column.name})`);
        } else if (target.type !== column.type && !(target.type === 'long' && column.type === 'int')) {
          errors.push(`${field}.transformKql: without a transformation the column "${column.name}" of "${streamName}" is ${column.type}, `
            + `but "${table.tableName}.${column.name}" is ${target.type}; convert it in a transformKql`);
        }
      }
    }
    return errors;
  }
}

/** The first value that occurs twice, as a message, or undefined. */
function duplicateOf(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      return `"${value}" is listed twice`;
    }
    seen.add(value);
  }
  return undefined;
}

/**
 * A diagnostic as `line L, column C: message (CODE)`, followed by the offending line and a caret, so that the
 * synth error shows where the transformation is wrong.
 */
export function formatDiagnostic(text: string, diagnostic: KqlDiagnostic): string {
  const lines = text.split('\n');
  const line = lines[diagnostic.line - 1] ?? '';
  const caret = `${' '.repeat(Math.max(0, diagnostic.column - 1))}^`;
  return `line ${diagnostic.line}, column ${diagnostic.column}: ${diagnostic.message} (${diagnostic.code})\n    ${line}\n    ${caret}`;
}

