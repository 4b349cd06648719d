/**
 * Errors of the Log Analytics query API, as Azure writes them: `{"error":{"message","code","innererror"?}}`
 * (Azure Monitor, "Azure Monitor Log Analytics API errors").
 */
export class EmulatorHttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly innerError?: { code: string; message: string; [key: string]: unknown },
    /** Headers the answer carries besides the body's (`Retry-After`). */
    public readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'EmulatorHttpError';
  }

  /** The response body. */
  public toBody(): { error: Record<string, unknown> } {
    return {
      error: {
        message: this.message,
        code: this.code,
        ...(this.innerError === undefined ? {} : { innererror: this.innerError }),
      },
    };
  }
}

/** One method per error the query API answers. */
export class QueryErrorFactory {
  static missingAuthorization(): EmulatorHttpError {
    return new EmulatorHttpError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  }

  static invalidToken(): EmulatorHttpError {
    return new EmulatorHttpError(403, 'InvalidAuthenticationToken', 'The access token is invalid.');
  }

  static invalidAudience(expected: string, received: string): EmulatorHttpError {
    return new EmulatorHttpError(403, 'InvalidAuthenticationTokenAudience',
      `The access token has an invalid audience: '${received}'; the emulator requires '${expected}'.`);
  }

  static insufficientAccess(): EmulatorHttpError {
    return new EmulatorHttpError(403, 'InsufficientAccessError',
      'The provided credentials have insufficient access to perform the requested operation');
  }

  static pathNotFound(): EmulatorHttpError {
    return new EmulatorHttpError(404, 'PathNotFoundError', 'The requested path does not exist');
  }

  static workspaceNotFound(workspaceId: string): EmulatorHttpError {
    return new EmulatorHttpError(404, 'WorkspaceNotFoundError', `The workspace could not be found: ${workspaceId}`);
  }

  static badArgument(innerCode: string, innerMessage: string, details?: Record<string, unknown>): EmulatorHttpError {
    return new EmulatorHttpError(400, 'BadArgumentError', 'The request had some invalid properties',
      { code: innerCode, message: innerMessage, ...details });
  }

  /**
   * A query that ran longer than it may. Log Analytics answers a query past its server timeout with 504 Gateway
   * Timeout (UNCONFIRMED: the exact body; see emulator/README.md, differences).
   */
  static queryTimeout(seconds: number): EmulatorHttpError {
    return new EmulatorHttpError(504, 'GatewayTimeout',
      `The query ran longer than the ${seconds} s a query may run in the emulator (--query-timeout).`);
  }

  /** A query request body past the size the server reads. */
  static requestTooLarge(maxBytes: number, receivedBytes: number): EmulatorHttpError {
    return new EmulatorHttpError(413, 'RequestEntityTooLarge',
      `The request body exceeds the ${maxBytes} bytes a query request may have (${receivedBytes} bytes or more).`);
  }

  /** Too many queries wait for a worker: the service throttles with 429 and Retry-After. */
  static tooManyRequests(waiting: number): EmulatorHttpError {
    return new EmulatorHttpError(429, 'TooManyRequests', `${waiting} queries are waiting to run; retry later.`, undefined, { 'retry-after': '5' });
  }

  /** The emulator is stopping. */
  static serviceUnavailable(): EmulatorHttpError {
    return new EmulatorHttpError(503, 'ServiceUnavailable', 'The emulator is stopping.');
  }

  static notImplemented(feature: string): EmulatorHttpError {
    return new EmulatorHttpError(501, 'NotImplemented', `The emulator does not implement ${feature}.`);
  }
}
