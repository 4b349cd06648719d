import { Construct, IConstruct } from 'constructs';
import {
  CcpAuthConfig, CcpResponseConfig, PAGING_TYPES, RESPONSE_FORMATS, RestApiPollerRequestConfig, RestApiPollerRequestPagingConfig,
} from '../../model/connectors/codeless-poller';
import { tableNameOfOutputStream } from '../../model/streams';
import { CustomTable, CustomTableColumn } from '../custom-table';
import { IDataCollectionEndpoint } from '../data-collection-endpoint';
import { DataCollectionRule, StreamColumn } from '../data-collection-rule';
import { AzapiResource } from '../private/azapi-resource';
import { dependOnWhenSynthesized } from '../private/dependencies';
import { ConfigurationError, isUnresolved, throwIfInvalid, warn } from '../private/validation';
import { ISentinelWorkspace } from '../sentinel-workspace';
import { addLogsIngestionResources, PolledStreamProps, userCatalogEntry } from './logs-ingestion-connector';
import { SentinelConnector } from './sentinel-connector';

/** The Microsoft.SecurityInsights api-version of both resources (the first stable one with RestApiPoller and Customizable). */
export const SECURITY_INSIGHTS_API_VERSION = '2024-09-01';

const DATA_CONNECTORS_TYPE = 'Microsoft.SecurityInsights/dataConnectors';
const DATA_CONNECTOR_DEFINITIONS_TYPE = 'Microsoft.SecurityInsights/dataConnectorDefinitions';

// The poller's configuration is plain data in model/ (the YAML config writes the same shapes); exported here as well.
export * from '../../model/connectors/codeless-poller';

// ---------------------------------------------------------------------------------------------------------------------
// The connector page (`CustomizableConnectorUiConfig` of `dataConnectorDefinitions.json`, 2024-09-01).
// ---------------------------------------------------------------------------------------------------------------------

export interface GraphQuery {
  readonly metricName: string;
  readonly legend: string;
  readonly baseQuery: string;
}

export interface ConnectorDataType {
  readonly name: string;
  readonly lastDataReceivedQuery: string;
}

export interface ConnectivityCriterion {
  /** e.g. `HasDataConnectors`. */
  readonly type: string;
  readonly value?: string[] | null;
}

export interface InstructionStepDetails {
  /** e.g. `Markdown`, `Textbox`, `ConnectionToggleButton`. */
  readonly type: string;
  readonly parameters: Record<string, unknown>;
}

export interface InstructionStep {
  readonly title?: string;
  readonly description?: string;
  readonly instructions?: InstructionStepDetails[];
  readonly innerSteps?: InstructionStep[] | null;
}

export interface ConnectorDefinitionsResourceProvider {
  readonly provider: string;
  readonly permissionsDisplayText: string;
  readonly providerDisplayName: string;
  readonly scope: 'Subscription' | 'ResourceGroup' | 'Workspace';
  readonly requiredPermissions: { readonly read?: boolean; readonly write?: boolean; readonly delete?: boolean; readonly action?: boolean };
}

export interface ConnectorDefinitionsPermissions {
  readonly tenant?: string[] | null;
  readonly licenses?: string[] | null;
  readonly resourceProvider?: ConnectorDefinitionsResourceProvider[];
  readonly customs?: Array<{ readonly name: string; readonly description: string }>;
}

/** What the Data connectors page shows for the connector. */
export interface CustomizableConnectorUiConfig {
  /** @default - the connector definition's name */
  readonly id?: string;
  readonly title: string;
  readonly publisher: string;
  readonly descriptionMarkdown: string;
  readonly graphQueries: GraphQuery[];
  readonly dataTypes: ConnectorDataType[];
  readonly connectivityCriteria: ConnectivityCriterion[];
  readonly permissions: ConnectorDefinitionsPermissions;
  readonly instructionSteps: InstructionStep[];
  readonly availability?: { readonly status?: number; readonly isPreview?: boolean };
  /** SVG. */
  readonly logo?: string;
  readonly isConnectivityCriteriasMatchSome?: boolean;
  /** Not in the 2024-09-01 schema, but used by Content Hub connectors (Auth0) and shown by the portal. */
  readonly sampleQueries?: Array<{ readonly description: string; readonly query: string }>;
}

