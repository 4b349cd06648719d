import { createServer, Server } from 'node:https';
import { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { LogsIngestionErrorFactory } from '../errors/logs-ingestion-error-factory';
import { EmulatorHttpError, QueryErrorFactory } from '../errors/query-error-factory';
import { checkBearerToken, TokenRequirements } from './authentication';
import { DataConnectorsPage } from './data-connectors-page';
import { answerQuery, findWorkspace, QueryableWorkspace, QueryRequestBody } from './handlers/query-handler';
import { DataCollectorApi, DataCollectorResponse } from './handlers/data-collector-handler';
import { LogsIngestionApi, MAX_INGESTION_BODY_BYTES } from './handlers/logs-ingestion-handler';
import { readBody, RequestBodyAbortedError, RequestBodyEncodingError, RequestBodyTooLargeError } from './read-body';

/** The largest request body the server reads (the query API's bodies are small). */
const MAX_QUERY_BODY_BYTES = 1024 * 1024;

/** What the HTTPS server serves. */
export interface HttpsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly certificate: { readonly cert: string; readonly key: string };
  readonly workspaces: () => readonly QueryableWorkspace[];
  readonly topology: () => unknown;
  readonly tokenRequirements: TokenRequirements;
  readonly now: () => Date;
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
}

/** A running HTTPS server and its address. */
export interface RunningHttpsServer {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
}

function send(response: ServerResponse, status: number, body: unknown, errorCode?: string, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(errorCode === undefined ? {} : { 'x-ms-error-code': errorCode }),
  });
  response.end(text);
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

/** Reads a JSON body, refusing what is too large or not JSON, as the service does. */
function readJsonBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_QUERY_BODY_BYTES) {
        reject(QueryErrorFactory.badArgument('RequestTooLarge', `The request body exceeds ${MAX_QUERY_BODY_BYTES} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        resolve({});
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(QueryErrorFactory.badArgument('InvalidJson', `The request body is not valid JSON: ${(error as Error).message}`));
      }
    });
    request.on('error', reject);
  });
}

const QUERY_PATH = /^(?:\/v1)?\/workspaces\/([^/]+)\/query\/?$/;
const BATCH_PATH = /^(?:\/v1)?\/\$batch\/?$/;

/** Starts the emulator's HTTPS server: the Log Analytics query API, `/emulator/topology` and the Data connectors page. */
export function startHttpsServer(options: HttpsServerOptions): Promise<RunningHttpsServer> {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://emulator');
    try {
      if (request.method === 'GET' && url.pathname === '/emulator/topology') {
        send(response, 200, options.topology());
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
        const workspace = findWorkspace(options.workspaces(), decodeURIComponent(query[1]));
        const body: QueryRequestBody = request.method === 'POST' ? await readJsonBody(request) as QueryRequestBody
          : { query: url.searchParams.get('query') ?? undefined, timespan: url.searchParams.get('timespan') ?? undefined };
        send(response, 200, answerQuery(workspace, body, options.now()));
        return;
      }
      if (BATCH_PATH.test(url.pathname) && request.method === 'POST') {
        checkBearerToken(request.headers.authorization, options.tokenRequirements);
        const body = await readJsonBody(request) as { requests?: Array<{ id: string; workspace: string; body: QueryRequestBody }> };
        const responses = (body.requests ?? []).map((entry) => {
          try {
            const workspace = findWorkspace(options.workspaces(), entry.workspace);
            return { id: entry.id, status: 200, body: answerQuery(workspace, entry.body ?? {}, options.now()) };
          } catch (error) {
            if (error instanceof EmulatorHttpError) {
              return { id: entry.id, status: error.status, body: error.toBody() };
            }
            throw error;
          }
        });
        send(response, 200, { responses });
        return;
      }
      throw QueryErrorFactory.pathNotFound();
    } catch (error) {
      if (error instanceof EmulatorHttpError) {
        send(response, error.status, error.toBody(), error.code, error.headers);
      } else {
        send(response, 500, { error: { code: 'InternalServerError', message: `The emulator failed: ${(error as Error).message}` } },
          'InternalServerError');
      }
    }
  };
  const server = createServer({ cert: options.certificate.cert, key: options.certificate.key }, (request, response) => {
    void handle(request, response);
  });
  // A client that disconnects mid-request must not take the server down.
  server.on('clientError', (_error, socket) => socket.destroy());
  // Clients keep connections open (Node's agents do by default); Node's 5 s idle timeout lets a client reuse a socket
  // the server is closing, which fails with ECONNRESET. Azure's front ends keep idle connections for minutes.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({ server, port, url: `https://${options.host}:${port}` });
    });
  });
}
