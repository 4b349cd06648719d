import { EmulatorHttpError } from './query-error-factory';

/**
 * Errors of the Logs Ingestion API (spec 2.5): `{"error":{"code","message"}}` with the code also in
 * `x-ms-error-code`, which `@azure/monitor-ingestion` reads into `RestError.code` and `.message`.
 *
 * Confirmed by real responses (spec 2.4, 2.5): 413 `ContentLengthLimitExceeded` with its message, 403
 * `OperationFailed`. The codes for an unknown rule or stream, a missing or unknown api-version, a body that is not
 * JSON or not an array, and a record that does not fit the stream declaration are UNCONFIRMED (the spec has none);
 * the statuses follow the spec's guidance (400, 404) and the messages say what is wrong and where.
 */
export class LogsIngestionErrorFactory {
  static missingApiVersion(): EmulatorHttpError {
    return new EmulatorHttpError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }

  static unsupportedApiVersion(apiVersion: string, supported: readonly string[]): EmulatorHttpError {
    return new EmulatorHttpError(400, 'InvalidApiVersionParameter',
      `The api-version '${apiVersion}' is invalid. The supported versions are '${supported.join(',')}'.`);
  }

  static unknownRule(immutableId: string): EmulatorHttpError {
    return new EmulatorHttpError(404, 'InvalidDataCollectionRule',
      `Data collection rule with immutable Id '${immutableId}' not found. The emulated topology has no such rule; `
      + 'GET /emulator/topology lists the rules and their immutable Ids.');
  }

  static unknownStream(immutableId: string, stream: string, streams: Iterable<string>): EmulatorHttpError {
    return new EmulatorHttpError(404, 'InvalidStream',
      `Data collection rule with immutable Id '${immutableId}' has no stream '${stream}'. Its streams: ${[...streams].join(', ') || 'none'}.`);
  }

  static contentLengthLimitExceeded(maxBytes: number, receivedBytes: number, decoded: boolean): EmulatorHttpError {
    return new EmulatorHttpError(413, 'ContentLengthLimitExceeded',
      `Maximum allowed content length: ${maxBytes} bytes (1 MB). Provided content length: ${receivedBytes} bytes`
      + `${decoded ? ' or more, once decompressed' : ''}.`);
  }

  static unsupportedContentEncoding(message: string): EmulatorHttpError {
    return new EmulatorHttpError(415, 'UnsupportedContentEncoding', message);
  }

  static unsupportedContentType(contentType: string): EmulatorHttpError {
    return new EmulatorHttpError(415, 'UnsupportedMediaType', `The content type '${contentType}' is not supported; send application/json.`);
  }

  static malformedJson(detail: string): EmulatorHttpError {
    return new EmulatorHttpError(400, 'InvalidRequestBody', `The request body is malformed JSON: ${detail}`);
  }

  static notAnArray(received: string): EmulatorHttpError {
    return new EmulatorHttpError(400, 'InvalidRequestBody', `The request body must be a JSON array of records; received ${received}.`);
  }

  static recordNotDeclaredShape(stream: string, detail: string): EmulatorHttpError {
    return new EmulatorHttpError(400, 'InvalidRecord',
      `A record does not fit the declaration of stream '${stream}' (${detail}); no record of the request was ingested.`);
  }

  static tooManyRequests(limit: string, retryAfterSeconds: number): EmulatorHttpError {
    return new EmulatorHttpError(429, 'TooManyRequests',
      `The data collection rule's limit of ${limit} per minute is reached; retry after the Retry-After delay.`, undefined,
      { 'retry-after': String(retryAfterSeconds) });
  }
}
