import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoredTable } from '../store/table-store';
import { EmulatorHttpError, QueryErrorFactory } from '../errors/query-error-factory';
import { QueryJob, QueryJobResult, QueryJobTable } from './query-messages';
import { errorAnswer, QueryAnswer } from './query-response';

/** The time a query may run, by default (`--query-timeout`). */
export const DEFAULT_QUERY_TIMEOUT_SECONDS = 30;
/** The heap a query worker may use, by default (`--query-memory`), in MiB; the language service takes about 150. */
export const DEFAULT_QUERY_MEMORY_MB = 1024;
/** Query workers that run at the same time: a slow query holds one, the other answers the rest. */
export const DEFAULT_QUERY_WORKERS = 2;
/** Queries that may wait for a worker; past them the API answers 429, as the service does when throttling. */
const MAX_WAITING_QUERIES = 1000;

/** Options of {@link QueryWorkers}. */
export interface QueryWorkersOptions {
  /** @default 30 */
  readonly timeoutSeconds?: number;
  /** @default 1024 */
  readonly memoryMb?: number;
  /** @default 2 */
  readonly workers?: number;
}

/** A query for a worker: the text, the clock and the tables (snapshots are taken when a worker takes it). */
export interface QueryRequest {
  readonly query: string;
  readonly now: Date;
  readonly window?: { readonly start: Date; readonly end: Date };
  readonly tables: readonly StoredTable[];
}

interface Waiting {
  readonly request: QueryRequest;
  readonly resolve: (answer: QueryAnswer) => void;
  /** When it came (`Date.now()`). */
  readonly since: number;
}

/** What the pool is doing, for `/emulator/statistics`: a query that waits long shows why. */
export interface QueryWorkersState {
  /** Queries waiting for a worker, and how long the oldest has waited. */
  readonly waiting: number;
  readonly oldestWaitingMs: number;
  readonly workers: ReadonlyArray<{ readonly state: 'starting' | 'idle' | 'running' | 'stopping'; readonly forMs: number }>;
  /** Workers started, and stopped by a query's timeout or memory, since the start. */
  readonly started: number;
  readonly timedOut: number;
  readonly outOfMemory: number;
}

/** One worker thread, what it knows of each table, and the job it runs. */
interface Slot {
  readonly worker: Worker;
  ready: boolean;
  /** Since when it is in its current state (`Date.now()`), and whether it is being stopped. */
  since: number;
  stopping: boolean;
  readonly known: Map<number, { shapes: number; columns: number }>;
  job?: { readonly id: number; readonly waiting: Waiting; readonly release: () => void; readonly timer: NodeJS.Timeout };
}

/**
 * How the worker thread starts: the compiled `query-worker.js` beside this file; from the TypeScript sources (the test
 * suite runs them), the same file compiled on load by swc, the compiler the test suite already uses.
 */
