import { QueryTable } from '../../model/kql/evaluate/run-query';
import { Row } from '../../model/kql/values';
import { ColumnDefinition, TableSchema } from '../../model/tables/table-schema';

/** The default bound of each table: past it, the oldest rows go first. */
export const DEFAULT_ROW_CAP_PER_TABLE = 100_000;

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

/**
 * One table of a workspace: rows in arrival order in a ring buffer, bounded by a row cap so that a long run never
 * exhausts memory; the oldest rows are dropped first and counted.
 */
export class StoredTable implements QueryTable {
  private readonly buffer: Array<Row | undefined>;
  private start = 0;
  private size = 0;
  private written = 0;
  private evicted = 0;
  private lastAt?: Date;

  constructor(private currentSchema: TableSchema, private readonly rowCap: number) {
    this.buffer = [];
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
    if (this.size < this.rowCap) {
      this.buffer[(this.start + this.size) % this.rowCap] = row;
      this.size++;
    } else {
      this.buffer[this.start] = row;
      this.start = (this.start + 1) % this.rowCap;
      this.evicted++;
    }
    this.written++;
    this.lastAt = at;
  }

  /** The rows held, oldest first. */
  public *rows(): Iterable<Row> {
    for (let index = 0; index < this.size; index++) {
      yield this.buffer[(this.start + index) % this.rowCap] as Row;
    }
  }

  public statistics(): TableStatistics {
    return {
      tableName: this.tableName, rowCount: this.size, rowsWritten: this.written, rowsEvicted: this.evicted,
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