/** Properties for a {@link CodelessConnector}. */
export interface CodelessConnectorProps extends PolledStreamProps {
  /** How the poller authenticates to the source. */
  readonly auth: CcpAuthConfig;
  /** What the poller requests. */
  readonly request: RestApiPollerRequestConfig;
  /**
   * How the poller pages.
   *
   * @default - no paging: one request per query window
   */
  readonly paging?: RestApiPollerRequestPagingConfig;
  /** Where the events are in the response. */
  readonly response: CcpResponseConfig;

  /**
   * The connector page.
   *
   * @default - a page with the title, the description, a graph and a last-data query of the table
   */
  readonly connectorUiConfig?: CustomizableConnectorUiConfig;

  /**
   * Name of the `dataConnectors` resource (the connection).
   *
   * @default - the connector id
   */
  readonly dataConnectorName?: string;

  /**
   * Name of the `dataConnectorDefinitions` resource: letters, digits, `-` and `_`.
   *
   * @default - the connector id followed by `Definition`
   */
  readonly connectorDefinitionName?: string;
}

/** The parsed files of a Content Hub CCP connector, and any property to set instead of what they hold. */
export interface ContentHubConnectorFiles extends Partial<Omit<CodelessConnectorProps, 'workspace'>> {
  readonly workspace: ISentinelWorkspace;
  /** `PollingConfig.json`: a `dataConnectors` resource of kind RestApiPoller, or an array holding one or several. */
  readonly pollingConfig: unknown;
  /**
   * The `name` of the poller to declare when `pollingConfig` holds several (Cisco Meraki's holds one per API); each
   * needs a connector of its own, with its own `connectorDefinitionName`.
   *
   * @default - the one poller of the file; several are an error naming them
   */
  readonly pollerName?: string;
  /** `DataConnectorDefinition.json`: a `dataConnectorDefinitions` resource of kind Customizable. */
  readonly connectorDefinition: unknown;
  /** `DCR.json`: the data collection rule, or an array holding it. */
  readonly dataCollectionRule: unknown;
  /**
   * The connector folder's table file (`<Name>_Table.json`): a `Microsoft.OperationalInsights/workspaces/tables`
   * resource, or an array of them. The table the poller writes is created with the file's columns (types in any case,
   * as Azure reads them), unless `tableColumns` is given.
   *
   * @default - no table is created here: it must exist (a CustomTable of the workspace, or created elsewhere)
   */
  readonly table?: unknown;
}

/** Retries the service allows, and request timeouts (RestApiPoller reference, "Request configuration"). */
const RETRY_COUNT_RANGE = [1, 6] as const;
const TIMEOUT_IN_SECONDS_RANGE = [1, 180] as const;
/** The reference says "The minimum is 1 minute" (an older page said 5); it gives no maximum. */
const MINIMUM_QUERY_WINDOW_IN_MIN = 1;
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const GRANT_TYPES = ['client_credentials', 'authorization_code'];
const DEFINITION_NAME = /^[A-Za-z0-9_-]+$/;

