/**
 * The query worker: a thread that runs the query API's queries over snapshots of the tables (shared memory, see
 * encoded-rows.ts), so that no query holds up the listeners, ingestion or other requests. The server bounds each job
 * in time (it terminates the thread) and in memory (the thread's resource limits).
 */
import { parentPort } from 'node:worker_threads';
import { QueryTable } from '../../model/kql/evaluate/run-query';
import { EncodedRowsReader } from '../store/encoded-rows';
import { QueryJob, QueryJobResult } from './query-messages';
import { answerQuery } from './query-response';

/** What the worker keeps of each table between jobs: the shapes and column names it was sent. */
const readers = new Map<number, EncodedRowsReader>();

function readerOf(tableId: number): EncodedRowsReader {
  let reader = readers.get(tableId);
  if (reader === undefined) {
    reader = new EncodedRowsReader();
    readers.set(tableId, reader);
  }
  return reader;
}

function run(job: QueryJob): QueryJobResult {
  const tables: QueryTable[] = job.tables.map((table) => {
    const reader = readerOf(table.tableId);
    const rows = reader.rows(table.snapshot);
    return { tableName: table.tableName, columns: table.columns, rows: () => rows };
  });
  const window = job.window === undefined ? undefined : { start: new Date(job.window.startMs), end: new Date(job.window.endMs) };
  try {
    return { id: job.id, answer: answerQuery(job.query, tables, new Date(job.nowMs), window) };
  } catch (error) {
    return { id: job.id, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const port = parentPort;
if (port !== null) {
  // Loads the Kusto language service before the first job, so that its time does not count against a query.
  answerQuery('print 1', [], new Date());
  port.on('message', (job: QueryJob) => port.postMessage(run(job)));
  port.postMessage({ ready: true });
}
