import { ColumnDefinition } from '../../model/tables/table-schema';
import { EncodedRowsSnapshot } from '../store/encoded-rows';
import { QueryAnswer } from './query-response';

/** A table of a query job: its name and columns now, and a snapshot of its rows. */
export interface QueryJobTable {
  readonly tableId: number;
  readonly tableName: string;
  readonly columns: readonly ColumnDefinition[];
  readonly snapshot: EncodedRowsSnapshot;
}

/** What the server sends a query worker. */
export interface QueryJob {
  readonly id: number;
  readonly query: string;
  /** The emulator's clock when the request came, in epoch milliseconds: `now()` of the query. */
  readonly nowMs: number;
  /** The request's `timespan`, resolved. */
  readonly window?: { readonly startMs: number; readonly endMs: number };
  readonly tables: readonly QueryJobTable[];
}

/** What a query worker answers: the job's HTTP answer, or the error that the emulator does not map (a bug). */
export interface QueryJobResult {
  readonly id: number;
  readonly answer?: QueryAnswer;
  readonly failure?: string;
}
