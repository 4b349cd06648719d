import { COMMON_SECURITY_LOG_TABLE } from './common-security-log';
import { SYSLOG_TABLE } from './syslog';
import { TableSchema } from './table-schema';
import { WATCHLIST_TABLE } from './watchlist';

/** Built-in Sentinel tables whose schemas the model knows, by table name. */
const BUILT_IN_TABLES: ReadonlyMap<string, TableSchema> = new Map(
  [SYSLOG_TABLE, COMMON_SECURITY_LOG_TABLE].map((table) => [table.tableName, table]),
);

/** The schema of a built-in table (`Syslog`, `CommonSecurityLog`), or undefined when the model does not know it. */
export function builtInTable(tableName: string): TableSchema | undefined {
  return BUILT_IN_TABLES.get(tableName);
}

/** Names of every built-in table the model knows. */
export function builtInTableNames(): string[] {
  return [...BUILT_IN_TABLES.keys()];
}

/**
 * Tables Sentinel fills itself (`Watchlist`, which `_GetWatchlist` reads). Queries read them; no data collection rule
 * writes them, so they are not among the built-in tables above, whose `Microsoft-<Table>` streams a rule may target.
 */
const SENTINEL_MANAGED_TABLES: readonly TableSchema[] = [WATCHLIST_TABLE];

/** Every built-in table a Log Analytics query may read: the ingestion tables and those Sentinel fills itself. */
export function queryableBuiltInTables(): TableSchema[] {
  return [...BUILT_IN_TABLES.values(), ...SENTINEL_MANAGED_TABLES];
}
