import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { ConnectorCatalogEntry, ConnectorSupport, supportFor } from '../../model/connectors/connector-catalog-entry';
import { CUSTOM_STREAM_PREFIX, outputStreamOfTable } from '../../model/streams';
import { CustomTable, CustomTableColumn } from '../custom-table';
import { DataCollectionEndpoint, IDataCollectionEndpoint } from '../data-collection-endpoint';
import { DataCollectionRule, StreamColumn } from '../data-collection-rule';
import { throwIfInvalid } from '../private/validation';
import { TablePlanName } from '../sentinel-workspace';
import { SentinelConnector, SentinelConnectorProps } from './sentinel-connector';

/** The api-version senders put in the Logs Ingestion URL. */
export const LOGS_INGESTION_API_VERSION = '2023-01-01';

/** Who a user-defined connector is and who supports it. */
export interface UserConnectorDescription {
  /** Stable identifier of the connector, e.g. `ContosoApp`. */
  readonly connectorId: string;
  /** Title on the Data connectors page. */
  readonly title: string;
  /**
   * Who publishes the source.
   *
   * @default - the connector id
   */
  readonly publisher?: string;
  /**
   * Who supports the connector. Without a contact (a name, and a link or an e-mail) it is Community supported.
   *
   * @default - Community supported
   */
  readonly support?: Omit<ConnectorSupport, 'tier'> & { readonly tier?: ConnectorSupport['tier'] };
  /** @default - none */
  readonly description?: string;
  /** @default - none */
  readonly prerequisites?: string[];
}

/** Properties for a {@link LogsIngestionConnector}. */
export interface LogsIngestionConnectorProps extends SentinelConnectorProps, UserConnectorDescription {
  /** The stream senders post to, `Custom-<Name>`, with the columns of their records. */
  readonly streamName: string;
  readonly streamColumns: StreamColumn[];

  /** The destination table: a custom `_CL` table, or a built-in table such as `CommonSecurityLog`. */
  readonly tableName: string;

  /**
   * Columns of the custom table, to create it here.
   *
   * @default - the table exists already (declared by a CustomTable elsewhere, or built in)
   */
  readonly tableColumns?: CustomTableColumn[];

  /**
   * Plan of the custom table created here.
   *
   * @default TablePlanName.ANALYTICS
   */
  readonly tablePlan?: TablePlanName;

  /**
   * KQL from the stream to the table, checked at synth.
   *
   * @default - records pass through unchanged
   */
  readonly transformKql?: string;

  /**
   * Principals (object IDs of service principals or managed identities) allowed to send.
   *
   * @default - none; grant later with `connector.dataCollectionRule.grantIngest(...)`
   */
  readonly senderPrincipalIds?: string[];

  /**
   * The endpoint senders use.
   *
   * @default - a new endpoint for this connector
   */
  readonly dataCollectionEndpoint?: IDataCollectionEndpoint;
}

/**
 * What a poller needs to push records through the Logs Ingestion API: the stream it posts, the table, the
 * transformation and the endpoint, as a {@link LogsIngestionConnector} takes them. The poller itself is the sender.
 */
export type PolledStreamProps = Omit<LogsIngestionConnectorProps, 'senderPrincipalIds'>;

/** The Logs Ingestion pieces a poller sends to. */
export interface PolledStreamResources {
  readonly dataCollectionEndpoint: IDataCollectionEndpoint;
  readonly dataCollectionRule: DataCollectionRule;
  /** The table created here, when `tableColumns` is given. */
  readonly table?: CustomTable;
}

/**
 * Makes the Logs Ingestion pieces under a connector, with the ids `Endpoint`, `Table` and `Rule`: what a
 * {@link LogsIngestionConnector} is made of, and what pollers (Functions, Codeless) send to. Pollers call this rather
 * than nest a LogsIngestionConnector, which would register a second connector for the same source.
 */
