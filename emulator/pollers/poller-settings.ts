import { PAGING_TYPES } from '../../model/connectors/codeless-poller';
import { DEFAULT_QUERY_TIME_FORMAT, formatQueryTime } from './query-time-format';

/**
 * What a `RestApiPoller` data connector of the synthesized stack says, read as the Codeless Connector Platform reads
 * it (2024-09-01 API, "RestApiPoller data connector reference"): property names in any case, the defaults of the
 * reference, `${var.NAME}` replaced with the values the user gives (`--var`, `TF_VAR_NAME`), and the scheme, host and
 * port of every URL replaced with the poll origin (`--poll-origin NAME=URL`), keeping the path and query.
 */

/** Authentication, resolved. */
export type PollerAuth =
  | { readonly type: 'None' }
  | { readonly type: 'Basic'; readonly userName: string; readonly password: string }
  | { readonly type: 'APIKey'; readonly apiKey: string; readonly apiKeyName: string; readonly apiKeyIdentifier: string; readonly inPostPayload: boolean }
  | {
    readonly type: 'OAuth2'; readonly clientId: string; readonly clientSecret: string; readonly tokenEndpoint: string; readonly scope?: string;
    readonly tokenEndpointHeaders: Readonly<Record<string, string>>; readonly tokenEndpointQueryParameters: Readonly<Record<string, string>>;
    readonly credentialsInHeaders: boolean; readonly accessTokenPrepend: string;
  };

export type PagingType = (typeof PAGING_TYPES)[number];

/** Paging, resolved. */
export interface PollerPaging {
  readonly pagingType: PagingType;
  readonly pageSize?: number;
  readonly pageSizeParameterName?: string;
  readonly nextPageTokenJsonPath?: string;
  readonly nextPageTokenResponseHeader?: string;
  readonly nextPageParaName?: string;
  readonly nextPageRequestHeader?: string;
  readonly hasNextFlagJsonPath?: string;
  readonly nextPageUrl?: string;
  readonly nextPageUrlQueryParameters: Readonly<Record<string, string>>;
  readonly linkHeaderRelLinkName: string;
  readonly linkHeaderTokenJsonPath?: string;
  readonly offsetParaName?: string;
  readonly zeroBasedIndexing: boolean;
  readonly pageNumberParaName?: string;
  readonly pageCountJsonPath?: string;
  readonly totalResultsJsonPath?: string;
}

/** A poller's settings, ready to poll. */
export interface PollerSettings {
  readonly name: string;
  readonly auth: PollerAuth;
  readonly request: {
    readonly apiEndpoint: string;
    readonly httpMethod: string;
    readonly queryWindowInMin: number;
    readonly queryTimeFormat: string;
    readonly startTimeAttributeName?: string;
    readonly endTimeAttributeName?: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly queryParameters: Readonly<Record<string, string>>;
    readonly isPostPayloadJson: boolean;
    readonly rateLimitQPS?: number;
    readonly retryCount: number;
    readonly timeoutInSeconds: number;
  };
  readonly paging?: PollerPaging;
  readonly response: {
    readonly eventsJsonPaths: readonly string[];
    readonly format: 'json' | 'csv';
    readonly isGzipCompressed: boolean;
    readonly successStatusJsonPath?: string;
    readonly successStatusValue?: string;
    /** CSV: the field delimiter. @default "," */
    readonly csvDelimiter: string;
    /** CSV: whether the first line names the columns (else they are `Column1`, `Column2`, ...). @default true */
    readonly hasCsvHeader: boolean;
    /** CSV: the quote character. @default '"' */
    readonly csvEscape: string;
  };
  readonly dcr: { readonly immutableId: string; readonly streamName: string };
}

/** Why a poller cannot poll: the emulator shows it on the page and leaves the poller idle. */
export class PollerSettingsError extends Error {}

/** Where the user's values come from. */
export interface PollerInputs {
  /** `--var NAME=VALUE`, then `TF_VAR_NAME`. */
  readonly variables: Readonly<Record<string, string>>;
  /** `--poll-origin NAME=URL`: the origin (scheme, host, port) that replaces the API's, by poller name. */
  readonly origin?: string;
}

type Json = Record<string, unknown>;

