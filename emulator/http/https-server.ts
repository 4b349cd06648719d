import { createServer, Server } from 'node:https';
import { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { LogsIngestionErrorFactory } from '../errors/logs-ingestion-error-factory';
import { EmulatorHttpError, QueryErrorFactory } from '../errors/query-error-factory';
import { QueryWorkers } from '../query/query-workers';
import { errorAnswer, QueryAnswer } from '../query/query-response';
import { checkBearerToken, TokenRequirements } from './authentication';
import { JsonTooDeepError, parseBoundedJson } from './bounded-json';
import { DataConnectorsPage } from './data-connectors-page';
import {
  batchEntriesOf, findWorkspace, queryBodyOf, QueryableWorkspace, QueryRequestBody, queryRequestOf,
} from './handlers/query-handler';
import { DataCollectorApi, DataCollectorResponse } from './handlers/data-collector-handler';
import { LogsIngestionApi, MAX_INGESTION_BODY_BYTES } from './handlers/logs-ingestion-handler';
import { readBody, RequestBodyAbortedError, RequestBodyEncodingError, RequestBodyTooLargeError } from './read-body';
import { decodePathSegment, hostAllowed, hostNotAllowed } from './request-target';

/** The largest query request body the server reads (a query and its options; the batch of several). */
const MAX_QUERY_BODY_BYTES = 1024 * 1024;
/** The headers of a request must arrive within this time (slowloris), the whole request within the next. */
const HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 60_000;
/** How often Node looks for requests past their timeouts (its default, 30 s, would let a 60 s timeout run to 90 s). */
const MAX_TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** Node's default: a request's headers take at most 16 KiB; past it, 431. */
const MAX_HEADER_BYTES = 16 * 1024;

/** What the HTTPS server serves. */
export interface HttpsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly certificate: { readonly cert: string; readonly key: string };
  readonly workspaces: () => readonly QueryableWorkspace[];
  readonly topology: () => unknown;
  /**
   * What `GET /emulator/statistics` answers: counters of the forwarders, rules and tables (rows written, kept, evicted).
   *
   * @default - not served (404)
   */
  readonly statistics?: () => unknown;
  readonly tokenRequirements: TokenRequirements;
  readonly now: () => Date;
  /**
   * The worker threads that run queries.
   *
   * @default - workers with the default limits, stopped with the server
   */
  readonly queries?: QueryWorkers;
  /**
   * Host names the server answers besides IP addresses and localhost (`--allowed-host`): a proxy's or a container's.
   *
   * @default - none
   */
  readonly allowedHosts?: readonly string[];
  /**
   * The legacy HTTP Data Collector API (`POST /api/logs`).
   *
   * @default - not served (404)
   */
  readonly dataCollector?: DataCollectorApi;
  /**
   * The Logs Ingestion API of the data collection endpoints (`POST /dataCollectionRules/{id}/streams/{stream}`).
   *
   * @default - not served (404)
   */
  readonly logsIngestion?: LogsIngestionApi;
  /**
   * The Data connectors page (`GET /`), its files, and the JSON it polls (`GET /emulator/connectors`).
   *
   * @default - not served (404)
   */
  readonly dataConnectorsPage?: DataConnectorsPage;
  /**
   * The codeless pollers: `GET /emulator/pollers` lists their states, `POST /emulator/pollers/{name}/poll` runs one
   * poll now.
   *
   * @default - not served (404)
   */
  readonly pollers?: () => PollerControl | undefined;
  /**
   * How long a request's headers may take to arrive (slowloris), and the whole request: past either, a 408 and the
   * connection is closed.
   *
   * @default - 20 s for the headers, 60 s for the request
   */
  readonly timeouts?: HttpTimeouts;
}

/** What the server asks of the pollers. */
export interface PollerControl {
  status(): unknown;
  /** The outcome of one poll; a text when the poller cannot poll; undefined when the stack has no such poller. */
  pollNow(name: string): Promise<unknown | string | undefined>;
}