/** A template expression left from Content Hub packaging: `{{name}}`, `[parameters('x')]`, `[[concat(...)]`. */
const TEMPLATE_PLACEHOLDER = /\{\{[^}]*\}\}|^\[\[?[A-Za-z]+\(.*\)\]$/;

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Every field name of each section, for reading Microsoft's JSON whatever its casing. Checked against the types. */
const FIELD_NAMES = {
  auth: {
    type: true, userName: true, password: true, apiKey: true, apiKeyName: true, apiKeyIdentifier: true,
    isApiKeyInPostPayload: true, clientId: true, clientSecret: true, grantType: true, tokenEndpoint: true,
    tokenEndpointHeaders: true, tokenEndpointQueryParameters: true, scope: true, authorizationEndpoint: true,
    authorizationEndpointHeaders: true, authorizationEndpointQueryParameters: true, authorizationCode: true,
    redirectUri: true, isCredentialsInHeaders: true, isJwtBearerFlow: true, accessTokenPrepend: true,
  } satisfies Record<KeysOfUnion<CcpAuthConfig>, true>,
  request: {
    apiEndpoint: true, httpMethod: true, queryWindowInMin: true, queryTimeFormat: true, rateLimitQPS: true,
    retryCount: true, timeoutInSeconds: true, isPostPayloadJson: true, headers: true, queryParameters: true,
    queryParametersTemplate: true, startTimeAttributeName: true, endTimeAttributeName: true,
    queryTimeIntervalAttributeName: true, queryTimeIntervalPrepend: true, queryTimeIntervalDelimiter: true,
  } satisfies Record<keyof RestApiPollerRequestConfig, true>,
  paging: {
    pagingType: true, pageSize: true, pageSizeParameterName: true, linkHeaderTokenJsonPath: true,
    linkHeaderRelLinkName: true, nextPageTokenJsonPath: true, hasNextFlagJsonPath: true,
    nextPageTokenResponseHeader: true, nextPageParaName: true, nextPageRequestHeader: true, nextPageUrl: true,
    nextPageUrlQueryParameters: true, nextPageUrlQueryParametersTemplate: true, offsetParaName: true,
    zeroBasedIndexing: true, pageCountJsonPath: true, pageNumberParaName: true, pageNumberJsonPath: true,
    totalResultsJsonPath: true, pagingInfoPlacement: true, pagingQueryParamOnly: true,
  } satisfies Record<keyof RestApiPollerRequestPagingConfig, true>,
  response: {
    eventsJsonPaths: true, format: true, successStatusJsonPath: true, successStatusValue: true,
    isGzipCompressed: true, compressionAlgo: true, csvDelimiter: true, hasCsvBoundary: true, hasCsvHeader: true,
    convertChildPropertiesToArray: true, csvEscape: true,
  } satisfies Record<keyof CcpResponseConfig, true>,
};

/**
 * A Codeless Connector Platform (CCP) connector: Sentinel itself polls a REST API and pushes what it gets through the
 * Logs Ingestion API. It is a connector definition (`dataConnectorDefinitions`, kind Customizable, the connector page)
 * and a connection (`dataConnectors`, kind RestApiPoller), both `azapi_resource`s under the workspace, plus the
 * endpoint, table and rule the poller sends to.
 *
 * ```ts
 * new CodelessConnector(stack, 'ContosoAudit', {
 *   workspace, connectorId: 'ContosoAudit', title: 'Contoso audit log', publisher: 'Contoso',
 *   auth: { type: 'APIKey', apiKey: apiKeyVariable.stringValue, apiKeyName: 'Authorization', apiKeyIdentifier: 'Bearer' },
 *   request: { apiEndpoint: 'https://api.contoso.com/audit', httpMethod: 'GET', queryWindowInMin: 5,
 *     startTimeAttributeName: 'since', endTimeAttributeName: 'until' },
 *   paging: { pagingType: 'NextPageToken', nextPageTokenJsonPath: '$.next', nextPageParaName: 'cursor' },
 *   response: { eventsJsonPaths: ['$.events'], format: 'json' },
 *   streamName: 'Custom-ContosoAudit',
 *   streamColumns: [{ name: 'eventTime', type: 'datetime' }, { name: 'action', type: 'string' }],
 *   tableName: 'ContosoAudit_CL',
 *   tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Action', type: 'string' }],
 *   transformKql: 'source | project TimeGenerated = eventTime, Action = action',
 * });
 * ```
 *
 * A Content Hub connector's own files load with {@link CodelessConnector.fromContentHubFiles}.
 */
export class CodelessConnector extends SentinelConnector {
  /**
   * Declares a connector from the files Microsoft ships in a solution (`PollingConfig.json`, `DataConnectorDefinition.json`,
   * `DCR.json`), parsed. Replace their template placeholders (`{{ClientSecret}}`, `[[parameters('Domain')]`) first:
   * azapi sends the body as written, and synth refuses a placeholder left in the poller's configuration.
   */
  public static fromContentHubFiles(scope: Construct, id: string, files: ContentHubConnectorFiles): CodelessConnector {
    const { pollingConfig, pollerName, connectorDefinition, dataCollectionRule, table: tableFile, ...rest } = files;
    const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as typeof rest;
    // The connector does not exist yet: errors name the path it would have.
    const target = { node: { path: scope.node.path === '' ? id : `${scope.node.path}/${id}` } } as IConstruct;
    const reader = new JsonReader(target);
    const poller = reader.poller(pollingConfig, pollerName);
    const pollerProperties = reader.object(poller, 'properties', 'pollingConfig');
    const definition = reader.resource(connectorDefinition, 'connectorDefinition');
    const connectorUiConfig = reader.object(reader.object(definition, 'properties', 'connectorDefinition'), 'connectorUiConfig',
      'connectorDefinition.properties') as unknown as CustomizableConnectorUiConfig;
    const streamName = reader.string(reader.object(pollerProperties, 'dcrConfig', 'pollingConfig.properties'), 'streamName',
      'pollingConfig.properties.dcrConfig');
    const stream = reader.stream(reader.resource(dataCollectionRule, 'dataCollectionRule'), streamName);
    const tableColumns = tableFile === undefined ? undefined : reader.tableColumns(tableFile, stream.tableName);
    const section = <K extends keyof typeof FIELD_NAMES>(key: K) => {
      const value = reader.optionalObject(pollerProperties, key, 'pollingConfig.properties');
      return value === undefined ? undefined : canonicalFieldNames(value, FIELD_NAMES[key]);
    };
    return new CodelessConnector(scope, id, {
      connectorId: reader.string(poller, 'name', 'pollingConfig'),
      title: connectorUiConfig.title,
      publisher: connectorUiConfig.publisher,
      dataConnectorName: reader.string(poller, 'name', 'pollingConfig'),
      connectorDefinitionName: reader.string(definition, 'name', 'connectorDefinition'),
      connectorUiConfig,
      auth: reader.required(section('auth'), 'pollingConfig.properties.auth') as unknown as CcpAuthConfig,
      request: reader.required(section('request'), 'pollingConfig.properties.request') as unknown as RestApiPollerRequestConfig,
      paging: section('paging') as unknown as RestApiPollerRequestPagingConfig | undefined,
      response: reader.required(section('response'), 'pollingConfig.properties.response') as unknown as CcpResponseConfig,
      streamName,
      ...stream,
      ...(tableColumns === undefined ? {} : { tableColumns }),
      ...given,
    });
  }

  public readonly dataCollectionEndpoint: IDataCollectionEndpoint;
  public readonly dataCollectionRule: DataCollectionRule;
  /** The table created here, when `tableColumns` is given. */
  public readonly table?: CustomTable;
  public readonly streamName: string;
  public readonly dataConnectorName: string;
  public readonly connectorDefinitionName: string;
  /** The `dataConnectorDefinitions` resource. */
  public readonly connectorDefinition: AzapiResource;
  /** The `dataConnectors` resource of kind RestApiPoller. */
  public readonly dataConnector: AzapiResource;

  private readonly apiEndpoint: string;

  constructor(scope: Construct, id: string, props: CodelessConnectorProps) {
    super(scope, id, props.workspace, userCatalogEntry(props, 'codeless-connector'));
    this.dataConnectorName = props.dataConnectorName ?? props.connectorId;
    this.connectorDefinitionName = props.connectorDefinitionName ?? `${props.connectorId}Definition`;
    throwIfInvalid(this, 'connectorDefinitionName', DEFINITION_NAME.test(this.connectorDefinitionName) ? undefined
      : `"${this.connectorDefinitionName}" is not a valid connector definition name; expected letters, digits, "-" or "_"`);
    this.checkPlaceholders(props);
    this.checkAuth(props.auth);
    this.checkRequest(props.request);
    this.checkPagingAndResponse(props.paging, props.response);

    const stream = addLogsIngestionResources(this, props, 'the codeless connector');
    this.dataCollectionEndpoint = stream.dataCollectionEndpoint;
    this.dataCollectionRule = stream.dataCollectionRule;
    this.table = stream.table;
    this.streamName = props.streamName;
    this.apiEndpoint = props.request.apiEndpoint;

    // Both are preview-era types that azapi's embedded schemas lag behind; the service validates the body.
    const common = {
      apiVersion: SECURITY_INSIGHTS_API_VERSION,
      parentId: props.workspace.workspaceResourceId,
      schemaValidationEnabled: false,
    };
    this.connectorDefinition = new AzapiResource(this, 'Definition', {
      ...common,
      resourceType: DATA_CONNECTOR_DEFINITIONS_TYPE,
      name: this.connectorDefinitionName,
      body: { kind: 'Customizable', properties: { connectorUiConfig: this.connectorUiConfig(props) } },
      dependsOn: props.workspace.sentinelDependency,
    });
    this.dataConnector = new AzapiResource(this, 'Resource', {
      ...common,
      resourceType: DATA_CONNECTORS_TYPE,
      name: this.dataConnectorName,
      body: {
        kind: 'RestApiPoller',
        properties: {
          connectorDefinitionName: this.connectorDefinitionName,
          dataType: props.tableName,
          auth: withoutSecrets(props.auth),
          request: props.request,
          ...(props.paging === undefined ? {} : { paging: props.paging }),
          response: props.response,
          dcrConfig: {
            streamName: props.streamName,
            dataCollectionEndpoint: this.dataCollectionEndpoint.logsIngestionEndpoint,
            dataCollectionRuleImmutableId: this.dataCollectionRule.immutableId,
          },
        },
      },
      // The secrets of `auth` reach Azure through azapi's sensitive_body, so they stay out of the Terraform state.
      sensitiveBody: { properties: { auth: secretsOf(props.auth) } },
      dependsOn: [...props.workspace.sentinelDependency, this.connectorDefinition],
    });
    // Sentinel checks the poller's table (`dataType`) when the connection is created.
    dependOnWhenSynthesized(this.dataConnector, () => {
      const table = props.workspace.customTableResource(props.tableName);
      return table === undefined ? [] : [table];
    });
  }

  protected connectorDetails(): Record<string, unknown> {
    return {
      streamName: this.streamName,
      dataConnectorName: this.dataConnectorName,
      connectorDefinitionName: this.connectorDefinitionName,
      apiEndpoint: this.apiEndpoint,
    };
  }

  private connectorUiConfig(props: CodelessConnectorProps): CustomizableConnectorUiConfig {
    if (props.connectorUiConfig !== undefined) {
      return { id: this.connectorDefinitionName, ...props.connectorUiConfig };
    }
    const table = props.tableName;
    return {
      id: this.connectorDefinitionName,
      title: props.title,
      publisher: props.publisher ?? props.connectorId,
      descriptionMarkdown: props.description ?? props.title,
      graphQueries: [{ metricName: 'Total events received', legend: table, baseQuery: table }],
      dataTypes: [{ name: table, lastDataReceivedQuery: `${table}\n| summarize Time = max(TimeGenerated)\n| where isnotempty(Time)` }],
      connectivityCriteria: [{ type: 'HasDataConnectors' }],
      permissions: {
        resourceProvider: [{
          provider: 'Microsoft.OperationalInsights/workspaces', permissionsDisplayText: 'Read and Write permissions are required.',
          providerDisplayName: 'Workspace', scope: 'Workspace', requiredPermissions: { read: true, write: true, delete: true },
        }],
      },
      instructionSteps: [{ title: 'Managed as code', description: `Deployed by Terraform from ${this.node.path}; change it there.` }],
    };
  }

  /** Template expressions are sent as written by azapi, so none may be left in the poller's configuration. */
  private checkPlaceholders(props: CodelessConnectorProps): void {
    const visit = (value: unknown, field: string): void => {
      if (typeof value === 'string') {
        throwIfInvalid(this, field, !isUnresolved(value) && TEMPLATE_PLACEHOLDER.test(value)
          ? `holds the template expression "${value}" of Microsoft's packaging, which azapi would send as written; ` +
            'replace it with the value (a Terraform variable for secrets)'
          : undefined);
      } else if (typeof value === 'object' && value !== null) {
        Object.entries(value).forEach(([key, child]) => visit(child, Array.isArray(value) ? `${field}[${key}]` : `${field}.${key}`));
      }
    };
    (['auth', 'request', 'paging', 'response'] as const).forEach((section) => visit(props[section], section));
  }

  private checkAuth(auth: CcpAuthConfig): void {
    const required: Record<CcpAuthConfig['type'], string[]> = {
      Basic: ['userName', 'password'],
      APIKey: ['apiKey', 'apiKeyName'],
      OAuth2: ['clientId', 'clientSecret', 'grantType', 'tokenEndpoint'],
    };
    const fields = (required as Record<string, string[] | undefined>)[auth.type];
    throwIfInvalid(this, 'auth.type', fields !== undefined ? undefined
      : `"${auth.type}" is not an authentication type this construct supports; expected ${Object.keys(required).join(', ')}`);
    const values = auth as unknown as Record<string, unknown>;
    for (const name of fields ?? []) {
      throwIfInvalid(this, `auth.${name}`, values[name] === undefined || values[name] === null
        ? `is required with auth type ${auth.type} (required: ${(fields ?? []).join(', ')})` : undefined);
    }
    if (auth.type === 'Basic') {
      this.checkSecret('auth.password', auth.password, true);
    } else if (auth.type === 'APIKey') {
      this.checkSecret('auth.apiKey', auth.apiKey, true);
    } else {
      this.checkSecret('auth.clientSecret', auth.clientSecret, false);
      this.checkHttps('auth.tokenEndpoint', auth.tokenEndpoint);
      throwIfInvalid(this, 'auth.grantType', isUnresolved(auth.grantType) || GRANT_TYPES.includes(auth.grantType) ? undefined
        : `"${auth.grantType}" is not a grant type of the Codeless Connector Platform; expected ${GRANT_TYPES.join(' or ')}`);
      throwIfInvalid(this, 'auth.authorizationEndpoint', auth.grantType === 'authorization_code' && auth.authorizationEndpoint === undefined
        ? 'is required with the authorization_code grant' : undefined);
    }
  }

  /** A secret must come from a variable or another resource; a literal ends up in git and in the state. */
  private checkSecret(field: string, value: string, refuseLiteral: boolean): void {
    if (isUnresolved(value)) {
      return;
    }
    const advice = 'is a literal, so it is written into the code and the Terraform configuration; give a sensitive ' +
      'Terraform variable (TerraformVariable with sensitive: true) or a reference to a Key Vault secret';
    if (refuseLiteral) {
      throwIfInvalid(this, field, advice);
    } else {
      warn(this, field, advice);
    }
  }

  private checkHttps(field: string, url: string): void {
    if (!isUnresolved(url)) {
      throwIfInvalid(this, field, url.startsWith('https://') ? undefined : `must be an https:// URL, got "${url}"`);
    }
  }

  private checkRequest(request: RestApiPollerRequestConfig): void {
    this.checkHttps('request.apiEndpoint', request.apiEndpoint);
    const method = request.httpMethod;
    throwIfInvalid(this, 'request.httpMethod', method === undefined || isUnresolved(method) || HTTP_METHODS.includes(method.toUpperCase())
      ? undefined : `"${method}" is not an HTTP method the poller uses; expected ${HTTP_METHODS.join(', ')}`);
    this.checkInteger('request.queryWindowInMin', request.queryWindowInMin, MINIMUM_QUERY_WINDOW_IN_MIN);
    this.checkInteger('request.retryCount', request.retryCount, ...RETRY_COUNT_RANGE);
    this.checkInteger('request.timeoutInSeconds', request.timeoutInSeconds, ...TIMEOUT_IN_SECONDS_RANGE);
    this.checkInteger('request.rateLimitQPS', request.rateLimitQPS, 1);
    // Both are optional in the 2024-09-01 API, each alone too (Microsoft ships pollers with a start parameter only:
    // the API answers from the window's start up to now). An end without a start reads from the beginning each time.
    if (request.endTimeAttributeName !== undefined && request.startTimeAttributeName === undefined) {
      warn(this, 'request.startTimeAttributeName', `is not given while endTimeAttributeName "${request.endTimeAttributeName}" is: each poll `
        + 'sends only the end of its window, so the API may return every event before it again; name the start parameter too');
    }
  }

  private checkInteger(field: string, value: number | undefined, minimum: number, maximum?: number): void {
    if (value === undefined || isUnresolved(value)) {
      return;
    }
    const range = maximum === undefined ? `at least ${minimum}` : `from ${minimum} to ${maximum}`;
    throwIfInvalid(this, field, Number.isInteger(value) && value >= minimum && (maximum === undefined || value <= maximum) ? undefined
      : `must be a whole number ${range}, got ${value}`);
  }

  private checkPagingAndResponse(paging: RestApiPollerRequestPagingConfig | undefined, response: CcpResponseConfig): void {
    throwIfInvalid(this, 'paging.pagingType', paging === undefined || (PAGING_TYPES as readonly string[]).includes(paging.pagingType)
      ? undefined : `"${paging.pagingType}" is not a paging type; expected one of ${PAGING_TYPES.join(', ')}`);
    // The poller sends pageSize in the query parameter pageSizeParameterName; one without the other sends no page size
    // (every Microsoft poller that sets a page size names its parameter: Auth0, Jira Audit, Cisco Meraki).
    if (paging !== undefined && (paging.pageSize === undefined) !== (paging.pageSizeParameterName === undefined)) {
      throwIfInvalid(this, paging.pageSize === undefined ? 'paging.pageSize' : 'paging.pageSizeParameterName',
        paging.pageSize === undefined
          ? `pageSizeParameterName "${paging.pageSizeParameterName}" names a parameter but no pageSize gives its value; give both or neither`
          : `pageSize ${paging.pageSize} is sent in no query parameter: name it with pageSizeParameterName (e.g. "limit"), or leave pageSize out`);
    }
    const paths = response.eventsJsonPaths ?? [];
    throwIfInvalid(this, 'response.eventsJsonPaths', paths.length === 0
      ? 'lists no JSON path; give at least one, e.g. "$" for a response that is an array of events' : undefined);
    paths.forEach((path, index) => throwIfInvalid(this, `response.eventsJsonPaths[${index}]`, isUnresolved(path) || path.startsWith('$')
      ? undefined : `"${path}" is not a JSON path; it starts with "$", the root of the response`));
    throwIfInvalid(this, 'response.format', response.format === undefined || (RESPONSE_FORMATS as readonly string[]).includes(response.format)
      ? undefined : `"${response.format}" is not a response format; expected ${RESPONSE_FORMATS.join(', ')}`);
  }
}

/** The fields of `auth` that hold a secret, per authentication type. */
const SECRET_AUTH_FIELDS: ReadonlySet<string> = new Set(['password', 'apiKey', 'clientSecret', 'authorizationCode']);

/** `auth` without its secrets, as the Terraform state may keep it. */
function withoutSecrets(auth: CcpAuthConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(auth).filter(([key]) => !SECRET_AUTH_FIELDS.has(key)));
}

