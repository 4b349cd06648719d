import { Construct } from 'constructs';
import { CustomTable, CustomTableColumn } from '../custom-table';
import { DataCollectionEndpoint, IDataCollectionEndpoint } from '../data-collection-endpoint';
import { DataCollectionRule, LogFileDataSourceOptions } from '../data-collection-rule';
import { DataCollectionRuleAssociation } from '../data-collection-rule-association';
import { TablePlanName } from '../sentinel-workspace';
import { userCatalogEntry, UserConnectorDescription } from './logs-ingestion-connector';
import { SentinelConnector, SentinelConnectorProps } from './sentinel-connector';

/** Properties for a {@link CustomLogConnector}. */
export interface CustomLogConnectorProps extends SentinelConnectorProps, UserConnectorDescription {
  /** The `_CL` table the lines go to. */
  readonly tableName: string;
  /** Its columns; `TimeGenerated` is required. */
  readonly tableColumns: CustomTableColumn[];
  /** @default TablePlanName.ANALYTICS */
  readonly tablePlan?: TablePlanName;

  /** Absolute file patterns the agent tails, e.g. `/var/log/contoso/*.log`. */
  readonly filePatterns: string[];

  /**
   * Timestamp format that starts a record, for records spanning several lines.
   *
   * @default - every line is a record
   */
  readonly recordStartTimestampFormat?: LogFileDataSourceOptions['recordStartTimestampFormat'];

  /**
   * KQL from the raw line (`TimeGenerated`, `RawData`, `FilePath`, `Computer`) to the table's columns, checked at
   * synth against the table.
   *
   * @default - the columns go to the table as they are, so the table must have them
   */
  readonly transformKql?: string;

  /**
   * Resource IDs of the machines whose agent reads the files (VMs, scale sets, Arc-enabled servers).
   *
   * @default - none yet; attach with `attachMachine`
   */
  readonly machineResourceIds?: string[];

  /**
   * The endpoint the agents fetch their configuration from (text logs need one).
   *
   * @default - a new endpoint for this connector
   */
  readonly dataCollectionEndpoint?: IDataCollectionEndpoint;
}

/** Columns the Azure Monitor Agent fills for each line of a text log. */
export const TEXT_LOG_STREAM_COLUMNS = [
  { name: 'TimeGenerated', type: 'datetime' as const },
  { name: 'RawData', type: 'string' as const },
  { name: 'FilePath', type: 'string' as const },
  { name: 'Computer', type: 'string' as const },
];

/**
 * Custom text logs via AMA: the agent tails files on the machines and a transformation turns each line into the
 * columns of a `_CL` table.
 *
 * ```ts
 * new CustomLogConnector(stack, 'ContosoWeb', {
 *   workspace, connectorId: 'ContosoWeb', title: 'Contoso web server',
 *   tableName: 'ContosoWeb_CL',
 *   tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Status', type: 'int' }, { name: 'Path', type: 'string' }],
 *   filePatterns: ['/var/log/contoso/access*.log'],
 *   transformKql: 'source | parse RawData with * " " Path:string " " Status:int | project TimeGenerated, Status, Path',
 *   machineResourceIds: [webServerVmId],
 * });
 * ```
 */
export class CustomLogConnector extends SentinelConnector {
  public readonly dataCollectionEndpoint: IDataCollectionEndpoint;
  public readonly table: CustomTable;
  public readonly dataCollectionRule: DataCollectionRule;
  /** The declared stream the agent writes lines to. */
  public readonly streamName: string;
  private readonly machines: string[] = [];
  private readonly filePatterns: string[];

  constructor(scope: Construct, id: string, props: CustomLogConnectorProps) {
    super(scope, id, props.workspace, userCatalogEntry({ ...props, prerequisites: props.prerequisites
      ?? ['The Azure Monitor Agent on each machine (Azure VM, scale set or Arc-enabled server)', 'Files are append-only text, one record per line, UTF-8'] },
    'custom-logs-ama'));
    this.dataCollectionEndpoint = props.dataCollectionEndpoint ?? new DataCollectionEndpoint(this, 'Endpoint', {
      workspace: props.workspace, dataCollectionEndpointName: `${props.workspace.workspaceName}-${props.connectorId}-dce`,
    });
    this.table = new CustomTable(this, 'Table', {
      workspace: props.workspace, tableName: props.tableName, columns: props.tableColumns, plan: props.tablePlan,
    });
    this.streamName = `Custom-Text-${props.connectorId}`;
    this.filePatterns = props.filePatterns;
    this.dataCollectionRule = new DataCollectionRule(this, 'Rule', {
      workspace: props.workspace,
      dataCollectionRuleName: `${props.workspace.workspaceName}-${props.connectorId}`,
      dataCollectionEndpoint: this.dataCollectionEndpoint,
      description: `${props.title}: text files ${props.filePatterns.join(', ')}`,
      streamDeclarations: { [this.streamName]: TEXT_LOG_STREAM_COLUMNS },
      logFileDataSources: [{
        name: 'text-files', stream: this.streamName, filePatterns: props.filePatterns, format: 'text',
        recordStartTimestampFormat: props.recordStartTimestampFormat,
      }],
      dataFlows: [{ streams: [this.streamName], outputStream: this.table.outputStreamName, transformKql: props.transformKql }],
    });
    (props.machineResourceIds ?? []).forEach((resourceId) => this.attachMachine(resourceId));
  }

  /** Lets a machine's agent read the files: associations with the rule and with the endpoint. */
  public attachMachine(machineResourceId: string): void {
    const index = this.machines.length;
    new DataCollectionRuleAssociation(this, `Machine${index}Rule`, {
      targetResourceId: machineResourceId, dataCollectionRule: this.dataCollectionRule,
    });
    new DataCollectionRuleAssociation(this, `Machine${index}Endpoint`, {
      targetResourceId: machineResourceId, dataCollectionEndpoint: this.dataCollectionEndpoint,
    });
    this.machines.push(machineResourceId);
  }

  protected connectorDetails(): Record<string, unknown> {
    return { filePatterns: this.filePatterns, streamName: this.streamName, machines: this.machines };
  }
}