/** `POST /emulator/pollers/{name}/poll`. */
const POLL_PATH = /^\/emulator\/pollers\/([^/]+)\/poll$/;

/** The time limits of a request's arrival, in milliseconds. */
export interface HttpTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
}

/** A running HTTPS server and its address. */
export interface RunningHttpsServer {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
}

function send(response: ServerResponse, status: number, body: unknown, errorCode?: string, headers: Readonly<Record<string, string>> = {}): void {
  sendText(response, status, JSON.stringify(body), errorCode, headers);
}

/**
 * Writes a JSON answer. When the request's body was not read to its end (refused before, or too large), the
 * connection closes after the answer: the rest of the body would otherwise be read as the next request.
 */
function sendText(response: ServerResponse, status: number, text: string, errorCode?: string, headers: Readonly<Record<string, string>> = {}): void {
  if (response.headersSent || response.destroyed) {
    return;
  }
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(errorCode === undefined ? {} : { 'x-ms-error-code': errorCode }),
    ...(bodyUnread(response.req) ? { connection: 'close' } : {}),
  });
  if (bodyUnread(response.req)) {
    // Node destroys the socket once this answer is written; with the body's bytes still coming that would reset
    // the connection and lose the answer. Read on for a while instead.
    const socket = response.socket as (Socket & { destroySoon(): void }) | null;
    if (socket !== null) {
      socket.destroySoon = () => closeLingering(socket);
    }
  }
  response.end(text);
}

/** Whether a request has a body that is not read to its end (a request without a body has nothing left to read). */
function bodyUnread(request: IncomingMessage): boolean {
  if (request.complete) {
    return false;
  }
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function sendAnswer(response: ServerResponse, answer: QueryAnswer): void {
  sendText(response, answer.status, answer.body, answer.errorCode, answer.headers);
}

/**
 * A Logs Ingestion API request: admitted (path, token, rule, stream) before its body is read, the body read within
 * the 1 MB limit and gunzipped, then written; 204 with no body, as the service answers.
 */
async function serveLogsIngestion(api: LogsIngestionApi, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const admitted = api.admit(request.method, url.pathname, url.searchParams, request.headers);
  let body: Buffer;
  try {
    body = await readBody(request, MAX_INGESTION_BODY_BYTES, { gzip: true, maxDecodedBytes: MAX_INGESTION_BODY_BYTES });
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) {
      throw LogsIngestionErrorFactory.contentLengthLimitExceeded(error.maxBytes, error.receivedBytes, error.decoded);
    }
    if (error instanceof RequestBodyEncodingError) {
      throw LogsIngestionErrorFactory.unsupportedContentEncoding(error.message);
    }
    if (error instanceof RequestBodyAbortedError) {
      return;
    }
    throw error;
  }
  api.upload(admitted, body, Number(request.headers['content-length'] ?? body.length) || body.length);
  response.writeHead(204).end();
}