/** The secrets of `auth` alone, for azapi's sensitive_body. */
function secretsOf(auth: CcpAuthConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(auth).filter(([key, value]) => SECRET_AUTH_FIELDS.has(key) && value !== undefined));
}

/** Section keys written as the 2024-09-01 API spells them; keys the API does not know are kept as written. */
function canonicalFieldNames(section: Record<string, unknown>, names: Record<string, true>): Record<string, unknown> {
  const byLowerCase = new Map(Object.keys(names).map((name) => [name.toLowerCase(), name]));
  return Object.fromEntries(Object.entries(section).map(([key, value]) => [byLowerCase.get(key.toLowerCase()) ?? key, value]));
}

/** Reads parsed Content Hub JSON, failing with the file and the path inside it. */
class JsonReader {
  constructor(private readonly target: IConstruct) {}

  public fail(field: string, message: string): never {
    throw new ConfigurationError(this.target, field, message);
  }

  public required<T>(value: T | undefined, field: string): T {
    return value ?? this.fail(field, 'is missing');
  }

  /** The resource of a file that holds one resource, or an array whose first item is the resource. */
  public resource(document: unknown, field: string): Record<string, unknown> {
    const resource = Array.isArray(document) ? document[0] : document;
    return isObject(resource) ? resource : this.fail(field, 'is not a resource (a JSON object, or an array holding one)');
  }

