import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { JSONPath } from 'jsonpath-plus';
import { formatQueryTime } from './query-time-format';
import { PollerSettings, withOrigin } from './poller-settings';

/**
 * One Codeless Connector poller, polling as the platform does (RestApiPoller reference, 2024-09-01): each poll reads
 * the query window that follows the last one (no gap, no overlap), page after page, and sends the events of each page
 * to the rule's stream. Every request is real HTTP over a socket.
 */

/** What one poll did. */
export interface PollOutcome {
  readonly poller: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly requests: number;
  readonly pages: number;
  readonly events: number;
  readonly rowsWritten: number;
  /** Why the poll stopped before its last page; the window is polled again next time. */
  readonly error?: string;
}

/** Where the events of a page go: the rule's stream. Returns the rows written; throws for events it refuses. */
export type PollerSink = (events: readonly unknown[]) => number;

/** Pages one poll reads at most: an API that always answers with a next page does not hold the poller forever. */
const MAX_PAGES_PER_POLL = 10_000;
/** The largest response body read, after decompression. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Backoff between retries: this times two to the attempt, at most the cap (Retry-After is honoured up to the cap). */
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 10_000;

interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A poll that cannot go on: its message is the poller's error. */
class PollError extends Error {}

export class RestApiPoller {
  private windowStart: Date;
  private persistent?: { readonly kind: 'token' | 'url'; readonly value: string };
  private lastRequestAt = 0;
  private accessToken?: { readonly value: string; readonly expiresAt: number };
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly settings: PollerSettings, private readonly now: () => Date, private readonly sink: PollerSink,
    options: { readonly sleep?: (ms: number) => Promise<void> } = {}) {
    this.windowStart = new Date(now().getTime() - settings.request.queryWindowInMin * 60_000);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Where the next poll's window starts. */
  public get nextWindowStart(): Date {
    return this.windowStart;
  }

  /** Polls the window from the end of the last one to now. Never throws: a failure is the outcome's error. */
  public async poll(): Promise<PollOutcome> {
    const start = this.windowStart;
    const end = new Date(Math.max(this.now().getTime(), start.getTime()));
    const counts = { requests: 0, pages: 0, events: 0, rowsWritten: 0 };
    const outcome = (error?: string): PollOutcome => ({
      poller: this.settings.name, window: { start: start.toISOString(), end: end.toISOString() }, ...counts,
      ...(error === undefined ? {} : { error }),
    });
    try {
      await this.pages(start, end, counts);
    } catch (error) {
      return outcome(error instanceof PollError ? error.message : `the poller failed: ${(error as Error).message}`);
    }
    this.windowStart = end;
    return outcome();
  }

  private async pages(start: Date, end: Date, counts: { requests: number; pages: number; events: number; rowsWritten: number }): Promise<void> {
    const { request, paging } = this.settings;
    const windowParameters = this.windowParameters(start, end);
    let next: { url?: string; token?: string; offset: number; pageNumber: number } = {
      offset: 0, pageNumber: paging?.zeroBasedIndexing === true ? 0 : 1,
      ...(this.persistent?.kind === 'url' ? { url: this.persistent.value } : {}),
      ...(this.persistent?.kind === 'token' ? { token: this.persistent.value } : {}),
    };
    const seen = new Set<string>();
    let read = 0;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES_PER_POLL) {
        throw new PollError(`stopped after ${MAX_PAGES_PER_POLL} pages: the API gave a next page every time`);
      }
      const parameters: Record<string, string> = next.url === undefined ? { ...windowParameters } : {};
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (paging?.pageSize !== undefined && paging.pageSizeParameterName !== undefined && next.url === undefined) {
        parameters[paging.pageSizeParameterName] = String(paging.pageSize);
      }
      let url = next.url ?? request.apiEndpoint;
      if (next.token !== undefined && paging !== undefined) {
        if (paging.nextPageUrl !== undefined) {
          url = paging.nextPageUrl;
          Object.assign(parameters, paging.nextPageUrlQueryParameters);
        }
        if (paging.nextPageRequestHeader !== undefined) {
          headers[paging.nextPageRequestHeader] = next.token;
        } else if (paging.nextPageParaName !== undefined) {
          parameters[paging.nextPageParaName] = next.token;
        }
      }
      if (paging?.pagingType === 'Offset') {
        parameters[paging.offsetParaName as string] = String(next.offset);
      }
      if (paging?.pagingType === 'CountBasedPaging') {
        parameters[paging.pageNumberParaName as string] = String(next.pageNumber);
      }
      const answer = await this.send(url, parameters, headers, counts);
      const document = this.document(answer);
      const events = this.events(document);
      counts.pages++;
      counts.events += events.length;
      read += events.length;
      if (events.length > 0) {
        try {
          counts.rowsWritten += this.sink(events);
        } catch (error) {
          throw new PollError(`the events of page ${page + 1} do not fit the stream ${this.settings.dcr.streamName}: ${(error as Error).message}`);
        }
      }
      const following = this.nextPage(answer, document, url, events.length, read, next);
      if (following === undefined) {
        return;
      }
      const key = following.url ?? following.token;
      if (key !== undefined) {
        if (seen.has(key)) {
          throw new PollError(`the API gave the same next page twice (${key.slice(0, 200)}): paging stopped`);
        }
        seen.add(key);
        if (paging?.pagingType === 'PersistentToken' && following.token !== undefined) {
          this.persistent = { kind: 'token', value: following.token };
        }
        if (paging?.pagingType === 'PersistentLinkHeader' && following.url !== undefined) {
          this.persistent = { kind: 'url', value: following.url };
        }
      }
      next = following;
    }
  }

  /** The query window as the request carries it: the start and end attributes, and the placeholders of the parameters. */
  private windowParameters(start: Date, end: Date): Record<string, string> {
    const { request } = this.settings;
    const startText = formatQueryTime(start, request.queryTimeFormat);
    const endText = formatQueryTime(end, request.queryTimeFormat);
    const parameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.queryParameters)) {
      parameters[name] = value.replaceAll('{_QueryWindowStartTime}', startText).replaceAll('{_QueryWindowEndTime}', endText);
    }
    if (request.startTimeAttributeName !== undefined) {
      parameters[request.startTimeAttributeName] = startText;
    }
    if (request.endTimeAttributeName !== undefined) {
      parameters[request.endTimeAttributeName] = endText;
    }
    return parameters;
  }

  /** The page after this one, or undefined when this was the last. */
  private nextPage(answer: HttpAnswer, document: unknown, url: string, eventCount: number, readSoFar: number,
    current: { offset: number; pageNumber: number }): { url?: string; token?: string; offset: number; pageNumber: number } | undefined {
    const paging = this.settings.paging;
    if (paging === undefined || eventCount === 0 && paging.pagingType !== 'NextPageToken' && paging.pagingType !== 'PersistentToken') {
      return undefined;
    }
    const base = { offset: current.offset + eventCount, pageNumber: current.pageNumber + 1 };
    if (paging.hasNextFlagJsonPath !== undefined) {
      const flag = first(document, paging.hasNextFlagJsonPath);
      if (flag === false || flag === 'false' || flag === undefined || flag === null) {
        return undefined;
      }
    }
    switch (paging.pagingType) {
      case 'NextPageToken':
      case 'PersistentToken': {
        const token = paging.nextPageTokenResponseHeader !== undefined
          ? headerValue(answer.headers, paging.nextPageTokenResponseHeader) : scalar(first(document, paging.nextPageTokenJsonPath as string));
        return token === undefined || token === '' ? undefined : { ...base, token };
      }
      case 'NextPageUrl': {
        const link = paging.nextPageTokenResponseHeader !== undefined
          ? headerValue(answer.headers, paging.nextPageTokenResponseHeader)
          : scalar(first(document, paging.nextPageTokenJsonPath ?? '$.nextLink'));
        if (link === undefined || link === '') {
          return undefined;
        }
        return paging.nextPageUrl !== undefined ? { ...base, token: link } : { ...base, url: this.sameOrigin(new URL(link, url).href) };
      }
      case 'LinkHeader':
      case 'PersistentLinkHeader': {
        const link = relLink(headerValue(answer.headers, 'link'), paging.linkHeaderRelLinkName)
          ?? (paging.linkHeaderTokenJsonPath === undefined ? undefined : scalar(first(document, paging.linkHeaderTokenJsonPath)));
        return link === undefined || link === '' ? undefined : { ...base, url: this.sameOrigin(new URL(link, url).href) };
      }
      case 'Offset':
        return paging.pageSize !== undefined && eventCount < paging.pageSize ? undefined : base;
      case 'CountBasedPaging': {
        const pageCount = paging.pageCountJsonPath === undefined ? undefined : Number(first(document, paging.pageCountJsonPath));
        const lastPage = paging.zeroBasedIndexing ? current.pageNumber + 1 : current.pageNumber;
        if (pageCount !== undefined && Number.isFinite(pageCount) && lastPage >= pageCount) {
          return undefined;
        }
        const total = paging.totalResultsJsonPath === undefined ? undefined : Number(first(document, paging.totalResultsJsonPath));
        if (total !== undefined && Number.isFinite(total) && readSoFar >= total) {
          return undefined;
        }
        return paging.pageSize !== undefined && eventCount < paging.pageSize && pageCount === undefined && total === undefined ? undefined : base;
      }
      default:
        return undefined;
    }
  }

  /**
   * A next-page link the API gave, moved to the poll origin: a link to the API's real host would leave the machine
   * (the API builds its links from the host it believes it is).
   */
  private sameOrigin(link: string): string {
    return withOrigin(link, new URL(this.settings.request.apiEndpoint).origin, 'the next page link', (_field, problem) => {
      throw new PollError(`the API gave a next page link that ${problem}`);
    });
  }

  /** The parsed body of a page, checked against `successStatusJsonPath`. */
  private document(answer: HttpAnswer): unknown {
    const { response } = this.settings;
    let body = answer.body;
    const encoding = headerValue(answer.headers, 'content-encoding')?.toLowerCase();
    if (response.isGzipCompressed || encoding === 'gzip') {
      try {
        body = gunzipSync(body, { maxOutputLength: MAX_RESPONSE_BYTES });
      } catch (error) {
        throw new PollError(`the response is not gzip (${(error as Error).message})`);
      }
    }
    let document: unknown;
    const text = body.toString('utf8').replace(/^\uFEFF/, '');
    if (response.format === 'csv') {
      // The rows are the document, an array of objects keyed by the header's names (or Column1, Column2, ...).
      try {
        const rows = parseCsv(text, { delimiter: response.csvDelimiter, quote: response.csvEscape, skip_empty_lines: true, relax_column_count: true,
          columns: response.hasCsvHeader ? true : false }) as unknown[];
        document = response.hasCsvHeader ? rows
          : (rows as string[][]).map((row) => Object.fromEntries(row.map((value, index) => [`Column${index + 1}`, value])));
      } catch (error) {
        throw new PollError(`the response is not CSV (${(error as Error).message}): ${preview(body)}`);
      }
      return document;
    }
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new PollError(`the response is not JSON (${(error as Error).message}): ${preview(body)}`);
    }
    if (response.successStatusJsonPath !== undefined) {
      const status = scalar(first(document, response.successStatusJsonPath));
      if (response.successStatusValue !== undefined && status !== response.successStatusValue) {
        throw new PollError(`${response.successStatusJsonPath} is ${JSON.stringify(status)}, not the success value "${response.successStatusValue}"`);
      }
    }
    return document;
  }

  /** The events at each of `eventsJsonPaths`: an array's items, or an object. */
  private events(document: unknown): unknown[] {
    const events: unknown[] = [];
    for (const path of this.settings.response.eventsJsonPaths) {
      for (const match of select(document, path)) {
        if (Array.isArray(match)) {
          events.push(...match);
        } else if (match !== null && match !== undefined) {
          events.push(match);
        }
      }
    }
    return events;
  }

  /** Sends one request with the poller's authentication, rate limit, timeout and retries. */
  private async send(url: string, parameters: Record<string, string>, headers: Record<string, string>,
    counts: { requests: number }): Promise<HttpAnswer> {
    const { request, auth } = this.settings;
    const target = new URL(url);
    const inBody = request.httpMethod !== 'GET' && request.isPostPayloadJson;
    const payload: Record<string, string> = inBody ? { ...parameters } : {};
    if (!inBody) {
      for (const [name, value] of Object.entries(parameters)) {
        target.searchParams.set(name, value);
      }
    }
    const { retryCount } = request;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const authorized = { ...headers };
      if (auth.type === 'Basic') {
        authorized.authorization = `Basic ${Buffer.from(`${auth.userName}:${auth.password}`).toString('base64')}`;
      } else if (auth.type === 'APIKey') {
        if (auth.inPostPayload) {
          payload[auth.apiKeyName] = auth.apiKey;
        } else {
          authorized[auth.apiKeyName] = auth.apiKeyIdentifier === '' ? auth.apiKey : `${auth.apiKeyIdentifier} ${auth.apiKey}`;
        }
      } else if (auth.type === 'OAuth2') {
        authorized.authorization = `${auth.accessTokenPrepend} ${await this.oauthToken(counts)}`;
      }
      const body = Object.keys(payload).length > 0 || request.httpMethod !== 'GET' ? Buffer.from(JSON.stringify(payload)) : undefined;
      if (body !== undefined) {
        authorized['content-type'] = 'application/json';
      }
      await this.rateLimit();
      counts.requests++;
      let answer: HttpAnswer | undefined;
      let failure: string;
      try {
        answer = await exchange(request.httpMethod, target, authorized, body, request.timeoutInSeconds * 1000);
        if (answer.status >= 200 && answer.status < 300) {
          return answer;
        }
        failure = `${request.httpMethod} ${redact(target)} answered ${answer.status}: ${preview(answer.body)}`;
      } catch (error) {
        failure = `${request.httpMethod} ${redact(target)} failed: ${(error as Error).message}`;
      }
      if (answer?.status === 401 && auth.type === 'OAuth2' && !refreshed) {
        // An access token the API no longer takes: one new token, then the answer stands.
        refreshed = true;
        this.accessToken = undefined;
        attempt--;
        continue;
      }
      const retryable = answer === undefined || answer.status === 429 || answer.status >= 500;
      if (!retryable || attempt >= retryCount) {
        throw new PollError(retryable && retryCount > 0 ? `${failure} (after ${retryCount} retries)` : failure);
      }
      await this.sleep(backoff(attempt, answer === undefined ? undefined : headerValue(answer.headers, 'retry-after')));
    }
  }

  /** The OAuth2 access token, from the token endpoint with the client credentials; kept until a minute before it expires. */
  private async oauthToken(counts: { requests: number }): Promise<string> {
    const auth = this.settings.auth;
    if (auth.type !== 'OAuth2') {
      throw new Error('not an OAuth2 poller');
    }
    if (this.accessToken !== undefined && this.accessToken.expiresAt > Date.now()) {
      return this.accessToken.value;
    }
    const target = new URL(auth.tokenEndpoint);
    for (const [name, value] of Object.entries(auth.tokenEndpointQueryParameters)) {
      target.searchParams.set(name, value);
    }
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = { accept: 'application/json', ...auth.tokenEndpointHeaders, 'content-type': 'application/x-www-form-urlencoded' };
    if (auth.credentialsInHeaders) {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64')}`;
    } else {
      form.set('client_id', auth.clientId);
      form.set('client_secret', auth.clientSecret);
    }
    if (auth.scope !== undefined) {
      form.set('scope', auth.scope);
    }
    await this.rateLimit();
    counts.requests++;
    let answer: HttpAnswer;
    try {
      answer = await exchange('POST', target, headers, Buffer.from(form.toString()), this.settings.request.timeoutInSeconds * 1000);
    } catch (error) {
      throw new PollError(`the token endpoint ${redact(target)} failed: ${(error as Error).message}`);
    }
    let token: unknown;
    let expiresIn: unknown;
    try {
      ({ access_token: token, expires_in: expiresIn } = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>);
    } catch {
      token = undefined;
    }
    if (answer.status !== 200 || typeof token !== 'string' || token === '') {
      throw new PollError(`the token endpoint ${redact(target)} answered ${answer.status} without an access_token: ${preview(answer.body)}`);
    }
    const seconds = Number(expiresIn);
    this.accessToken = { value: token, expiresAt: Date.now() + (Number.isFinite(seconds) && seconds > 120 ? seconds - 60 : 60) * 1000 };
    return token;
  }

  /** Waits until the request may go out under `rateLimitQPS`. */
  private async rateLimit(): Promise<void> {
    const qps = this.settings.request.rateLimitQPS;
    if (qps !== undefined && qps > 0) {
      const wait = this.lastRequestAt + 1000 / qps - Date.now();
      if (wait > 0) {
        await this.sleep(wait);
      }
    }
    this.lastRequestAt = Date.now();
  }
}

