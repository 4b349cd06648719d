// A sender of the HTTP Data Collector API written from Microsoft's documented procedure (page "Send log data to Azure
// Monitor by using the HTTP Data Collector API", sections "Authorization" and "Python sample"), not from the emulator's
// code: the string to sign is VERB, Content-Length, Content-Type, "x-ms-date:" + date and "/api/logs" joined by "\n";
// the signature is Base64(HMAC-SHA256(key = Base64-decoded shared key, UTF-8 string to sign)).
import { createHmac } from 'node:crypto';
import { request } from 'node:https';

/** `build_signature` of Microsoft's Python sample. */
export function buildSignature(customerId: string, sharedKey: string, date: string, contentLength: number, method: string,
  contentType: string, resource: string): string {
  const xHeaders = `x-ms-date:${date}`;
  const stringToHash = `${method}\n${contentLength}\n${contentType}\n${xHeaders}\n${resource}`;
  const decodedKey = Buffer.from(sharedKey, 'base64');
  const encodedHash = createHmac('sha256', decodedKey).update(Buffer.from(stringToHash, 'utf8')).digest('base64');
  return `SharedKey ${customerId}:${encodedHash}`;
}

/** RFC 1123, as the samples write it (`DateTime.UtcNow.ToString("r")`). */
export function rfc1123(date: Date): string {
  return date.toUTCString();
}

/** What a post may change from the documented request, to exercise the service's errors. */
export interface PostOptions {
  readonly ca: string;
  readonly date?: Date;
  readonly timeGeneratedField?: string;
  readonly azureResourceId?: string;
  /** The key that signs (default: the sharedKey argument). */
  readonly signingKey?: string;
  /** Headers replaced or removed (undefined) after signing. */
  readonly headers?: Record<string, string | undefined>;
  /** Query string (default `api-version=2016-04-01`). */
  readonly query?: string;
  /** Send the body chunked, without Content-Length. */
  readonly chunked?: boolean;
}

/** The answer of the service. */
export interface PostResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body as JSON, when it is JSON. */
  readonly json?: any;
}

/** `post_data` of Microsoft's Python sample, against a base URL instead of `https://<id>.ods.opinsights.azure.com`. */
export function postData(baseUrl: string, customerId: string, sharedKey: string, body: Buffer | string, logType: string,
  options: PostOptions): Promise<PostResult> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const method = 'POST';
  const contentType = 'application/json';
  const resource = '/api/logs';
  const date = rfc1123(options.date ?? new Date());
  const signature = buildSignature(customerId, options.signingKey ?? sharedKey, date, bytes.length, method, contentType, resource);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'Authorization': signature,
    'Log-Type': logType,
    'x-ms-date': date,
    ...(options.chunked === true ? {} : { 'content-length': String(bytes.length) }),
    ...(options.timeGeneratedField === undefined ? {} : { 'time-generated-field': options.timeGeneratedField }),
    ...(options.azureResourceId === undefined ? {} : { 'x-ms-AzureResourceId': options.azureResourceId }),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing !== undefined) {
      delete headers[existing];
    }
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  const uri = `${baseUrl}${resource}?${options.query ?? 'api-version=2016-04-01'}`;
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request(uri, { method, headers, ca: options.ca }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    // The service may answer before it has read a too large body; an error after the answer does not matter.
    outgoing.on('error', (error) => {
      if (!answered) {
        reject(error);
      }
    });
    if (options.chunked === true) {
      const half = Math.floor(bytes.length / 2);
      outgoing.write(bytes.subarray(0, half));
      outgoing.end(bytes.subarray(half));
    } else {
      outgoing.end(bytes);
    }
  });
}
