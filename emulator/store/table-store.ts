import { QueryTable } from '../../model/kql/evaluate/run-query';
import { Row } from '../../model/kql/values';
import { ColumnDefinition, TableSchema } from '../../model/tables/table-schema';
import { EncodedRows, EncodedRowsSnapshot } from './encoded-rows';

/** The default bound of each table: past it, the oldest rows go first. */
export const DEFAULT_ROW_CAP_PER_TABLE = 100_000;

/** How many minutes of rows per minute each table keeps for the Data connectors page's graph. */
export const ROWS_PER_MINUTE_HISTORY_IN_MINUTES = 60;

const MINUTE_IN_MILLISECONDS = 60_000;

/** Rows a table received per minute (the emulator's clock), oldest minute first. */
export interface RowsPerMinute {
  /** Start of the first minute, in milliseconds since the epoch (UTC); the others follow one minute apart. */
  readonly firstMinuteStartMs: number;
  /** Rows received in each minute. */
  readonly rows: number[];
}

/**
 * Rows per minute of the last {@link ROWS_PER_MINUTE_HISTORY_IN_MINUTES} minutes, in a ring of counters: a row in
 * the current minute is one increment; a new minute clears the counters it skipped (at most the ring's length).
 */
class MinuteSeries {
  private readonly counts = new Float64Array(ROWS_PER_MINUTE_HISTORY_IN_MINUTES);
  /** The epoch minute of the newest counter, -1 before the first row. */
  private newestMinute = -1;
  private newestStartMs = 0;
  private newestEndMs = 0;

  public add(atMs: number): void {
    if (atMs >= this.newestStartMs && atMs < this.newestEndMs) {
      this.counts[this.newestMinute % ROWS_PER_MINUTE_HISTORY_IN_MINUTES]++;
      return;
    }
    const minute = Math.floor(atMs / MINUTE_IN_MILLISECONDS);
    if (minute > this.newestMinute) {
      this.advanceTo(minute);
      this.counts[minute % ROWS_PER_MINUTE_HISTORY_IN_MINUTES]++;
    } else if (this.newestMinute - minute < ROWS_PER_MINUTE_HISTORY_IN_MINUTES) {
      // A clock that went back (a test's fixed clock): counted in its own minute while that is still kept.
      this.counts[minute % ROWS_PER_MINUTE_HISTORY_IN_MINUTES]++;
    }
  }

  /** The counters of the minutes up to the one holding `atMs`, oldest first; minutes without rows count 0. */
  public until(atMs: number): RowsPerMinute {
    const lastMinute = Math.floor(atMs / MINUTE_IN_MILLISECONDS);
    const firstMinute = lastMinute - ROWS_PER_MINUTE_HISTORY_IN_MINUTES + 1;
    const rows: number[] = [];
    for (let minute = firstMinute; minute <= lastMinute; minute++) {
      const kept = minute <= this.newestMinute && this.newestMinute - minute < ROWS_PER_MINUTE_HISTORY_IN_MINUTES;
      rows.push(kept ? this.counts[minute % ROWS_PER_MINUTE_HISTORY_IN_MINUTES] : 0);
    }
    return { firstMinuteStartMs: firstMinute * MINUTE_IN_MILLISECONDS, rows };
  }

  private advanceTo(minute: number): void {
    const skipped = this.newestMinute < 0 ? ROWS_PER_MINUTE_HISTORY_IN_MINUTES
      : Math.min(minute - this.newestMinute, ROWS_PER_MINUTE_HISTORY_IN_MINUTES);
    for (let step = 0; step < skipped; step++) {
      this.counts[(minute - step) % ROWS_PER_MINUTE_HISTORY_IN_MINUTES] = 0;
    }
    this.newestMinute = minute;
    this.newestStartMs = minute * MINUTE_IN_MILLISECONDS;
    this.newestEndMs = this.newestStartMs + MINUTE_IN_MILLISECONDS;
  }
}

