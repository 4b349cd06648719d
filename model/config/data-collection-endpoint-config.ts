/** A data collection endpoint, shared by the connectors that name it in `dataCollectionEndpoint`. */
export interface DataCollectionEndpointConfig {
  /**
   * Name of the endpoint.
   *
   * @default - the workspace name followed by `-dce`
   */
  readonly dataCollectionEndpointName?: string;
  /**
   * Region; a data collection rule and its endpoint must be in the same region.
   *
   * @default - the workspace's region
   * @minLength 1
   */
  readonly location?: string;
  /**
   * Resource group.
   *
   * @default - the workspace's resource group
   * @minLength 1
   */
  readonly resourceGroupName?: string;
  /**
   * Operating system of the agents that use it.
   *
   * @default - any
   */
  readonly kind?: 'Linux' | 'Windows';
  /**
   * Accept data from public networks; turn it off only when senders reach Azure Monitor through a private link.
   *
   * @default true
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /** @default - none */
  readonly description?: string;
  /** @default - none */
  readonly tags?: Record<string, string>;
}