/**
 * Reads a query API JSON body: 413 past {@link MAX_QUERY_BODY_BYTES}, 400 for what is not JSON or nests too deep;
 * a {@link RequestBodyAbortedError} when the client went away (nothing to answer). An empty body is `{}`.
 */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  let body: Buffer;
  try {
    body = await readBody(request, MAX_QUERY_BODY_BYTES);
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) {
      throw QueryErrorFactory.requestTooLarge(MAX_QUERY_BODY_BYTES, error.receivedBytes);
    }
    throw error;
  }
  const text = body.toString('utf8');
  if (text.trim() === '') {
    return {};
  }
  try {
    return parseBoundedJson(text);
  } catch (error) {
    throw QueryErrorFactory.badArgument(error instanceof JsonTooDeepError ? 'JsonTooDeep' : 'InvalidJson',
      `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Runs the queries of a batch one after the other, each through the workers, so that other requests run between. */
async function answerBatch(options: HttpsServerOptions, queries: QueryWorkers, body: unknown): Promise<string> {
  const responses: unknown[] = [];
  for (const entry of batchEntriesOf(body)) {
    let answer: QueryAnswer;
    try {
      const workspace = findWorkspace(options.workspaces(), entry.workspace);
      answer = await queries.run(queryRequestOf(workspace, entry.body, options.now()));
    } catch (error) {
      if (!(error instanceof EmulatorHttpError)) {
        throw error;
      }
      answer = errorAnswer(error);
    }
    responses.push(`{"id":${JSON.stringify(entry.id)},"status":${answer.status},"body":${answer.body}}`);
  }
  return `{"responses":[${responses.join(',')}]}`;
}

const QUERY_PATH = /^(?:\/v1)?\/workspaces\/([^/]+)\/query\/?$/;
const BATCH_PATH = /^(?:\/v1)?\/\$batch\/?$/;

/** Starts the emulator's HTTPS server: the Log Analytics query API, `/emulator/topology` and the Data connectors page. */
export function startHttpsServer(options: HttpsServerOptions): Promise<RunningHttpsServer> {
  // Checked first: a refused option leaves nothing running.
  const timeouts = timeoutsOf(options.timeouts);
  const queries = options.queries ?? new QueryWorkers();
  const allowedHosts = new Set((options.allowedHosts ?? []).map((name) => name.trim().toLowerCase()));
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      if (!hostAllowed(request.headers.host, allowedHosts)) {
        throw hostNotAllowed(request.headers.host ?? '');
      }
      const url = new URL(request.url ?? '/', 'https://emulator');
      if (request.method === 'GET' && url.pathname === '/emulator/topology') {
        send(response, 200, options.topology());
        return;
      }
      if (options.statistics !== undefined && request.method === 'GET' && url.pathname === '/emulator/statistics') {
        send(response, 200, options.statistics(), undefined, { 'cache-control': 'no-store' });
        return;
      }
      const pollers = options.pollers?.();
      if (pollers !== undefined && url.pathname === '/emulator/pollers' && request.method === 'GET') {
        send(response, 200, { pollers: pollers.status() }, undefined, { 'cache-control': 'no-store' });
        return;
      }
      const poll = POLL_PATH.exec(url.pathname);
      if (pollers !== undefined && poll !== null) {
        if (request.method !== 'POST') {
          throw new EmulatorHttpError(405, 'MethodNotAllowed', `${request.method} is not allowed here: POST runs one poll.`, undefined, { allow: 'POST' });
        }
        const name = decodePathSegment(poll[1]);
        const outcome = await pollers.pollNow(name);
        if (outcome === undefined) {
          throw new EmulatorHttpError(404, 'PollerNotFound', `The stack has no codeless poller "${name}".`);
        }
        if (typeof outcome === 'string') {
          throw new EmulatorHttpError(409, 'PollerIdle', `The poller "${name}" cannot poll: ${outcome}`);
        }
        send(response, 200, outcome, undefined, { 'cache-control': 'no-store' });
        return;
      }
      const page = options.dataConnectorsPage;
      if (page !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
        if (url.pathname === DataConnectorsPage.STATUS_PATH) {
          send(response, 200, page.status(), undefined, { 'cache-control': 'no-store' });
          return;
        }
        const asset = page.asset(url.pathname);
        if (asset !== undefined) {
          response.writeHead(200, asset.headers).end(request.method === 'HEAD' ? undefined : asset.body);
          return;
        }
      }
      const dataCollector = options.dataCollector;
      if (dataCollector !== undefined && request.method === 'POST' && url.pathname === DataCollectorApi.PATH) {
        let answer: DataCollectorResponse;
        try {
          const body = await readBody(request, dataCollector.maxPostBytes);
          answer = dataCollector.handle({
            method: request.method, pathname: url.pathname, searchParams: url.searchParams, headers: request.headers, body,
          });
        } catch (error) {
          if (error instanceof RequestBodyAbortedError) {
            return;
          }
          if (!(error instanceof RequestBodyTooLargeError)) {
            throw error;
          }
          answer = dataCollector.postTooLarge(error.receivedBytes);
        }
        response.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      if (options.logsIngestion !== undefined && LogsIngestionApi.matches(url.pathname)) {
        await serveLogsIngestion(options.logsIngestion, request, response, url);
        return;
      }
      const query = QUERY_PATH.exec(url.pathname);
      if (query !== null && (request.method === 'POST' || request.method === 'GET')) {
        checkBearerToken(request.headers.authorization, options.tokenRequirements);
        const workspace = findWorkspace(options.workspaces(), decodePathSegment(query[1]));
        const body: QueryRequestBody = request.method === 'POST' ? queryBodyOf(await readJsonBody(request))
          : { query: url.searchParams.get('query') ?? undefined, timespan: url.searchParams.get('timespan') ?? undefined };
        sendAnswer(response, await queries.run(queryRequestOf(workspace, body, options.now())));
        return;
      }
      if (BATCH_PATH.test(url.pathname) && request.method === 'POST') {
        checkBearerToken(request.headers.authorization, options.tokenRequirements);
        sendText(response, 200, await answerBatch(options, queries, await readJsonBody(request)));
        return;
      }
      throw QueryErrorFactory.pathNotFound();
    } catch (error) {
      if (error instanceof RequestBodyAbortedError) {
        return;
      }
      if (error instanceof EmulatorHttpError) {
        send(response, error.status, error.toBody(), error.code, error.headers);
      } else {
        send(response, 500, { error: { code: 'InternalServerError', message: `The emulator failed: ${(error as Error).message}` } },
          'InternalServerError');
      }
    }
  };
  const server = createServer({
    cert: options.certificate.cert, key: options.certificate.key,
    maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: timeouts.requestMs, headersTimeout: timeouts.headersMs,
    connectionsCheckingInterval: Math.min(MAX_TIMEOUT_CHECK_INTERVAL_MS, Math.ceil(timeouts.headersMs / 4)),
    // A client may send its requests and then close its side (`nc -N`, a sender that shuts down its socket's
    // writing half): what it sent is still answered. Node's default drops the requests in flight at the client's
    // FIN and ends the connection without a word.
    allowHalfOpen: true,
  }, (request, response) => {
    void handle(request, response);
  });
  (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket, timeouts));
  if (options.queries === undefined) {
    server.on('close', () => void queries.close());
  }
  // Clients keep connections open (Node's agents do by default); Node's 5 s idle timeout lets a client reuse a socket
  // the server is closing, which fails with ECONNRESET. Azure's front ends keep idle connections for minutes. (Since
  // Node 18 the headers timeout counts from a request's first byte, not from the connection's.)
  server.keepAliveTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({ server, port, url: `https://${options.host}:${port}` });
    });
  });
}

