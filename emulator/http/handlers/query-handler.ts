import { QueryErrorFactory } from '../../errors/query-error-factory';
import { QueryRequest } from '../../query/query-workers';
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

/** One query of a `$batch` body. */
export interface BatchEntry {
  readonly id: string;
  readonly workspace: string;
  readonly body: QueryRequestBody;
}

/** Finds a workspace by its (customer) ID, or by name for convenience. */
export function findWorkspace(workspaces: readonly QueryableWorkspace[], workspaceId: string): QueryableWorkspace {
  const found = workspaces.find((candidate) => candidate.workspace.customerId.toLowerCase() === workspaceId.toLowerCase()
    || candidate.workspace.workspaceName === workspaceId);
  if (found === undefined) {
    throw QueryErrorFactory.workspaceNotFound(workspaceId.slice(0, 200));
  }
  return found;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** A query body: a JSON object with a non-empty `query` text and, optionally, a `timespan` text. */
export function queryBodyOf(value: unknown): QueryRequestBody {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw QueryErrorFactory.badArgument('InvalidBody', `The request body must be a JSON object with a 'query'; received ${describe(value)}.`);
  }
  return value as QueryRequestBody;
}

/** The entries of a `$batch` body: `{"requests": [{"id", "workspace", "body": {...}}, ...]}`. */
export function batchEntriesOf(value: unknown): BatchEntry[] {
  const body = queryBodyOf(value) as { requests?: unknown };
  if (!Array.isArray(body.requests)) {
    throw QueryErrorFactory.badArgument('InvalidBody', `The batch body must have 'requests', an array of requests; received ${describe(body.requests)}.`);
  }
  return body.requests.map((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw QueryErrorFactory.badArgument('InvalidBody', `requests[${index}] must be an object with an id, a workspace and a body; received ${describe(entry)}.`);
    }
    const { id, workspace, body: entryBody } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || typeof workspace !== 'string') {
      throw QueryErrorFactory.badArgument('InvalidBody', `requests[${index}] must have an 'id' and a 'workspace' that are texts.`);
    }
    return { id, workspace, body: entryBody === undefined ? {} : queryBodyOf(entryBody) };
  });
}

/** The request a query worker runs: the text checked, the `timespan` resolved against the emulator's clock. */
export function queryRequestOf(workspace: QueryableWorkspace, body: QueryRequestBody, now: Date): QueryRequest {
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    throw QueryErrorFactory.badArgument('QueryMissing', "The request has no 'query' property, or it is empty.");
  }
  if (body.timespan !== undefined && body.timespan !== null && typeof body.timespan !== 'string') {
    throw QueryErrorFactory.badArgument('InvalidTimespan', `The timespan must be an ISO 8601 interval or duration text; received ${describe(body.timespan)}.`);
  }
  const window = typeof body.timespan === 'string' ? parseTimespan(body.timespan, now) : undefined;
  return { query: body.query, now, tables: workspace.store.allTables(), ...(window === undefined ? {} : { window }) };
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
  const fail = () => QueryErrorFactory.badArgument('InvalidTimespan', `The timespan '${text.slice(0, 200)}' is not an ISO 8601 interval or duration.`);
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