  /** The poller of a polling file: its only one, or the one named `pollerName`. */
  public poller(document: unknown, pollerName: string | undefined): Record<string, unknown> {
    const pollers = (Array.isArray(document) ? document : [document]).filter(isObject);
    const names = pollers.map((poller) => `"${String(poller.name)}"`).join(', ');
    if (pollerName !== undefined) {
      const named = pollers.find((poller) => poller.name === pollerName);
      return named ?? this.fail('pollerName', `"${pollerName}" is not the name of a poller of pollingConfig (it holds ${names || 'none'})`);
    }
    if (pollers.length > 1) {
      this.fail('pollingConfig', `holds ${pollers.length} pollers (${names}); a connector declares one: give pollerName, and `
        + 'declare one connector per poller, each with its own connectorDefinitionName');
    }
    return this.resource(document, 'pollingConfig');
  }

  /** The columns of `tableName` in a table file: a `workspaces/tables` resource, or an array of them. */
  public tableColumns(document: unknown, tableName: string): CustomTableColumn[] {
    const tables = (Array.isArray(document) ? document : [document]).filter(isObject);
    const schemaOf = (table: Record<string, unknown>) => this.optionalObject(this.optionalObject(table, 'properties', 'table') ?? {},
      'schema', 'table.properties');
    const table = tables.find((candidate) => schemaOf(candidate)?.name === tableName);
    if (table === undefined) {
      const names = tables.map((candidate) => `"${String(schemaOf(candidate)?.name)}"`).join(', ');
      this.fail('table', `holds no table "${tableName}", which the data collection rule writes (it holds ${names || 'none'})`);
    }
    const columns = (schemaOf(table) as Record<string, unknown>).columns;
    if (!Array.isArray(columns)) {
      this.fail('table.properties.schema.columns', 'is not an array');
    }
    return columns.map((column, index) => {
      const field = `table.properties.schema.columns[${index}]`;
      if (!isObject(column) || typeof column.name !== 'string' || typeof column.type !== 'string') {
        this.fail(field, 'is not a column with a name and a type');
      }
      return {
        name: column.name, type: column.type.toLowerCase() as CustomTableColumn['type'],
        ...(typeof column.description === 'string' && column.description !== '' ? { description: column.description } : {}),
      };
    });
  }

