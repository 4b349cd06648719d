import { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** Output chunk of the gunzip: fewer, larger steps for bodies of up to a mebibyte. */
const GUNZIP_CHUNK_BYTES = 64 * 1024;

/** Why a request body could not be read. Each subclass has a stable `code`. */
export abstract class RequestBodyError extends Error {
  public abstract readonly code: string;
}

/** The body is larger than allowed: as declared by `Content-Length`, as received, or once decoded. */
export class RequestBodyTooLargeError extends RequestBodyError {
  public readonly code = 'SENTINEL_CDK_REQUEST_BODY_TOO_LARGE';

  constructor(
    /** The limit that was exceeded, in bytes. */
    public readonly maxBytes: number,
    /** The bytes declared or counted when the limit was passed (a lower bound of the real size). */
    public readonly receivedBytes: number,
    /** True when the decoded (gunzipped) body passed the limit, false for the bytes on the wire. */
    public readonly decoded: boolean,
  ) {
    super(`The request body exceeds ${maxBytes} bytes${decoded ? ' once decoded' : ''} (${receivedBytes} bytes or more).`);
    this.name = 'RequestBodyTooLargeError';
  }
}

/** A `Content-Encoding` that is not supported, or a gzip body that does not decode. */
export class RequestBodyEncodingError extends RequestBodyError {
  public readonly code = 'SENTINEL_CDK_REQUEST_BODY_ENCODING';

  constructor(public readonly contentEncoding: string, message: string) {
    super(message);
    this.name = 'RequestBodyEncodingError';
  }
}

/** The client went away before the body ended; nothing can be answered. */
export class RequestBodyAbortedError extends RequestBodyError {
  public readonly code = 'SENTINEL_CDK_REQUEST_BODY_ABORTED';

  constructor() {
    super('The client closed the connection before the request body ended.');
    this.name = 'RequestBodyAbortedError';
  }
}

/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  /**
   * Decode `Content-Encoding: gzip` (the Logs Ingestion API accepts it); any other encoding but `identity` is then
   * refused with a {@link RequestBodyEncodingError}.
   *
   * @default false - the body is returned as received, whatever `Content-Encoding` says
   */
  readonly gzip?: boolean;
  /**
   * The largest decoded body, in bytes.
   *
   * @default - `maxBytes`
   */
  readonly maxDecodedBytes?: number;
}

/**
 * Reads a request body of at most `maxBytes` bytes. Past the limit (a `Content-Length` that declares more, or more
 * bytes received) it rejects with a {@link RequestBodyTooLargeError} at once and stops keeping the bytes; the rest of
 * the body is read and dropped, so the caller can still answer on the same connection.
 */
export function readBody(request: IncomingMessage, maxBytes: number, options: ReadBodyOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | undefined, body?: Buffer) => {
      if (!settled) {
        settled = true;
        if (error === undefined) {
          resolve(body as Buffer);
        } else {
          reject(error);
        }
      }
    };
    const refuse = (error: RequestBodyError) => {
      request.off('data', onData);
      request.resume();
      settle(error);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        refuse(new RequestBodyTooLargeError(maxBytes, size, false));
        return;
      }
      chunks.push(chunk);
    };
    request.on('error', () => settle(new RequestBodyAbortedError()));
    request.on('close', () => {
      if (!request.complete) {
        settle(new RequestBodyAbortedError());
      }
    });

    const declared = Number(request.headers['content-length']);
    if (request.headers['content-length'] !== undefined && Number.isFinite(declared) && declared > maxBytes) {
      refuse(new RequestBodyTooLargeError(maxBytes, declared, false));
      return;
    }
    const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (options.gzip === true && encoding !== 'identity' && encoding !== 'gzip') {
      refuse(new RequestBodyEncodingError(encoding, `The content encoding '${encoding}' is not supported; use gzip or none.`));
      return;
    }
    request.on('data', onData);
    request.on('end', () => {
      if (settled) {
        return;
      }
      const received = Buffer.concat(chunks, size);
      if (options.gzip !== true || encoding !== 'gzip') {
        settle(undefined, received);
        return;
      }
      const maxDecodedBytes = options.maxDecodedBytes ?? maxBytes;
      // Synchronously: a body is at most 1 MiB once decoded (a millisecond or two), and the asynchronous gunzip costs
      // more than the decoding itself (a hop to the thread pool and a callback per 16 KiB, measured in the Logs
      // Ingestion benchmark). A gzip bomb stops at maxOutputLength.
      try {
        settle(undefined, gunzipSync(received, { maxOutputLength: maxDecodedBytes, chunkSize: GUNZIP_CHUNK_BYTES }));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          settle(new RequestBodyTooLargeError(maxDecodedBytes, maxDecodedBytes + 1, true));
        } else {
          settle(new RequestBodyEncodingError('gzip', `The gzip body does not decode: ${(error as Error).message}`));
        }
      }
    });
  });
}
