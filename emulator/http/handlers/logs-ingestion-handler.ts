import { IncomingHttpHeaders } from 'node:http';
import { EmulatorHttpError } from '../../errors/query-error-factory';
import { LogsIngestionErrorFactory } from '../../errors/logs-ingestion-error-factory';
import { IngestionPipeline } from '../../pipeline/ingestion-pipeline';
import { RecordNotDeclaredShapeError } from '../../pipeline/stream-records';
import { checkBearerToken, TokenRequirements } from '../authentication';
import { parseBoundedJson } from '../bounded-json';
import { decodePathSegment } from '../request-target';

/** Spec 2.4: the largest request, compressed or not: 1 MB, counted as 1,048,576 bytes by the service's 413. */
export const MAX_INGESTION_BODY_BYTES = 1_048_576;

/** Spec 2.4: per rule and minute. */
const MAX_REQUESTS_PER_MINUTE = 12_000;
const MAX_BYTES_PER_MINUTE = 2 * 1024 ** 3;

/** Spec 2.1: the stable version, and the previews in the REST specification. */
const API_VERSIONS = ['2023-01-01', '2021-11-01-preview', '2023-04-01-preview'];

/** `/dataCollectionRules/{immutableId}/streams/{stream}`, as on a data collection endpoint (spec 2.1). */
const UPLOAD_PATH = /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)\/?$/i;

/** A request the API admitted, before its body is read. */
export interface AdmittedUpload {
  readonly immutableId: string;
  readonly stream: string;
}

/** Limits per rule and minute. */
export interface LogsIngestionLimits {
  /** @default 12000 (spec 2.4) */
  readonly requestsPerMinute?: number;
  /** @default 2 GiB (spec 2.4) */
  readonly bytesPerMinute?: number;
}

/** What the API serves from. */
export interface LogsIngestionApiOptions {
  /** The pipeline of the loaded topology; undefined while it loads. */
  readonly pipeline: () => IngestionPipeline | undefined;
  readonly tokenRequirements: TokenRequirements;
  readonly now: () => Date;
  readonly limits?: LogsIngestionLimits | undefined;
}

/** Requests and bytes of one rule in the current minute. */
interface MinuteUsage {
  minute: number;
  requests: number;
  bytes: number;
}

/**
 * The Logs Ingestion API of the data collection endpoints (spec 2): `POST /dataCollectionRules/{immutableId}/streams
 * /{stream}?api-version=2023-01-01` with a bearer token and a JSON array (gzip or not), answered with 204 once every
 * record is written through the rule's flows. A request is checked in two steps, so that a wrong path, token or rule
 * is refused before its body is read: {@link admit}, then {@link upload}.
 */
export class LogsIngestionApi {
  private readonly usage = new Map<string, MinuteUsage>();

  private readonly pipeline: () => IngestionPipeline | undefined;
  private readonly tokenRequirements: TokenRequirements;
  private readonly now: () => Date;
  private readonly limits: Required<LogsIngestionLimits>;

  constructor(options: LogsIngestionApiOptions) {
    this.pipeline = options.pipeline;
    this.tokenRequirements = options.tokenRequirements;
    this.now = options.now;
    this.limits = {
      requestsPerMinute: options.limits?.requestsPerMinute ?? MAX_REQUESTS_PER_MINUTE,
      bytesPerMinute: options.limits?.bytesPerMinute ?? MAX_BYTES_PER_MINUTE,
    };
  }

  /** Whether the path is the API's; other paths are not its business. */
  public static matches(pathname: string): boolean {
    return UPLOAD_PATH.test(pathname);
  }

  /**
   * Checks what can be checked before the body: method, api-version, token, rule, stream, content type.
   *
   * @throws EmulatorHttpError with the status and body the service answers
   */
  public admit(method: string | undefined, pathname: string, searchParams: URLSearchParams, headers: IncomingHttpHeaders): AdmittedUpload {
    const match = UPLOAD_PATH.exec(pathname);
    if (match === null || method !== 'POST') {
      throw new EmulatorHttpError(405, 'MethodNotAllowed', `The Logs Ingestion API takes POST requests; received ${method ?? 'none'}.`);
    }
    // The SDK percent-encodes the hyphen (`api%2Dversion`, spec 2.6): URLSearchParams decodes it.
    const apiVersion = searchParams.get('api-version');
    if (apiVersion === null || apiVersion === '') {
      throw LogsIngestionErrorFactory.missingApiVersion();
    }
    if (!API_VERSIONS.includes(apiVersion)) {
      throw LogsIngestionErrorFactory.unsupportedApiVersion(apiVersion, API_VERSIONS);
    }
    checkBearerToken(headers.authorization, this.tokenRequirements);
    const immutableId = decodePathSegment(match[1]);
    const stream = decodePathSegment(match[2]);
    const streams = this.pipeline()?.recordStreams(immutableId);
    if (streams === undefined) {
      throw LogsIngestionErrorFactory.unknownRule(immutableId);
    }
    if (!streams.has(stream)) {
      throw LogsIngestionErrorFactory.unknownStream(immutableId, stream, streams);
    }
    const contentType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== '' && contentType !== 'application/json') {
      throw LogsIngestionErrorFactory.unsupportedContentType(contentType);
    }
    return { immutableId, stream };
  }

  /**
   * Writes the records of an admitted request (its body decoded), or refuses them all.
   *
   * @param wireBytes the size of the body as sent, for the per-minute limit
   * @throws EmulatorHttpError with the status and body the service answers
   */
  public upload(admitted: AdmittedUpload, body: Buffer, wireBytes: number): void {
    this.countUsage(admitted.immutableId, wireBytes);
    let records: unknown;
    try {
      records = parseBoundedJson(body.toString('utf8'));
    } catch (error) {
      throw LogsIngestionErrorFactory.malformedJson((error as Error).message);
    }
    if (!Array.isArray(records)) {
      throw LogsIngestionErrorFactory.notAnArray(records === null ? 'null' : typeof records === 'object' ? 'an object' : typeof records);
    }
    const pipeline = this.pipeline();
    if (pipeline === undefined) {
      throw LogsIngestionErrorFactory.unknownRule(admitted.immutableId);
    }
    try {
      pipeline.ingestRecords(admitted.immutableId, admitted.stream, records);
    } catch (error) {
      if (error instanceof RecordNotDeclaredShapeError) {
        throw LogsIngestionErrorFactory.recordNotDeclaredShape(admitted.stream, error.message);
      }
      throw error;
    }
  }

  /** Counts a request against its rule's limits per minute (spec 2.4), refusing it past them with 429. */
  private countUsage(immutableId: string, bytes: number): void {
    const minute = Math.floor(this.now().getTime() / 60_000);
    let usage = this.usage.get(immutableId);
    if (usage === undefined || usage.minute !== minute) {
      usage = { minute, requests: 0, bytes: 0 };
      this.usage.set(immutableId, usage);
    }
    if (usage.requests + 1 > this.limits.requestsPerMinute) {
      throw this.throttled(`${this.limits.requestsPerMinute} requests`);
    }
    if (usage.bytes + bytes > this.limits.bytesPerMinute) {
      throw this.throttled(`${this.limits.bytesPerMinute} bytes`);
    }
    usage.requests++;
    usage.bytes += bytes;
  }

  private throttled(limit: string): EmulatorHttpError {
    const secondsLeft = 60 - Math.floor((this.now().getTime() % 60_000) / 1000);
    return LogsIngestionErrorFactory.tooManyRequests(limit, secondsLeft);
  }
}
