import { PolledStreamConfig } from './rest-connector-config';

/** Basic authentication: user name and password. */
export interface CodelessBasicAuthConfig {
  readonly type: 'Basic';
  readonly userName: string;
  /** A variable, `${var.<name>}`, never a literal. */
  readonly password: string;
}

/** An API key sent in a header or in the POST body. */
export interface CodelessApiKeyAuthConfig {
  readonly type: 'APIKey';
  /** A variable, `${var.<name>}`, never a literal. */
  readonly apiKey: string;
  /** The header that carries the key, e.g. `Authorization`. */
  readonly apiKeyName: string;
  /** @default - the service's default, `token` */
  readonly apiKeyIdentifier?: string;
  /** @default false */
  readonly isApiKeyInPostPayload?: boolean;
}

/** OAuth 2.0, client credentials or authorization code grant. */
export interface CodelessOAuthConfig {
  readonly type: 'OAuth2';
  readonly clientId: string;
  /** A variable, `${var.<name>}`. */
  readonly clientSecret: string;
  readonly grantType: 'client_credentials' | 'authorization_code';
  /** HTTPS URL of the token endpoint. */
  readonly tokenEndpoint: string;
  /** @default - none */
  readonly tokenEndpointHeaders?: Record<string, string>;
  /** @default - none */
  readonly tokenEndpointQueryParameters?: Record<string, string>;
  /** @default - none */
  readonly scope?: string;
  /** @default - none */
  readonly authorizationEndpoint?: string;
  /** @default - none */
  readonly authorizationEndpointHeaders?: Record<string, string>;
  /** @default - none */
  readonly authorizationEndpointQueryParameters?: Record<string, string>;
  /** @default - none */
  readonly authorizationCode?: string;
  /** @default - none */
  readonly redirectUri?: string;
  /** @default false */
  readonly isCredentialsInHeaders?: boolean;
  /** @default false */
  readonly isJwtBearerFlow?: boolean;
  /** @default "Bearer" */
  readonly accessTokenPrepend?: string;
}

/**
 * How the poller authenticates to the source.
 *
 * @discriminator type
 */
export type CodelessAuthConfig = CodelessBasicAuthConfig | CodelessApiKeyAuthConfig | CodelessOAuthConfig;

/** The request the poller sends each query window. */
export interface CodelessRequestConfig {
  /** HTTPS URL the poller calls. */
  readonly apiEndpoint: string;
  /** @default "GET" */
  readonly httpMethod?: string;
  /** @default 5 */
  readonly queryWindowInMin?: number;
  /** @default - ISO 8601 UTC */
  readonly queryTimeFormat?: string;
  /** @default - no limit */
  readonly rateLimitQPS?: number;
  /** @default 3 */
  readonly retryCount?: number;
  /** @default 20 */
  readonly timeoutInSeconds?: number;
  /** @default false */
  readonly isPostPayloadJson?: boolean;
  /** @default - none */
  readonly headers?: Record<string, string>;
  /** @default - none */
  readonly queryParameters?: Record<string, unknown>;
  /** @default - none */
  readonly queryParametersTemplate?: string;
  /** @default - none */
  readonly startTimeAttributeName?: string;
  /** @default - none */
  readonly endTimeAttributeName?: string;
  /** @default - none */
  readonly queryTimeIntervalAttributeName?: string;
  /** @default - none */
  readonly queryTimeIntervalPrepend?: string;
  /** @default - none */
  readonly queryTimeIntervalDelimiter?: string;
}

/** How the poller pages through a response; which fields apply depends on `pagingType`. */
export interface CodelessPagingConfig {
  readonly pagingType: 'LinkHeader' | 'NextPageToken' | 'NextPageUrl' | 'PersistentToken' | 'PersistentLinkHeader' | 'Offset'
    | 'CountBasedPaging';
  readonly pageSize?: number;
  readonly pageSizeParameterName?: string;
  readonly linkHeaderTokenJsonPath?: string;
  readonly linkHeaderRelLinkName?: string;
  readonly nextPageTokenJsonPath?: string;
  readonly hasNextFlagJsonPath?: string;
  readonly nextPageTokenResponseHeader?: string;
  readonly nextPageParaName?: string;
  readonly nextPageRequestHeader?: string;
  readonly nextPageUrl?: string;
  readonly nextPageUrlQueryParameters?: Record<string, string>;
  readonly nextPageUrlQueryParametersTemplate?: string;
  readonly offsetParaName?: string;
  readonly zeroBasedIndexing?: boolean;
  readonly pageCountJsonPath?: string;
  readonly pageNumberParaName?: string;
  readonly pageNumberJsonPath?: string;
  readonly totalResultsJsonPath?: string;
  readonly pagingInfoPlacement?: 'QueryString' | 'RequestBody';
  readonly pagingQueryParamOnly?: boolean;
}

/** Where the events are in a response. */
export interface CodelessResponseConfig {
  /**
   * JSON paths of the events, `$` being the root.
   *
   * @minItems 1
   */
  readonly eventsJsonPaths: string[];
  /** @default "json" */
  readonly format?: 'json' | 'csv' | 'xml';
  readonly successStatusJsonPath?: string;
  readonly successStatusValue?: string;
  readonly isGzipCompressed?: boolean;
  readonly compressionAlgo?: string;
  readonly csvDelimiter?: string;
  readonly hasCsvBoundary?: boolean;
  readonly hasCsvHeader?: boolean;
  readonly convertChildPropertiesToArray?: boolean;
  readonly csvEscape?: string;
}

/** A Codeless Connector Platform poller of a REST API (`CodelessConnector`). */
export interface CodelessConnectorConfig extends PolledStreamConfig {
  /** Codeless Connector Platform poller (REST pull). */
  readonly kind: 'codeless';
  /** How the poller authenticates to the source. */
  readonly auth: CodelessAuthConfig;
  /** What the poller requests. */
  readonly request: CodelessRequestConfig;
  /**
   * How the poller pages.
   *
   * @default - one request per query window
   */
  readonly paging?: CodelessPagingConfig;
  /** Where the events are in the response. */
  readonly response: CodelessResponseConfig;
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