/** Counters of one table. */
export interface TableStatistics {
  readonly tableName: string;
  /** Rows held now. */
  readonly rowCount: number;
  /** Rows ever written. */
  readonly rowsWritten: number;
  /** Oldest rows dropped to stay within the cap. */
  readonly rowsEvicted: number;
  /** When the last row arrived (the emulator's clock), or undefined before any. */
  readonly lastRowAt?: Date;
}

let nextTableId = 0;

/**
 * One table of a workspace: rows in arrival order, encoded outside the JavaScript heap (see encoded-rows.ts), bounded
 * by a row cap so that a long run never exhausts memory; the oldest rows are dropped first and counted.
 */
export class StoredTable implements QueryTable {
  /** A number no other table of the process has: a query worker keeps what it was sent of each table under it. */
  public readonly tableId = nextTableId++;
  private readonly stored: EncodedRows;
  private written = 0;
  private evicted = 0;
  private lastAt?: Date;
  private readonly minutes = new MinuteSeries();

  constructor(private currentSchema: TableSchema, rowCap: number) {
    this.stored = new EncodedRows(rowCap);
  }

  /** The table's name and columns; the columns grow with {@link addColumns}. */
  public get schema(): TableSchema {
    return this.currentSchema;
  }

  public get tableName(): string {
    return this.currentSchema.tableName;
  }

  public get columns(): readonly ColumnDefinition[] {
    return this.currentSchema.columns;
  }

  /**
   * Adds the columns the table lacks after the others, as the HTTP Data Collector API grows its tables when new
   * properties arrive. Rows already stored read the new columns as null.
   */
  public addColumns(columns: readonly ColumnDefinition[]): void {
    const known = new Set(this.currentSchema.columns.map((column) => column.name));
    const added = columns.filter((column) => !known.has(column.name) && known.add(column.name));
    if (added.length > 0) {
      this.currentSchema = { tableName: this.currentSchema.tableName, columns: [...this.currentSchema.columns, ...added] };
    }
  }

  /** Appends a row; when full, the oldest row is dropped. */
  public append(row: Row, at: Date): void {
    if (this.stored.append(row)) {
      this.evicted++;
    }
    this.written++;
    this.lastAt = at;
    this.minutes.add(at.getTime());
  }

  /**
   * Rows received in each of the last {@link ROWS_PER_MINUTE_HISTORY_IN_MINUTES} minutes up to `now` (the emulator's
   * clock when they arrived, not their `TimeGenerated`), oldest first.
   */
  public rowsPerMinute(now: Date): RowsPerMinute {
    return this.minutes.until(now.getTime());
  }

  /** The rows held, oldest first. */
  public *rows(): Iterable<Row> {
    yield* this.stored.rows();
  }

  /** The rows held now, for a query on another thread; see {@link EncodedRows.snapshot}. */
  public snapshot(shapesKnown: number, columnsKnown: number): { snapshot: EncodedRowsSnapshot; release: () => void } {
    return this.stored.snapshot(shapesKnown, columnsKnown);
  }

  public statistics(): TableStatistics {
    return {
      tableName: this.tableName, rowCount: this.stored.size, rowsWritten: this.written, rowsEvicted: this.evicted,
      ...(this.lastAt === undefined ? {} : { lastRowAt: this.lastAt }),
    };
  }
}

/** The tables of one workspace. */
export class WorkspaceStore {
  private readonly tables = new Map<string, StoredTable>();

  constructor(schemas: Iterable<TableSchema>, private readonly rowCap: number = DEFAULT_ROW_CAP_PER_TABLE) {
    for (const schema of schemas) {
      this.tables.set(schema.tableName, new StoredTable(schema, rowCap));
    }
  }

  /** The table, made on first write when the stack did not declare it (its columns are then unknown). */
  public table(tableName: string): StoredTable {
    let table = this.tables.get(tableName);
    if (table === undefined) {
      table = new StoredTable({ tableName, columns: [] }, this.rowCap);
      this.tables.set(tableName, table);
    }
    return table;
  }

  public allTables(): StoredTable[] {
    return [...this.tables.values()];
  }
}