/** A property in any case, as the service reads them. */
function property(object: Json | undefined, key: string): unknown {
  if (object === undefined) {
    return undefined;
  }
  const found = Object.keys(object).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : object[found];
}

const VARIABLE = /\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** The names of the `${var.NAME}` a poller's properties use. */
export function variablesUsed(properties: Record<string, unknown>): string[] {
  return [...new Set([...JSON.stringify(properties).matchAll(VARIABLE)].map((match) => match[1]))];
}

/** Reads the `properties` of a RestApiPoller into settings; throws PollerSettingsError naming the field. */
export function readPollerSettings(name: string, properties: Json, inputs: PollerInputs): PollerSettings {
  const fail = (field: string, problem: string): never => {
    throw new PollerSettingsError(`${field}: ${problem}`);
  };
  const text = (value: unknown, field: string): string | undefined => {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return fail(field, `is ${JSON.stringify(value)}, not a text`);
    }
    return String(value).replace(VARIABLE, (_whole, variable: string) => {
      const given = inputs.variables[variable];
      return given ?? fail(field, `uses \${var.${variable}}: give its value with --var ${variable}=VALUE or TF_VAR_${variable}`);
    });
  };
  const required = (object: Json | undefined, key: string, section: string): string =>
    text(property(object, key), `${section}.${key}`) ?? fail(`${section}.${key}`, 'is missing');
  const section = (key: string): Json | undefined => {
    const value = property(properties, key);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : undefined;
  };
  const flag = (object: Json | undefined, key: string) => {
    const value = property(object, key);
    return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
  };
  const number = (object: Json | undefined, key: string, field: string, fallback?: number): number | undefined => {
    const value = property(object, key);
    if (value === undefined || value === null) {
      return fallback;
    }
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : fail(field, `is ${JSON.stringify(value)}, not a number`);
  };
  const record = (object: Json | undefined, key: string, field: string): Record<string, string> => {
    const value = property(object, key);
    if (value === undefined || value === null) {
      return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      return fail(field, 'is not an object');
    }
    return Object.fromEntries(Object.entries(value as Json).map(([entry, inner]) => [entry, text(inner, `${field}.${entry}`) ?? '']));
  };
  const url = (value: string, field: string): string => withOrigin(value, inputs.origin, field, fail);

  const auth = readAuth(section('auth'), { required, text, flag, record, url, fail });
  const request = section('request') ?? fail('request', 'is missing');
  const method = (text(property(request, 'httpMethod'), 'request.httpMethod') ?? 'GET').toUpperCase();
  if (!['GET', 'POST', 'PUT', 'DELETE'].includes(method)) {
    fail('request.httpMethod', `is "${method}", not GET, POST, PUT or DELETE`);
  }
  const queryTimeFormat = text(property(request, 'queryTimeFormat'), 'request.queryTimeFormat') ?? DEFAULT_QUERY_TIME_FORMAT;
  try {
    formatQueryTime(new Date(0), queryTimeFormat);
  } catch (error) {
    fail('request.queryTimeFormat', (error as Error).message);
  }
  const queryParameters = record(request, 'queryParameters', 'request.queryParameters');
  const response = section('response') ?? fail('response', 'is missing');
  const format = (text(property(response, 'format'), 'response.format') ?? 'json').toLowerCase();
  // A CSV response's rows are the events: its paths default to the root.
  const paths = property(response, 'eventsJsonPaths') ?? (format === 'csv' ? ['$'] : undefined);
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((entry) => typeof entry === 'string')) {
    fail('response.eventsJsonPaths', 'is not a list of JSON paths');
  }
  if (format !== 'json' && format !== 'csv') {
    fail('response.format', `"${format}" is not emulated yet (json and csv are)`);
  }
  const dcrConfig = section('dcrConfig') ?? fail('dcrConfig', 'is missing');
  const pagingSection = section('paging');
  return {
    name,
    auth,
    request: {
      apiEndpoint: url(required(request, 'apiEndpoint', 'request'), 'request.apiEndpoint'),
      httpMethod: method,
      queryWindowInMin: positive(number(request, 'queryWindowInMin', 'request.queryWindowInMin', 5), 'request.queryWindowInMin', fail),
      queryTimeFormat,
      ...optional('startTimeAttributeName', text(property(request, 'startTimeAttributeName'), 'request.startTimeAttributeName')),
      ...optional('endTimeAttributeName', text(property(request, 'endTimeAttributeName'), 'request.endTimeAttributeName')),
      headers: record(request, 'headers', 'request.headers'),
      queryParameters,
      isPostPayloadJson: flag(request, 'isPostPayloadJson'),
      ...optional('rateLimitQPS', number(request, 'rateLimitQPS', 'request.rateLimitQPS')),
      retryCount: number(request, 'retryCount', 'request.retryCount', 3) as number,
      timeoutInSeconds: number(request, 'timeoutInSeconds', 'request.timeoutInSeconds', 20) as number,
    },
    ...(pagingSection === undefined ? {} : { paging: readPaging(pagingSection, { text, flag, number, record, url, fail }) }),
    response: {
      eventsJsonPaths: paths as string[],
      format: format as 'json' | 'csv',
      isGzipCompressed: flag(response, 'isGzipCompressed'),
      ...optional('successStatusJsonPath', text(property(response, 'successStatusJsonPath'), 'response.successStatusJsonPath')),
      ...optional('successStatusValue', text(property(response, 'successStatusValue'), 'response.successStatusValue')),
      csvDelimiter: text(property(response, 'csvDelimiter'), 'response.csvDelimiter') ?? ',',
      hasCsvHeader: property(response, 'hasCsvHeader') === undefined || flag(response, 'hasCsvHeader'),
      csvEscape: text(property(response, 'csvEscape'), 'response.csvEscape') ?? '"',
    },
    dcr: {
      immutableId: required(dcrConfig, 'dataCollectionRuleImmutableId', 'dcrConfig'),
      streamName: required(dcrConfig, 'streamName', 'dcrConfig'),
    },
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function positive(value: number | undefined, field: string, fail: (field: string, problem: string) => never): number {
  return value !== undefined && value > 0 ? value : fail(field, `is ${value}, not above 0`);
}

interface Readers {
  readonly required: (object: Json | undefined, key: string, section: string) => string;
  readonly text: (value: unknown, field: string) => string | undefined;
  readonly flag: (object: Json | undefined, key: string) => boolean;
  readonly number: (object: Json | undefined, key: string, field: string, fallback?: number) => number | undefined;
  readonly record: (object: Json | undefined, key: string, field: string) => Record<string, string>;
  readonly url: (value: string, field: string) => string;
  readonly fail: (field: string, problem: string) => never;
}

function readAuth(auth: Json | undefined, read: Omit<Readers, 'number'>): PollerAuth {
  const type = read.text(property(auth, 'type'), 'auth.type') ?? 'None';
  switch (type.toLowerCase()) {
    case 'none':
      return { type: 'None' };
    case 'basic':
      return { type: 'Basic', userName: read.required(auth, 'userName', 'auth'), password: read.required(auth, 'password', 'auth') };
    case 'apikey':
      return {
        type: 'APIKey', apiKey: read.required(auth, 'apiKey', 'auth'), apiKeyName: read.required(auth, 'apiKeyName', 'auth'),
        apiKeyIdentifier: read.text(property(auth, 'apiKeyIdentifier'), 'auth.apiKeyIdentifier') ?? 'token',
        inPostPayload: read.flag(auth, 'isApiKeyInPostPayload'),
      };
    case 'oauth2': {
      const grantType = read.text(property(auth, 'grantType'), 'auth.grantType') ?? 'client_credentials';
      if (grantType !== 'client_credentials') {
        read.fail('auth.grantType', `"${grantType}" needs a user's consent in a browser; the emulator polls with client_credentials only`);
      }
      const scope = read.text(property(auth, 'scope'), 'auth.scope');
      return {
        type: 'OAuth2', clientId: read.required(auth, 'clientId', 'auth'), clientSecret: read.required(auth, 'clientSecret', 'auth'),
        tokenEndpoint: read.url(read.required(auth, 'tokenEndpoint', 'auth'), 'auth.tokenEndpoint'),
        ...(scope === undefined ? {} : { scope }),
        tokenEndpointHeaders: read.record(auth, 'tokenEndpointHeaders', 'auth.tokenEndpointHeaders'),
        tokenEndpointQueryParameters: read.record(auth, 'tokenEndpointQueryParameters', 'auth.tokenEndpointQueryParameters'),
        credentialsInHeaders: read.flag(auth, 'isCredentialsInHeaders'),
        accessTokenPrepend: read.text(property(auth, 'accessTokenPrepend'), 'auth.accessTokenPrepend') ?? 'Bearer',
      };
    }
    default:
      return read.fail('auth.type', `"${type}" is not emulated (None, Basic, APIKey and OAuth2 client credentials are)`);
  }
}

function readPaging(paging: Json, read: Omit<Readers, 'required'>): PollerPaging {
  const given = read.text(property(paging, 'pagingType'), 'paging.pagingType') ?? read.fail('paging.pagingType', 'is missing');
  const pagingType = PAGING_TYPES.find((candidate) => candidate.toLowerCase() === given.toLowerCase())
    ?? read.fail('paging.pagingType', `"${given}" is not one of ${PAGING_TYPES.join(', ')}`);
  const text = (key: string) => read.text(property(paging, key), `paging.${key}`);
  const nextPageUrl = text('nextPageUrl');
  const needs = (key: string) => text(key) ?? read.fail(`paging.${key}`, `is needed by pagingType ${pagingType}`);
  if ((pagingType === 'NextPageToken' || pagingType === 'PersistentToken') && text('nextPageTokenJsonPath') === undefined
    && text('nextPageTokenResponseHeader') === undefined) {
    read.fail('paging.nextPageTokenJsonPath', `is needed by pagingType ${pagingType} (or nextPageTokenResponseHeader)`);
  }
  if ((pagingType === 'NextPageToken' || pagingType === 'PersistentToken') && text('nextPageParaName') === undefined
    && text('nextPageRequestHeader') === undefined && nextPageUrl === undefined) {
    read.fail('paging.nextPageParaName', `is needed by pagingType ${pagingType} (or nextPageRequestHeader): it says how the token is sent`);
  }
  if (pagingType === 'Offset') {
    needs('offsetParaName');
  }
  if (pagingType === 'CountBasedPaging') {
    needs('pageNumberParaName');
  }
  return {
    pagingType,
    ...optional('pageSize', read.number(paging, 'pageSize', 'paging.pageSize')),
    ...optional('pageSizeParameterName', text('pageSizeParameterName')),
    ...optional('nextPageTokenJsonPath', text('nextPageTokenJsonPath')),
    ...optional('nextPageTokenResponseHeader', text('nextPageTokenResponseHeader')),
    ...optional('nextPageParaName', text('nextPageParaName')),
    ...optional('nextPageRequestHeader', text('nextPageRequestHeader')),
    ...optional('hasNextFlagJsonPath', text('hasNextFlagJsonPath')),
    ...(nextPageUrl === undefined ? {} : { nextPageUrl: read.url(nextPageUrl, 'paging.nextPageUrl') }),
    nextPageUrlQueryParameters: read.record(paging, 'nextPageUrlQueryParameters', 'paging.nextPageUrlQueryParameters'),
    linkHeaderRelLinkName: text('linkHeaderRelLinkName') ?? 'next',
    ...optional('linkHeaderTokenJsonPath', text('linkHeaderTokenJsonPath')),
    ...optional('offsetParaName', text('offsetParaName')),
    zeroBasedIndexing: read.flag(paging, 'zeroBasedIndexing'),
    ...optional('pageNumberParaName', text('pageNumberParaName')),
    ...optional('pageCountJsonPath', text('pageCountJsonPath')),
    ...optional('totalResultsJsonPath', text('totalResultsJsonPath')),
  };
}

/** `url` with the scheme, host and port of `origin` (when given), keeping its path and query. */
export function withOrigin(url: string, origin: string | undefined, field: string, fail: (field: string, problem: string) => never): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(field, `"${url}" is not a URL`);
  }
  if (origin === undefined) {
    return parsed.href;
  }
  const replacement = new URL(origin);
  parsed.protocol = replacement.protocol;
  parsed.host = replacement.host;
  return parsed.href;
}

/** Checks a `--poll-origin` value: an http or https URL with nothing after its host and port. */
export function checkPollOrigin(value: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `"${value}" is not an http or https URL`;
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search !== '' || parsed.hash !== '' || parsed.username !== '') {
    return `"${value}" has more than a scheme, a host and a port (the poller's path is kept)`;
  }
  return undefined;
}
