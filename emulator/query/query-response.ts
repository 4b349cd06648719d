import { KqlQueryError, QueryTable, runQuery } from '../../model/kql/evaluate/run-query';
import { KqlTimespan, KqlValue, Row } from '../../model/kql/values';
import { EmulatorHttpError, QueryErrorFactory } from '../errors/query-error-factory';

/**
 * Log Analytics' result limits (Azure Monitor service limits, "Log queries"; Kusto "Query limits", result truncation):
 * at most 500,000 records and 64 MB of data; past either, the rows that fit are returned with a partial error.
 */
export const QUERY_RESULT_LIMITS = { maxRows: 500_000, maxBytes: 64 * 1024 * 1024 } as const;

/** An HTTP answer, ready to write: the worker thread builds it, the server writes it. */
export interface QueryAnswer {
  readonly status: number;
  /** The JSON body. */
  readonly body: string;
  /** The `x-ms-error-code` header, for errors. */
  readonly errorCode?: string;
  /** Other headers (`Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The answer of an error, as the query API writes it. */
export function errorAnswer(error: EmulatorHttpError): QueryAnswer {
  return {
    status: error.status, body: JSON.stringify(error.toBody()), errorCode: error.code,
    ...(Object.keys(error.headers).length === 0 ? {} : { headers: error.headers }),
  };
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

/**
 * The partial error Log Analytics adds to a 200 whose result was cut (the client libraries then report a partial
 * failure): Kusto's E_QUERY_RESULT_SET_TOO_LARGE.
 */
function truncationError(limit: string): unknown {
  return {
    code: 'PartialError',
    message: 'There were some errors when processing your query.',
    details: [{
      code: 'EngineError',
      message: 'Something went wrong processing your query on the server.',
      innererror: {
        code: '-2133196797',
        message: `Query result set has exceeded the internal ${limit} (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)`,
        severity: 2,
        severityName: 'Error',
      },
    }],
  };
}

function* withinWindow(rows: Iterable<Row>, window: { readonly start: Date; readonly end: Date }): Iterable<Row> {
  for (const row of rows) {
    const time = row.TimeGenerated;
    if (!(time instanceof Date) || (time >= window.start && time <= window.end)) {
      yield row;
    }
  }
}

/**
 * Runs a query over tables and writes the query API's answer: 200 with the `PrimaryResult` table (cut at the result
 * limits, with the partial error), or the 400 of a query the service refuses. A query that exhausts what a value may
 * hold (a string past V8's length, a stack too deep) is a 400 with Kusto's E_RUNAWAY_QUERY, never a crash.
 */
export function answerQuery(
  query: string, tables: readonly QueryTable[], now: Date, window?: { readonly start: Date; readonly end: Date },
): QueryAnswer {
  const windowed = window === undefined ? tables : tables.map((table) => ({
    tableName: table.tableName, columns: table.columns, rows: () => withinWindow(table.rows(), window),
  }));
  try {
    const result = runQuery(query, windowed, { now, maxRows: QUERY_RESULT_LIMITS.maxRows });
    const columns = JSON.stringify(result.columns.map((column) => ({ name: column.name, type: column.type })));
    const head = `{"tables":[{"name":"PrimaryResult","columns":${columns},"rows":[`;
    const parts: string[] = [head];
    let bytes = head.length;
    let cut: string | undefined = result.truncated === true ? `record count limit ${QUERY_RESULT_LIMITS.maxRows}` : undefined;
    for (let index = 0; index < result.rows.length; index++) {
      const text = JSON.stringify(result.rows[index].map(cellOf));
      bytes += Buffer.byteLength(text, 'utf8') + 1;
      if (bytes > QUERY_RESULT_LIMITS.maxBytes) {
        cut = `data size limit ${QUERY_RESULT_LIMITS.maxBytes}`;
        break;
      }
      parts.push(index === 0 ? text : `,${text}`);
    }
    parts.push(cut === undefined ? ']}]}' : `]}],"error":${JSON.stringify(truncationError(cut))}}`);
    return { status: 200, body: parts.join('') };
  } catch (error) {
    if (error instanceof KqlQueryError) {
      return errorAnswer(QueryErrorFactory.badArgument(error.innerCode, error.message));
    }
    if (error instanceof RangeError) {
      return errorAnswer(QueryErrorFactory.badArgument('E_RUNAWAY_QUERY',
        `The query used more than a value or the stack may hold (${error.message}); Kusto answers such a query with E_RUNAWAY_QUERY.`));
    }
    throw error;
  }
}
