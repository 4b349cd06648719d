import { KqlQueryError, QueryTable, runQuery } from '../../../model/kql/evaluate/run-query';
import { KqlTimespan, KqlValue, Row } from '../../../model/kql/values';
import { QueryErrorFactory } from '../../errors/query-error-factory';
import { WorkspaceStore } from '../../store/table-store';
import { EmulatedWorkspace } from '../../topology/load-topology';

/** The body of a query request (`POST .../workspaces/{id}/query`). */
export interface QueryRequestBody {
  readonly query?: unknown;
  readonly timespan?: unknown;
  readonly workspaces?: unknown;
}

/** A workspace and its tables, as the query API sees them. */
export interface QueryableWorkspace {
  readonly workspace: EmulatedWorkspace;
  readonly store: WorkspaceStore;
}

/** The response of the query API: one `PrimaryResult` table, cells as JSON writes them. */
export interface QueryResponseBody {
  tables: Array<{ name: string; columns: Array<{ name: string; type: string }>; rows: unknown[][] }>;
}

/** Finds a workspace by its (customer) ID, or by name for convenience. */
export function findWorkspace(workspaces: readonly QueryableWorkspace[], workspaceId: string): QueryableWorkspace {
  const found = workspaces.find((candidate) => candidate.workspace.customerId.toLowerCase() === workspaceId.toLowerCase()
    || candidate.workspace.workspaceName === workspaceId);
  if (found === undefined) {
    throw QueryErrorFactory.workspaceNotFound(workspaceId);
  }
  return found;
}

/** Runs a query request against a workspace and writes the response body as the real API does. */
export function answerQuery(workspace: QueryableWorkspace, body: QueryRequestBody, now: Date): QueryResponseBody {
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    throw QueryErrorFactory.badArgument('QueryMissing', "The request has no 'query' property, or it is empty.");
  }
  const window = body.timespan === undefined || body.timespan === null ? undefined : parseTimespan(String(body.timespan), now);
  const tables: QueryTable[] = workspace.store.allTables().map((table) => (window === undefined ? table : {
    tableName: table.tableName,
    columns: table.columns,
    rows: () => withinWindow(table.rows(), window),
  }));
  try {
    const result = runQuery(body.query, tables, { now });
    return {
      tables: [{
        name: 'PrimaryResult',
        columns: result.columns.map((column) => ({ name: column.name, type: column.type })),
        rows: result.rows.map((row) => row.map(cellOf)),
      }],
    };
  } catch (error) {
    if (error instanceof KqlQueryError) {
      throw QueryErrorFactory.badArgument(error.innerCode, error.message);
    }
    throw error;
  }
}

/** A cell as the query API writes it: datetimes in ISO 8601, dynamic values as JSON text, timespans as text. */
export function cellOf(value: KqlValue): unknown {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (value instanceof KqlTimespan) {
    return value.toString();
  }
  if (typeof value === 'object' && value !== null) {
    return JSON.stringify(value);
  }
  return value;
}

function* withinWindow(rows: Iterable<Row>, window: { start: Date; end: Date }): Iterable<Row> {
  for (const row of rows) {
    const time = row.TimeGenerated;
    if (!(time instanceof Date) || (time >= window.start && time <= window.end)) {
      yield row;
    }
  }
}

/** ISO 8601 duration (`PT1H`, `P1DT2H`, `P2W`) in milliseconds, or undefined. */
function durationMilliseconds(text: string): number | undefined {
  const match = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) {
    return undefined;
  }
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * The query API's `timespan`: a duration ending now (`PT1H`), `start/end`, `start/duration` or `duration/end`
 * (ISO 8601). Anything else is a bad argument.
 */
export function parseTimespan(text: string, now: Date): { start: Date; end: Date } {
  const fail = () => QueryErrorFactory.badArgument('InvalidTimespan', `The timespan '${text}' is not an ISO 8601 interval or duration.`);
  const parts = text.split('/');
  const date = (value: string) => {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) {
      throw fail();
    }
    return parsed;
  };
  if (parts.length === 1) {
    const duration = durationMilliseconds(parts[0]);
    if (duration === undefined) {
      throw fail();
    }
    return { start: new Date(now.getTime() - duration), end: now };
  }
  if (parts.length !== 2) {
    throw fail();
  }
  const [first, second] = parts;
  const firstDuration = durationMilliseconds(first);
  const secondDuration = durationMilliseconds(second);
  if (firstDuration !== undefined && secondDuration === undefined) {
    const end = date(second);
    return { start: new Date(end.getTime() - firstDuration), end };
  }
  if (secondDuration !== undefined && firstDuration === undefined) {
    const start = date(first);
    return { start, end: new Date(start.getTime() + secondDuration) };
  }
  if (firstDuration === undefined && secondDuration === undefined) {
    return { start: date(first), end: date(second) };
  }
  throw fail();
}