function workerOf(resourceLimits: { maxOldGenerationSizeMb: number }): Worker {
  const compiled = path.join(__dirname, 'query-worker.js');
  if (existsSync(compiled)) {
    return new Worker(compiled, { resourceLimits });
  }
  const source = path.join(__dirname, 'query-worker.ts');
  const bootstrap = `
    const { addHook } = require(${JSON.stringify(require.resolve('pirates'))});
    const { transformSync } = require(${JSON.stringify(require.resolve('@swc/core'))});
    addHook((code, filename) => transformSync(code, {
      filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
    }).code, { exts: ['.ts'] });
    require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/**
 * The query API's queries run here, on worker threads, each bounded in time and memory: past its time the worker is
 * terminated and the client gets the timeout answer; past its memory the worker dies alone (V8's heap limit of the
 * thread) and the client gets Kusto's low-memory error. A new worker takes the next query. The listeners and the
 * ingestion, on the main thread, never wait for a query.
 */
export class QueryWorkers {
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly maxWorkers: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Waiting[] = [];
  private nextJobId = 0;
  private closed = false;
  private readonly counts = { started: 0, timedOut: 0, outOfMemory: 0 };

  constructor(options: QueryWorkersOptions = {}) {
    const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_QUERY_TIMEOUT_SECONDS;
    const memoryMb = options.memoryMb ?? DEFAULT_QUERY_MEMORY_MB;
    const workers = options.workers ?? DEFAULT_QUERY_WORKERS;
    if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
      throw new RangeError(`query timeout: ${timeoutSeconds} is not a number of seconds above 0`);
    }
    if (!Number.isInteger(memoryMb) || memoryMb < 256) {
      throw new RangeError(`query memory: ${memoryMb} is not a whole number of MiB of at least 256 (the language service needs about 150)`);
    }
    if (!Number.isInteger(workers) || workers < 1) {
      throw new RangeError(`query workers: ${workers} is not a whole number of at least 1`);
    }
    this.timeoutMs = timeoutSeconds * 1000;
    this.memoryMb = memoryMb;
    this.maxWorkers = workers;
  }

  /** The seconds a query may run. */
  public get timeoutSeconds(): number {
    return this.timeoutMs / 1000;
  }

  /** What the pool is doing now. */
  public state(): QueryWorkersState {
    const now = Date.now();
    return {
      waiting: this.waiting.length,
      oldestWaitingMs: this.waiting.length === 0 ? 0 : now - this.waiting[0].since,
      workers: this.slots.map((slot) => ({
        state: slot.stopping ? 'stopping' : !slot.ready ? 'starting' : slot.job === undefined ? 'idle' : 'running', forMs: now - slot.since,
      })),
      ...this.counts,
    };
  }

  /** Runs a query on a worker; resolves with the HTTP answer, never rejects. */
  public run(request: QueryRequest): Promise<QueryAnswer> {
    if (this.closed) {
      return Promise.resolve(errorAnswer(QueryErrorFactory.serviceUnavailable()));
    }
    if (this.waiting.length >= MAX_WAITING_QUERIES) {
      return Promise.resolve(errorAnswer(QueryErrorFactory.tooManyRequests(MAX_WAITING_QUERIES)));
    }
    return new Promise((resolve) => {
      this.waiting.push({ request, resolve, since: Date.now() });
      this.dispatch();
    });
  }

  /** Stops every worker; queries waiting or running get 503. */
  public async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.waiting.splice(0)) {
      waiting.resolve(errorAnswer(QueryErrorFactory.serviceUnavailable()));
    }
    await Promise.all(this.slots.splice(0).map((slot) => {
      this.finish(slot, errorAnswer(QueryErrorFactory.serviceUnavailable()));
      return slot.worker.terminate();
    }));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const idle = this.slots.find((slot) => slot.ready && slot.job === undefined);
      if (idle === undefined) {
        if (this.slots.length < this.maxWorkers && this.slots.every((slot) => slot.ready)) {
          this.start();
        }
        return;
      }
      this.send(idle, this.waiting.shift() as Waiting);
    }
  }

  private start(): void {
    const worker = workerOf({ maxOldGenerationSizeMb: this.memoryMb });
    const slot: Slot = { worker, ready: false, since: Date.now(), stopping: false, known: new Map() };
    this.slots.push(slot);
    this.counts.started++;
    worker.on('message', (message: QueryJobResult | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        slot.since = Date.now();
      } else if (slot.job !== undefined && slot.job.id === message.id) {
        this.finish(slot, message.answer ?? errorAnswer(new EmulatorHttpError(500, 'InternalServerError',
          `The emulator failed on this query: ${message.failure ?? 'no answer'}`)));
      }
      this.dispatch();
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      slot.ready = false;
      slot.stopping = true;
      slot.since = Date.now();
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.counts.outOfMemory++;
      }
      const answer = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? errorAnswer(QueryErrorFactory.badArgument('E_LOW_MEMORY_CONDITION',
          `The query used more than the ${this.memoryMb} MiB a query may use (--query-memory); Kusto answers such a query with E_LOW_MEMORY_CONDITION.`))
        : errorAnswer(new EmulatorHttpError(500, 'InternalServerError', `The emulator's query worker failed: ${error.message}`));
      this.finish(slot, answer);
    });
    worker.on('exit', () => {
      this.finish(slot, errorAnswer(new EmulatorHttpError(500, 'InternalServerError', "The emulator's query worker stopped.")));
      const index = this.slots.indexOf(slot);
      if (index >= 0) {
        this.slots.splice(index, 1);
      }
      if (!this.closed) {
        this.dispatch();
      }
    });
  }

  private send(slot: Slot, waiting: Waiting): void {
    const releases: Array<() => void> = [];
    const tables: QueryJobTable[] = waiting.request.tables.map((table) => {
      const known = slot.known.get(table.tableId) ?? { shapes: 0, columns: 0 };
      const { snapshot, release } = table.snapshot(known.shapes, known.columns);
      releases.push(release);
      slot.known.set(table.tableId, { shapes: known.shapes + snapshot.shapes.length, columns: known.columns + snapshot.columnNames.length });
      return { tableId: table.tableId, tableName: table.tableName, columns: table.columns, snapshot };
    });
    const { window } = waiting.request;
    const job: QueryJob = {
      id: this.nextJobId++, query: waiting.request.query, nowMs: waiting.request.now.getTime(), tables,
      ...(window === undefined ? {} : { window: { startMs: window.start.getTime(), endMs: window.end.getTime() } }),
    };
    const timer = setTimeout(() => {
      // Only terminating the thread stops a query that runs (JavaScript cannot interrupt a loop from outside).
      slot.ready = false;
      slot.stopping = true;
      slot.since = Date.now();
      this.counts.timedOut++;
      this.finish(slot, errorAnswer(QueryErrorFactory.queryTimeout(this.timeoutMs / 1000)));
      void slot.worker.terminate();
    }, this.timeoutMs);
    slot.job = { id: job.id, waiting, timer, release: () => releases.forEach((release) => release()) };
    slot.since = Date.now();
    slot.worker.postMessage(job);
  }

  /** Answers the slot's job, if it has one, and frees the slot. */
  private finish(slot: Slot, answer: QueryAnswer): void {
    const job = slot.job;
    if (job === undefined) {
      return;
    }
    slot.job = undefined;
    slot.since = Date.now();
    clearTimeout(job.timer);
    job.release();
    job.waiting.resolve(answer);
  }
}