/** One HTTP exchange over a real socket, with a timeout on the whole of it and a bound on the body. */
function exchange(method: string, target: URL, headers: Record<string, string>, body: Buffer | undefined, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const send = target.protocol === 'http:' ? httpRequest : httpsRequest;
    const outgoing = send(target, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) } },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            outgoing.destroy(new Error(`the response is larger than ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('end', () => {
          clearTimeout(timer);
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) });
        });
        incoming.on('error', (error) => { clearTimeout(timer); reject(error); });
      });
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s (timeoutInSeconds)`)), timeoutMs);
    outgoing.on('error', (error) => { clearTimeout(timer); reject(error); });
    outgoing.end(body);
  });
}

function backoff(attempt: number, retryAfter: string | undefined): number {
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.min(seconds * 1000, BACKOFF_CAP_MS);
  }
  return Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_CAP_MS);
}

/** The values at a JSON path; a path jsonpath-plus refuses (scripts are off) is the poller's error. */
function select(document: unknown, path: string): unknown[] {
  try {
    return JSONPath({ path, json: document as object, wrap: true, eval: false }) as unknown[];
  } catch (error) {
    throw new PollError(`the JSON path "${path}" cannot be read: ${(error as Error).message}`);
  }
}

function first(document: unknown, path: string): unknown {
  return select(document, path)[0];
}

function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The URL of the `rel` link in an RFC 8288 `Link` header. */
function relLink(header: string | undefined, rel: string): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match !== null && /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2])?.[1].split(/\s+/).includes(rel)) {
      return match[1];
    }
  }
  return undefined;
}

/** A URL without its query: the query may carry tokens and keys. */
function redact(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function preview(body: Buffer): string {
  const text = body.toString('utf8');
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}
