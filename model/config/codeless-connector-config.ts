import {
  CcpAuthConfig, CcpResponseConfig, RestApiPollerRequestConfig, RestApiPollerRequestPagingConfig,
} from '../connectors/codeless-poller';
import { PolledStreamConfig } from './rest-connector-config';

/** A Codeless Connector Platform poller of a REST API (`CodelessConnector`). */
export interface CodelessConnectorConfig extends PolledStreamConfig {
  /** Codeless Connector Platform poller (REST pull). */
  readonly kind: 'codeless';
  /** How the poller authenticates to the source. */
  readonly auth: CcpAuthConfig;
  /** What the poller requests. */
  readonly request: RestApiPollerRequestConfig;
  /**
   * How the poller pages.
   *
   * @default - one request per query window
   */
  readonly paging?: RestApiPollerRequestPagingConfig;
  /** Where the events are in the response. */
  readonly response: CcpResponseConfig;
  /**
   * Name of the `dataConnectors` resource.
   *
   * @default - the connector id
   */
  readonly dataConnectorName?: string;
  /**
   * Name of the `dataConnectorDefinitions` resource.
   *
   * @default - the connector id followed by `Definition`
   */
  readonly connectorDefinitionName?: string;
}