export function addLogsIngestionResources(connector: SentinelConnector, props: PolledStreamProps, sentBy: string): PolledStreamResources {
  throwIfInvalid(connector, 'streamName', props.streamName.startsWith(CUSTOM_STREAM_PREFIX) ? undefined
    : `"${props.streamName}" must start with "${CUSTOM_STREAM_PREFIX}": senders post to a stream the rule declares`);
  const dataCollectionEndpoint = props.dataCollectionEndpoint ?? new DataCollectionEndpoint(connector, 'Endpoint', {
    workspace: props.workspace,
    dataCollectionEndpointName: `${props.workspace.workspaceName}-${props.connectorId}-dce`,
  });
  const table = props.tableColumns === undefined ? undefined : new CustomTable(connector, 'Table', {
    workspace: props.workspace, tableName: props.tableName, columns: props.tableColumns, plan: props.tablePlan,
  });
  const dataCollectionRule = new DataCollectionRule(connector, 'Rule', {
    workspace: props.workspace,
    dataCollectionRuleName: `${props.workspace.workspaceName}-${props.connectorId}`,
    dataCollectionEndpoint,
    description: `${props.title}: records ${sentBy} posts to the Logs Ingestion API`,
    streamDeclarations: { [props.streamName]: props.streamColumns },
    dataFlows: [{ streams: [props.streamName], outputStream: outputStreamOfTable(props.tableName), transformKql: props.transformKql }],
  });
  return { dataCollectionEndpoint, dataCollectionRule, table };
}

/**
 * A source that pushes records through the Logs Ingestion API: an endpoint, a `_CL` table (or a built-in one), a rule
 * with the stream declaration and transformation, and the `Monitoring Metrics Publisher` role for each sender.
 *
 * ```ts
 * new LogsIngestionConnector(stack, 'ContosoApp', {
 *   workspace, connectorId: 'ContosoApp', title: 'Contoso application',
 *   streamName: 'Custom-ContosoAppRaw',
 *   streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'RawData', type: 'string' }],
 *   tableName: 'ContosoApp_CL',
 *   tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
 *   transformKql: 'source | project TimeGenerated, Message = RawData',
 *   senderPrincipalIds: [appPrincipalId],
 * });
 * ```
 *
 * Outputs give a sender everything it needs: the ingestion URL, the rule's immutable ID and the stream name.
 */
export class LogsIngestionConnector extends SentinelConnector {
  public readonly dataCollectionEndpoint: IDataCollectionEndpoint;
  public readonly dataCollectionRule: DataCollectionRule;
  /** The table created here, when `tableColumns` is given. */
  public readonly table?: CustomTable;
  public readonly streamName: string;
  /** `https://<endpoint>/dataCollectionRules/<immutableId>/streams/<stream>?api-version=2023-01-01`. */
  public readonly ingestionUrl: string;

  constructor(scope: Construct, id: string, props: LogsIngestionConnectorProps) {
    super(scope, id, props.workspace, userCatalogEntry(props, 'logs-ingestion-api'));
    const resources = addLogsIngestionResources(this, props, 'senders');
    this.dataCollectionEndpoint = resources.dataCollectionEndpoint;
    this.dataCollectionRule = resources.dataCollectionRule;
    this.table = resources.table;
    this.streamName = props.streamName;
    (props.senderPrincipalIds ?? []).forEach((principalId, index) =>
      this.dataCollectionRule.grantIngest(`Sender${index}`, principalId));

    this.ingestionUrl = `${this.dataCollectionEndpoint.logsIngestionEndpoint}/dataCollectionRules/${this.dataCollectionRule.immutableId}`
      + `/streams/${props.streamName}?api-version=${LOGS_INGESTION_API_VERSION}`;
    new TerraformOutput(this, 'IngestionUrl', { value: this.ingestionUrl, description: `Where ${props.title} posts its records` });
    new TerraformOutput(this, 'DataCollectionRuleImmutableId', { value: this.dataCollectionRule.immutableId });
    new TerraformOutput(this, 'StreamName', { value: props.streamName });
  }

  protected connectorDetails(): Record<string, unknown> {
    return { streamName: this.streamName, ingestionUrl: this.ingestionUrl };
  }
}

/** The catalog entry of a connector the user describes (their own source, a partner's poller). */
export function userCatalogEntry(description: UserConnectorDescription & { tableName?: string; tables?: string[] },
  ingestionPath: ConnectorCatalogEntry['ingestionPath']): ConnectorCatalogEntry {
  const publisher = description.publisher ?? description.connectorId;
  return {
    connectorId: description.connectorId,
    title: description.title,
    publisher,
    ingestionPath,
    tables: description.tables ?? (description.tableName === undefined ? [] : [description.tableName]),
    prerequisites: description.prerequisites ?? [],
    support: supportFor(publisher, description.support),
    ...(description.description === undefined ? {} : { description: description.description }),
  };
}
