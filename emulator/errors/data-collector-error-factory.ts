import { DATA_COLLECTOR_API_VERSION } from '../../model/legacy-data-collector';

/**
 * An error of the HTTP Data Collector API, written as the service writes it: `{"Error":"<code>","Message":"<text>"}`
 * with `Content-Type: application/json`. The shape is not in Microsoft's docs; it is the body of real 403 responses
 * quoted in public issues (MicrosoftDocs/azure-docs#32455, #48771, #114105). The codes and statuses are the page's
 * "Return codes" table; the message texts are the service's where a real response was found, else our own
 * (marked UNCONFIRMED below).
 */
export class DataCollectorError extends Error {
  constructor(
    public readonly status: number,
    /** The service's error code; the page gives none for 404 and 429. */
    public readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'DataCollectorError';
  }

  /** The response body. */
  public toBody(): { Error?: string; Message: string } {
    return this.code === undefined ? { Message: this.message } : { Error: this.code, Message: this.message };
  }
}

/** One method per error the HTTP Data Collector API answers. */
export class DataCollectorErrorFactory {
  // 400s: codes from the "Return codes" table; texts UNCONFIRMED.

  static missingApiVersion(): DataCollectorError {
    return new DataCollectorError(400, 'MissingApiVersion', 'The api-version query parameter was not specified.');
  }

  static invalidApiVersion(apiVersion: string): DataCollectorError {
    return new DataCollectorError(400, 'InvalidApiVersion',
      `The api-version '${apiVersion}' was not recognized; the supported version is ${DATA_COLLECTOR_API_VERSION}.`);
  }

  static missingContentType(): DataCollectorError {
    return new DataCollectorError(400, 'MissingContentType', 'The Content-Type header was not specified.');
  }

  static unsupportedContentType(contentType: string): DataCollectorError {
    return new DataCollectorError(400, 'UnsupportedContentType',
      `The content type '${contentType}' is not supported; set Content-Type to application/json.`);
  }

  static missingLogType(): DataCollectorError {
    return new DataCollectorError(400, 'MissingLogType', 'The Log-Type header was not specified.');
  }

  static invalidLogType(logType: string): DataCollectorError {
    return new DataCollectorError(400, 'InvalidLogType',
      `The Log-Type '${logType}' is invalid; it may contain only letters, digits and underscores, at most 100 characters.`);
  }

  /** A Log-Type that would create a table past the workspace's 500 custom tables (code UNCONFIRMED). */
  static tooManyCustomTables(logType: string, maxCustomTables: number): DataCollectorError {
    return new DataCollectorError(400, 'InvalidLogType',
      `The Log-Type '${logType}' would create a new custom table, and the workspace already has ${maxCustomTables} (the most a workspace may have).`);
  }

  static invalidCustomerId(workspaceId: string): DataCollectorError {
    return new DataCollectorError(400, 'InvalidCustomerId', `The workspace ID '${workspaceId}' is invalid.`);
  }

  /** Bad JSON, a body that is not records, or records the service refuses (reserved names: code UNCONFIRMED). */
  static invalidDataFormat(detail: string): DataCollectorError {
    return new DataCollectorError(400, 'InvalidDataFormat', `The request body is not valid: ${detail}`);
  }

  // 403s: all InvalidAuthorization, as the page says.

  /** Text of a real response (MicrosoftDocs/azure-docs#48771). */
  static missingAuthorization(): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization', 'No Authorization header was specified');
  }

  /** Text of a real response (Stack Overflow question 44532530, a Node sender without the SharedKey scheme). */
  static invalidScheme(): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization', 'An invalid scheme was specified in the Authorization header');
  }

  /** Text of a real response (MicrosoftDocs/azure-docs#32455: a regenerated key; #114105: a signed Content-Type that differed). */
  static invalidSignature(): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization', 'An invalid signature was specified in the Authorization header');
  }

  /** Text of a real response (a sender's log quoting the service's body). */
  static invalidDate(): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization', 'An invalid date format used in the x-ms-date header.');
  }

  /** Text UNCONFIRMED. */
  static missingDate(): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization', 'No x-ms-date header was specified');
  }

  /** The skew the service allows and this text are UNCONFIRMED (the emulator allows Azure Storage's 15 minutes). */
  static staleDate(date: string, skewMinutes: number): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization',
      `The x-ms-date header '${date}' is more than ${skewMinutes} minutes away from the time of the service.`);
  }

  /** Text UNCONFIRMED. */
  static workspaceMismatch(): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization',
      'The workspace ID in the Authorization header is not the workspace of the request URL');
  }

  /**
   * Shared-key authentication is off on the workspace (`local_authentication_enabled = false`): the service refuses
   * workspace-key requests (MicrosoftDocs/azure-docs#100353); its status and text are UNCONFIRMED.
   */
  static localAuthenticationDisabled(): DataCollectorError {
    return new DataCollectorError(403, 'InvalidAuthorization',
      'Local (shared key) authentication is disabled for this workspace; use Microsoft Entra ID authentication');
  }

  /** "Either the provided URL is incorrect or the request is too large": 404 without a code; body text UNCONFIRMED. */
  static requestTooLarge(receivedBytes: number, maxBytes: number): DataCollectorError {
    return new DataCollectorError(404, undefined,
      `The request is too large: ${receivedBytes} bytes or more; a post may have at most ${maxBytes} bytes.`);
  }
}