  /** A property whose name matches in any case, as Azure reads them. */
  public optionalObject(parent: Record<string, unknown>, key: string, field: string): Record<string, unknown> | undefined {
    const found = Object.keys(parent).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    const value = found === undefined ? undefined : parent[found];
    return value === undefined || value === null ? undefined : isObject(value) ? value : this.fail(`${field}.${key}`, 'is not an object');
  }

  public object(parent: Record<string, unknown>, key: string, field: string): Record<string, unknown> {
    return this.required(this.optionalObject(parent, key, field), `${field}.${key}`);
  }

  public string(parent: Record<string, unknown>, key: string, field: string): string {
    const value = parent[key];
    return typeof value === 'string' ? value : this.fail(`${field}.${key}`, 'is missing or not a string');
  }

  /** The stream declaration and the one data flow of `streamName` in a data collection rule. */
  public stream(rule: Record<string, unknown>, streamName: string): Pick<PolledStreamProps, 'streamColumns' | 'tableName' | 'transformKql'> {
    const properties = this.object(rule, 'properties', 'dataCollectionRule');
    const declaration = this.object(this.object(properties, 'streamDeclarations', 'dataCollectionRule.properties'), streamName,
      'dataCollectionRule.properties.streamDeclarations');
    const columns = declaration.columns;
    const flows = (Array.isArray(properties.dataFlows) ? properties.dataFlows : [])
      .filter((flow): flow is Record<string, unknown> => isObject(flow) && Array.isArray(flow.streams) && flow.streams.includes(streamName));
    const field = 'dataCollectionRule.properties.dataFlows';
    if (flows.length !== 1) {
      this.fail(field, `has ${flows.length} data flows from "${streamName}"; a codeless connector sends one stream to one table`);
    }
    const tableName = tableNameOfOutputStream(this.string(flows[0], 'outputStream', `${field}[0]`));
    return {
      streamColumns: Array.isArray(columns) ? columns.map(typeInLowerCase) as StreamColumn[]
        : this.fail(`dataCollectionRule.properties.streamDeclarations.${streamName}.columns`, 'is not an array'),
      tableName: this.required(tableName, `${field}[0].outputStream`),
      transformKql: typeof flows[0].transformKql === 'string' ? flows[0].transformKql : undefined,
    };
  }
}

/**
 * A column of a Content Hub file with its type in lower case: Azure reads type names in any case, and Microsoft's
 * files spell some with a capital (`Datetime`); the constructs check the lower-case names.
 */
function typeInLowerCase(column: unknown): unknown {
  return isObject(column) && typeof column.type === 'string' ? { ...column, type: column.type.toLowerCase() } : column;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