/** The timeouts given, checked: the headers' within the request's, both above 0. */
function timeoutsOf(given: HttpTimeouts | undefined): HttpTimeouts {
  const timeouts = given ?? { headersMs: HEADERS_TIMEOUT_MS, requestMs: REQUEST_TIMEOUT_MS };
  if (!(timeouts.headersMs > 0) || !(timeouts.requestMs >= timeouts.headersMs)) {
    throw new Error(`timeouts: the headers' (${timeouts.headersMs} ms) must be above 0 and within the request's (${timeouts.requestMs} ms)`);
  }
  return timeouts;
}

/** The status of a request Node's parser refused, or that came too slowly. */
function clientErrorStatus(code: string | undefined): { status: number; text: string; errorCode: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, text: 'Request Header Fields Too Large', errorCode: 'RequestHeaderFieldsTooLarge' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADER_TIMEOUT':
      return { status: 408, text: 'Request Timeout', errorCode: 'RequestTimeout' };
    default:
      return { status: 400, text: 'Bad Request', errorCode: 'BadRequest' };
  }
}

/**
 * Answers a request Node's parser refused (malformed, headers too large, an unknown method, a bad Content-Length or
 * chunk size) or that did not arrive in time, with its status and a JSON body, then closes the connection. Requests
 * of the same connection that came before it are answered first, in order (pipelining); a response already on its
 * way is not cut.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, timeouts: HttpTimeouts): void {
  if (error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  if (answeredClientErrors.has(socket)) {
    // Bytes that came after the refused request, read while the connection closes: the answer is on its way.
    return;
  }
  if (!socket.writable) {
    // The connection is closing after an answer (Connection: close): read on, so that the answer is not reset.
    answeredClientErrors.add(socket);
    closeLingering(socket);
    return;
  }
  const inFlight = (socket as unknown as { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
  if (inFlight !== undefined && !inFlight.writableEnded) {
    answeredClientErrors.add(socket);
    // An answer cut short (the client went away) ends the connection; a finished one does not.
    inFlight.once('close', () => {
      if (!inFlight.writableFinished) {
        socket.destroy();
      }
    });
    if (inFlight.req.complete) {
      // An earlier request, read whole, is being answered: the refused one's answer comes after it, also when Node
      // would close the connection after that answer (the client closed its side).
      const lingering = socket as Socket & { destroySoon(): void };
      let written = false;
      const writeOnce = () => {
        if (!written) {
          written = true;
          writeClientError(error, socket, timeouts);
        }
      };
      lingering.destroySoon = writeOnce;
      inFlight.once('finish', () => setImmediate(writeOnce));
    } else if (inFlight.headersSent) {
      // The answer to the request whose body broke is being written: it ends the exchange.
      inFlight.once('finish', () => closeLingering(socket));
    } else {
      answeredClientErrors.delete(socket);
      writeClientError(error, socket, timeouts);
    }
    return;
  }
  // An answer written whole before (`writableEnded`) is already in the socket's queue: the error goes after it.
  writeClientError(error, socket, timeouts);
}

/** Writes the status line and JSON body of a refused request, then closes the connection. */
function writeClientError(error: NodeJS.ErrnoException, socket: Socket, timeouts: HttpTimeouts): void {
  answeredClientErrors.add(socket);
  if (socket.writable) {
    const { status, text, errorCode } = clientErrorStatus(error.code);
    const body = JSON.stringify({ error: { code: errorCode, message: `${text}: ${describeClientError(error, timeouts)}` } });
    socket.write(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
      + `x-ms-error-code: ${errorCode}\r\nConnection: close\r\n\r\n${body}`);
  }
  closeLingering(socket);
}

