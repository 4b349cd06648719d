/**
 * The configuration of a Codeless Connector Platform poller (`RestApiPoller`), with the field names of the 2024-09-01
 * REST API (`DataConnectors.json`): what the `CodelessConnector` construct takes and what `sentinel.yaml` writes. The
 * service reads them case-insensitively: Microsoft's own Auth0 connector writes `Paging`, `ClientId` and `QueryParameters`.
 */

// ---------------------------------------------------------------------------------------------------------------------

/** Basic authentication: user name and password. */
export interface BasicAuthModel {
  readonly type: 'Basic';
  readonly userName: string;
  /** A Terraform variable (`${var.<name>}` in sentinel.yaml) or another token, never a literal. */
  readonly password: string;
}

/** An API key sent in a header (`<apiKeyName>: <apiKeyIdentifier> <apiKey>`) or in the POST body. */
export interface ApiKeyAuthModel {
  readonly type: 'APIKey';
  /** A Terraform variable (`${var.<name>}` in sentinel.yaml) or another token, never a literal. */
  readonly apiKey: string;
  /** The header that carries the key, e.g. `Authorization`. */
  readonly apiKeyName: string;
  /** @default - the service's default, `token` */
  readonly apiKeyIdentifier?: string;
  /** @default false */
  readonly isApiKeyInPostPayload?: boolean;
}

/** OAuth 2.0, client credentials or authorization code grant. */
export interface OAuthModel {
  readonly type: 'OAuth2';
  readonly clientId: string;
  /** A Terraform variable (`${var.<name>}` in sentinel.yaml) or another token; a literal is accepted with a warning. */
  readonly clientSecret: string;
  readonly grantType: 'client_credentials' | 'authorization_code';
  /** HTTPS URL of the token endpoint. */
  readonly tokenEndpoint: string;
  /** @default - none */
  readonly tokenEndpointHeaders?: Record<string, string>;
  /** @default - none */
  readonly tokenEndpointQueryParameters?: Record<string, string>;
  /** Space-separated scopes. @default - none */
  readonly scope?: string;
  /** Required with the `authorization_code` grant. @default - none */
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
 * How the poller authenticates to the source (`CcpAuthConfig`); the types the `CodelessConnector` supports.
 *
 * @discriminator type
 */
export type CcpAuthConfig = BasicAuthModel | ApiKeyAuthModel | OAuthModel;

/** The request the poller sends each query window. */
export interface RestApiPollerRequestConfig {
  /** HTTPS URL the poller calls. */
  readonly apiEndpoint: string;
  /** `GET`, `POST`, `PUT` or `DELETE` (any case). @default "GET" */
  readonly httpMethod?: string;
  /** Minutes each query covers, at least 1. @default 5 */
  readonly queryWindowInMin?: number;
  /** `UnixTimestamp`, `UnixTimestampInMills` or a .NET date format. @default - ISO 8601 UTC */
  readonly queryTimeFormat?: string;
  /** Queries per second at most. @default - no limit */
  readonly rateLimitQPS?: number;
  /** Retries after a failure, 1 to 6. @default 3 */
  readonly retryCount?: number;
  /** Request timeout, 1 to 180 seconds. @default 20 */
  readonly timeoutInSeconds?: number;
  /** @default false */
  readonly isPostPayloadJson?: boolean;
  /** @default - none */
  readonly headers?: Record<string, string>;
  /** May use `{_QueryWindowStartTime}` and `{_QueryWindowEndTime}`. @default - none */
  readonly queryParameters?: Record<string, unknown>;
  /** @default - none */
  readonly queryParametersTemplate?: string;
  /** Query parameter of the window's start; alone, the API answers from it up to now. @default - none */
  readonly startTimeAttributeName?: string;
  /** Query parameter of the window's end; without `startTimeAttributeName`, a synth warning. @default - none */
  readonly endTimeAttributeName?: string;
  /** @default - none */
  readonly queryTimeIntervalAttributeName?: string;
  /** @default - none */
  readonly queryTimeIntervalPrepend?: string;
  /** @default - none */
  readonly queryTimeIntervalDelimiter?: string;
}

/** Paging types, as Azure names them (`RestApiPollerRequestPagingKind`). */
export const PAGING_TYPES = [
  'LinkHeader', 'NextPageToken', 'NextPageUrl', 'PersistentToken', 'PersistentLinkHeader', 'Offset', 'CountBasedPaging',
] as const;

/** How the poller pages through a response. Which fields apply depends on `pagingType`. */
export interface RestApiPollerRequestPagingConfig {
  readonly pagingType: (typeof PAGING_TYPES)[number];
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

/** Response formats the poller reads. */
export const RESPONSE_FORMATS = ['json', 'csv', 'xml'] as const;

/** Where the events are in a response (`CcpResponseConfig`). */
export interface CcpResponseConfig {
  /**
   * JSON paths of the events, `$` being the root; at least one.
   *
   * @minItems 1
   */
  readonly eventsJsonPaths: string[];
  /** @default "json" */
  readonly format?: (typeof RESPONSE_FORMATS)[number];
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
