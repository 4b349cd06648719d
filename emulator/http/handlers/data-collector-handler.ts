import { createHmac, timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import {
  checkLogType, DATA_COLLECTOR_API_VERSION, DATA_COLLECTOR_LIMITS, DATA_COLLECTOR_RESOURCE, DATA_COLLECTOR_SOURCE_SYSTEM,
  DATA_COLLECTOR_STANDARD_COLUMNS, dataCollectorStringToSign, dataCollectorTimeGenerated, mapDataCollectorRecords,
  parseRfc1123Date, parseSharedKeyAuthorization,
} from '../../../model/legacy-data-collector';
import { Row } from '../../../model/kql/values';
import { ColumnDefinition } from '../../../model/tables/table-schema';
import { DataCollectorError, DataCollectorErrorFactory } from '../../errors/data-collector-error-factory';
import { EmulatedWorkspace } from '../../topology/load-topology';
import { parseBoundedJson } from '../bounded-json';
import { QueryableWorkspace } from './query-handler';

/** A request to the HTTP Data Collector API, as the HTTPS server read it. */
export interface DataCollectorRequest {
  readonly method: string;
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body as received (the API takes no `Content-Encoding`). */
  readonly body: Buffer;
}

/** The answer to write. */
export interface DataCollectorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Options of {@link DataCollectorApi}. */
export interface DataCollectorApiOptions {
  /** The workspaces and their tables. */
  readonly workspaces: () => readonly QueryableWorkspace[];
  /** The clock, for `x-ms-date` and `TimeGenerated`. */
  readonly now: () => Date;
  /**
   * The largest post; a larger one gets 404, as the service answers.
   *
   * @default DATA_COLLECTOR_LIMITS.maxPostBytes (30 MiB)
   */
  readonly maxPostBytes?: number;
  /**
   * How far `x-ms-date` may be from the emulator's clock, either way. The service's window is not documented; this is
   * the 15 minutes Azure Storage documents for its SharedKey requests.
   *
   * @default 900000 (15 minutes)
   */
  readonly maxClockSkewMilliseconds?: number;
  /**
   * The workspace transformation of a table (the `WorkspaceTransforms` rule's flow of `Microsoft-Table-<Table>`),
   * given the table's columns; it applies to what this API posts, which comes without a rule of its own.
   *
   * @default - none
   */
  readonly workspaceTransformation?: (workspaceAddress: string, tableName: string, columns: readonly ColumnDefinition[],
    problem: (message: string) => void) => ((row: Row) => Row | undefined) | undefined;
}

/** Counters of the rows the API posted, after the workspace transformations. */
export interface DataCollectorStatistics {
  rowsWritten: number;
  /** Rows a workspace transformation dropped. */
  rowsFiltered: number;
  /** The last workspace transformation that could not run on its table (its rows were written as they came). */
  lastTransformationProblem?: string;
}

/** What a Data Collector API sender needs to know of a workspace, as `/emulator/topology` shows it. */
export interface DataCollectorEndpoint {
  /** Where to post: the emulator's `/api/logs` (in Azure `https://<workspace id>.ods.opinsights.azure.com/api/logs`). */
  readonly url: string;
  /** Whether the workspace accepts shared-key requests; when false every request gets 403. */
  readonly localAuthenticationEnabled: boolean;
  readonly primarySharedKey: string;
  readonly secondarySharedKey: string;
}

/** The Data Collector endpoint of a workspace, behind the emulator's HTTPS address. */
export function dataCollectorEndpointOf(workspace: EmulatedWorkspace, httpsUrl: string): DataCollectorEndpoint {
  return {
    url: `${httpsUrl}${DATA_COLLECTOR_RESOURCE}?api-version=${DATA_COLLECTOR_API_VERSION}`,
    localAuthenticationEnabled: workspace.localAuthenticationEnabled,
    primarySharedKey: workspace.primarySharedKey,
    secondarySharedKey: workspace.secondarySharedKey,
  };
}

const HOST_WORKSPACE_ID = /^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\./;

/**
 * The legacy HTTP Data Collector API (`POST /api/logs?api-version=2016-04-01`, retired on 14 September 2026): checks
 * a request as the service does (api-version, Content-Type, the SharedKey signature with either workspace key,
 * `x-ms-date`, `Log-Type`, the JSON records) and writes the records to `<Log-Type>_CL` with type-suffixed columns,
 * creating the table and its columns as they arrive. Pure of sockets: the HTTPS server reads the body and writes the
 * answer. A post is written whole or not at all, and only once it is valid, so a bad request changes nothing.
 */
export class DataCollectorApi {
  /** The path the API serves. */
  public static readonly PATH = DATA_COLLECTOR_RESOURCE;

  /** The largest post the server should read. */
  public readonly maxPostBytes: number;
  private readonly maxClockSkewMilliseconds: number;
  /** Live counters. */
  public readonly statistics: DataCollectorStatistics = { rowsWritten: 0, rowsFiltered: 0 };

  constructor(private readonly options: DataCollectorApiOptions) {
    this.maxPostBytes = options.maxPostBytes ?? DATA_COLLECTOR_LIMITS.maxPostBytes;
    this.maxClockSkewMilliseconds = options.maxClockSkewMilliseconds ?? 15 * 60_000;
  }

  /** Answers a request; never throws for a bad one. */
  public handle(request: DataCollectorRequest): DataCollectorResponse {
    try {
      this.write(request);
      return { status: 200, headers: { 'content-length': '0' }, body: Buffer.alloc(0) };
    } catch (error) {
      if (error instanceof DataCollectorError) {
        return DataCollectorApi.errorResponse(error);
      }
      throw error;
    }
  }

  /** The answer to a post larger than {@link maxPostBytes}, which the server did not read whole. */
  public postTooLarge(receivedBytes: number): DataCollectorResponse {
    return DataCollectorApi.errorResponse(DataCollectorErrorFactory.requestTooLarge(receivedBytes, this.maxPostBytes));
  }

  private static errorResponse(error: DataCollectorError): DataCollectorResponse {
    const body = Buffer.from(JSON.stringify(error.toBody()));
    return { status: error.status, headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body };
  }

  private write(request: DataCollectorRequest): void {
    const receivedAt = this.options.now();
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };

    const apiVersion = request.searchParams.get('api-version');
    if (apiVersion === null || apiVersion === '') {
      throw DataCollectorErrorFactory.missingApiVersion();
    }
    if (apiVersion !== DATA_COLLECTOR_API_VERSION) {
      throw DataCollectorErrorFactory.invalidApiVersion(apiVersion);
    }
    const contentType = header('content-type')?.trim() ?? '';
    if (contentType === '') {
      throw DataCollectorErrorFactory.missingContentType();
    }
    if (contentType.split(';')[0].trim().toLowerCase() !== 'application/json') {
      throw DataCollectorErrorFactory.unsupportedContentType(contentType);
    }

    const { workspace, store } = this.authenticate(request, header, contentType, receivedAt);

    const logType = header('log-type')?.trim() ?? '';
    if (logType === '') {
      throw DataCollectorErrorFactory.missingLogType();
    }
    if (checkLogType(logType) !== undefined) {
      throw DataCollectorErrorFactory.invalidLogType(logType);
    }
    const records = parseRecords(request.body);

    const tableName = `${logType}_CL`;
    // A table the stack declares is a Logs Ingestion API table: the API writes its existing columns only.
    const declared = workspace.tables.has(tableName);
    const existing = store.allTables().find((candidate) => candidate.tableName === tableName);
    if (existing === undefined && !declared && customTableCount(workspace, store) >= DATA_COLLECTOR_LIMITS.maxCustomTablesPerWorkspace) {
      throw DataCollectorErrorFactory.tooManyCustomTables(logType, DATA_COLLECTOR_LIMITS.maxCustomTablesPerWorkspace);
    }
    const createColumns = !declared;
    const mapped = mapDataCollectorRecords(records, {
      columns: existing === undefined || (createColumns && existing.columns.length === 0) ? DATA_COLLECTOR_STANDARD_COLUMNS
        : existing.columns,
      createColumns,
    });
    if (!mapped.ok) {
      throw DataCollectorErrorFactory.invalidDataFormat(mapped.problem);
    }

    // Valid: from here on nothing fails, and the whole post is written.
    const table = existing ?? store.table(tableName);
    if (createColumns) {
      table.addColumns([...DATA_COLLECTOR_STANDARD_COLUMNS, ...mapped.newColumns]);
    }
    const timeGeneratedField = header('time-generated-field')?.trim() ?? '';
    const resourceId = header('x-ms-azureresourceid')?.trim() ?? '';
    const transform = this.options.workspaceTransformation?.(workspace.address, tableName, table.columns, (problem) => {
      this.statistics.lastTransformationProblem = problem;
    });
    records.forEach((record, index) => {
      const row: Row = {
        TenantId: workspace.customerId,
        SourceSystem: DATA_COLLECTOR_SOURCE_SYSTEM,
        TimeGenerated: timeGeneratedField === '' ? receivedAt
          : dataCollectorTimeGenerated((record as Record<string, unknown>)[timeGeneratedField], receivedAt),
        Type: tableName,
        ...(resourceId === '' ? {} : { _ResourceId: resourceId }),
        ...mapped.rows[index],
      };
      const output = transform === undefined ? row : transform(row);
      if (output === undefined) {
        this.statistics.rowsFiltered++;
        return;
      }
      table.append(output.TimeGenerated === undefined || output.TimeGenerated === null ? { ...output, TimeGenerated: receivedAt } : output,
        receivedAt);
      this.statistics.rowsWritten++;
    });
  }

  /** The workspace a request names, once its SharedKey signature is checked. */
  private authenticate(request: DataCollectorRequest, header: (name: string) => string | undefined, contentType: string,
    receivedAt: Date): QueryableWorkspace {
    const authorization = parseSharedKeyAuthorization(header('authorization'));
    if (!authorization.ok) {
      throw authorization.reason === 'missing' ? DataCollectorErrorFactory.missingAuthorization()
        : authorization.reason === 'scheme' ? DataCollectorErrorFactory.invalidScheme()
          : DataCollectorErrorFactory.invalidSignature();
    }
    // In Azure the workspace is the host name's first label; behind the emulator's address it is the one the
    // Authorization header names.
    const hostWorkspaceId = HOST_WORKSPACE_ID.exec(header('host') ?? '')?.[1];
    if (hostWorkspaceId !== undefined && hostWorkspaceId.toLowerCase() !== authorization.workspaceId.toLowerCase()) {
      throw DataCollectorErrorFactory.workspaceMismatch();
    }
    const found = this.options.workspaces()
      .find((candidate) => candidate.workspace.customerId.toLowerCase() === authorization.workspaceId.toLowerCase());
    if (found === undefined) {
      throw DataCollectorErrorFactory.invalidCustomerId(authorization.workspaceId);
    }
    if (!found.workspace.localAuthenticationEnabled) {
      throw DataCollectorErrorFactory.localAuthenticationDisabled();
    }

    // `x-ms-date`, or the standard `Date` header when it is absent (as Azure's other SharedKey services allow:
    // UNCONFIRMED for this API); the string to sign names it `x-ms-date` either way.
    const dateText = header('x-ms-date') ?? header('date');
    if (dateText === undefined || dateText.trim() === '') {
      throw DataCollectorErrorFactory.missingDate();
    }
    const date = parseRfc1123Date(dateText);
    if (date === undefined) {
      throw DataCollectorErrorFactory.invalidDate();
    }
    if (Math.abs(receivedAt.getTime() - date.getTime()) > this.maxClockSkewMilliseconds) {
      throw DataCollectorErrorFactory.staleDate(dateText, Math.round(this.maxClockSkewMilliseconds / 60_000));
    }

    // Content-Length is the body's length in bytes (what the header says, for a request that has one).
    const stringToSign = dataCollectorStringToSign({
      method: request.method, contentLength: request.body.length, contentType: header('content-type') ?? contentType, date: dateText,
    });
    const provided = Buffer.from(authorization.signature);
    const signedBy = [found.workspace.primarySharedKey, found.workspace.secondarySharedKey].some((key) => {
      const expected = Buffer.from(createHmac('sha256', Buffer.from(key, 'base64')).update(stringToSign, 'utf8').digest('base64'));
      return expected.length === provided.length && timingSafeEqual(expected, provided);
    });
    if (!signedBy) {
      throw DataCollectorErrorFactory.invalidSignature();
    }
    return found;
  }
}

/** The records of a body: one JSON object or an array of them. */
function parseRecords(body: Buffer): unknown[] {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = parseBoundedJson(text);
  } catch (error) {
    throw DataCollectorErrorFactory.invalidDataFormat(`not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) {
    return parsed;
  }
  if (typeof parsed === 'object' && parsed !== null) {
    return [parsed];
  }
  throw DataCollectorErrorFactory.invalidDataFormat('expected a JSON object or an array of objects');
}

/** The custom tables (`_CL`) of a workspace: those the stack declares and those the API created. */
function customTableCount(workspace: QueryableWorkspace['workspace'], store: QueryableWorkspace['store']): number {
  const names = new Set([...workspace.tables.keys()].filter((name) => name.endsWith('_CL')));
  for (const table of store.allTables()) {
    if (table.tableName.endsWith('_CL')) {
      names.add(table.tableName);
    }
  }
  return names.size;
}