/** Connections whose refused request has been answered. */
const answeredClientErrors = new WeakSet<Socket>();

/** How long a connection closing on a refused request goes on reading what the client still sends. */
const LINGER_MS = 2_000;

/**
 * Ends the connection once the answer is written, and reads (and drops) what the client still sends for a while:
 * closing a socket with unread bytes resets the connection, and a reset discards the answer before the client reads
 * it (the "lingering close" of HTTP servers).
 */
function closeLingering(socket: Socket): void {
  socket.end();
  socket.on('data', () => undefined);
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** What was wrong with the request, in words (Node's parser codes are `HPE_...`). */
function describeClientError(error: NodeJS.ErrnoException, timeouts: HttpTimeouts): string {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW': return `the request's headers take more than ${MAX_HEADER_BYTES} bytes.`;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADER_TIMEOUT':
      return `the request did not arrive whole within ${timeouts.requestMs / 1000} s (its headers within ${timeouts.headersMs / 1000} s).`;
    case 'HPE_INVALID_METHOD': return 'the method is not an HTTP method.';
    case 'HPE_UNEXPECTED_CONTENT_LENGTH': return 'the request has both Content-Length and Transfer-Encoding, or two Content-Length headers.';
    case 'HPE_INVALID_CONTENT_LENGTH': return 'the Content-Length is not a number of bytes.';
    case 'HPE_INVALID_CHUNK_SIZE': return 'a chunk size is not a hexadecimal number.';
    default: return `the request is not well-formed HTTP/1.1 (${error.code ?? 'parse error'}).`;
  }
}
