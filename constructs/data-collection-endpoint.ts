import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { Construct, IConstruct } from 'constructs';
import { parseAzureResourceId } from '../model/azure-resource-id';
import { ISentinelWorkspace } from './sentinel-workspace';

/** Operating systems a data collection endpoint serves. */
export enum DataCollectionEndpointKind {
  LINUX = 'Linux',
  WINDOWS = 'Windows',
}

/** A data collection endpoint: where the Logs Ingestion API and agents send data. */
export interface IDataCollectionEndpoint extends IConstruct {
  /** Azure resource ID of the endpoint. */
  readonly dataCollectionEndpointId: string;
  /** Name of the endpoint. */
  readonly dataCollectionEndpointName: string;
  /** Base URL of the Logs Ingestion API (`https://<name>.<region>-1.ingest.monitor.azure.com`). */
  readonly logsIngestionEndpoint: string;
}

/** Properties for a {@link DataCollectionEndpoint}. */
export interface DataCollectionEndpointProps {
  /** The workspace whose resource group and region the endpoint takes, unless given below. */
  readonly workspace: ISentinelWorkspace;

  /**
   * Name of the endpoint.
   *
   * @default - the workspace name followed by `-dce`
   */
  readonly dataCollectionEndpointName?: string;

  /**
   * Region of the endpoint; a data collection rule and its endpoint must be in the same region.
   *
   * @default - the workspace's region
   */
  readonly location?: string;

  /**
   * Resource group of the endpoint.
   *
   * @default - the workspace's resource group
   */
  readonly resourceGroupName?: string;

  /**
   * Operating system of the agents that use it.
   *
   * @default - any
   */
  readonly kind?: DataCollectionEndpointKind;

  /**
   * Accept data from public networks. Turn it off only when senders reach Azure Monitor through a private link.
   *
   * @default true
   */
  readonly publicNetworkAccessEnabled?: boolean;

  /** @default - none */
  readonly description?: string;

  /** @default - none */
  readonly tags?: Record<string, string>;
}

abstract class DataCollectionEndpointBase extends Construct implements IDataCollectionEndpoint {
  public abstract readonly dataCollectionEndpointId: string;
  public abstract readonly dataCollectionEndpointName: string;
  public abstract readonly logsIngestionEndpoint: string;
}

/**
 * A data collection endpoint (`azurerm_monitor_data_collection_endpoint`).
 *
 * ```ts
 * const endpoint = new DataCollectionEndpoint(stack, 'Endpoint', { workspace });
 * ```
 */
export class DataCollectionEndpoint extends DataCollectionEndpointBase {
  /** Uses an endpoint that exists outside this app. */
  public static fromDataCollectionEndpointAttributes(
    scope: Construct, id: string, attributes: { dataCollectionEndpointId: string; logsIngestionEndpoint: string },
  ): IDataCollectionEndpoint {
    const parsed = parseAzureResourceId(attributes.dataCollectionEndpointId, 'Microsoft.Insights/dataCollectionEndpoints');
    class Import extends DataCollectionEndpointBase {
      public readonly dataCollectionEndpointId = attributes.dataCollectionEndpointId;
      public readonly dataCollectionEndpointName = parsed.name;
      public readonly logsIngestionEndpoint = attributes.logsIngestionEndpoint;
    }
    return new Import(scope, id);
  }

  public readonly dataCollectionEndpointId: string;
  public readonly dataCollectionEndpointName: string;
  public readonly logsIngestionEndpoint: string;
  /** Immutable ID of the endpoint. */
  public readonly immutableId: string;
  /** The `azurerm_monitor_data_collection_endpoint`. */
  public readonly resource: MonitorDataCollectionEndpoint;

  constructor(scope: Construct, id: string, props: DataCollectionEndpointProps) {
    super(scope, id);
    this.resource = new MonitorDataCollectionEndpoint(this, 'Resource', {
      name: props.dataCollectionEndpointName ?? `${props.workspace.workspaceName}-dce`,
      location: props.location ?? props.workspace.location,
      resourceGroupName: props.resourceGroupName ?? props.workspace.resourceGroupName,
      kind: props.kind,
      publicNetworkAccessEnabled: props.publicNetworkAccessEnabled ?? true,
      description: props.description,
      tags: props.tags,
    });
    this.dataCollectionEndpointId = this.resource.id;
    this.dataCollectionEndpointName = this.resource.name;
    this.logsIngestionEndpoint = this.resource.logsIngestionEndpoint;
    this.immutableId = this.resource.immutableId;
  }
}
