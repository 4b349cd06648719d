import { StreamColumnType, TableColumnType } from '../tables/table-schema';

/** One column of a custom table. */
export interface TableColumnConfig {
  /** Column name, case sensitive as in KQL. */
  readonly name: string;
  /** Column type. */
  readonly type: TableColumnType;
  /** @default - none */
  readonly description?: string;
}

/** One column of a stream that senders post. */
export interface StreamColumnConfig {
  /** Column name, case sensitive as in KQL. */
  readonly name: string;
  /** Column type. */
  readonly type: StreamColumnType;
}
