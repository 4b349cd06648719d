import { COMMON_SECURITY_LOG_TABLE } from './common-security-log';
import { MICROSOFT_TABLES } from './microsoft-tables';
import { SYSLOG_TABLE } from './syslog';
import { TableSchema } from './table-schema';
import { WATCHLIST_TABLE } from './watchlist';

/**
 * Tables Sentinel fills itself (`Watchlist`, which `_GetWatchlist` reads; `SecurityIncident`). Queries read them; no
 * data collection rule writes them, so they are not among the built-in tables whose `Microsoft-<Table>` streams a rule
 * may target.
 */
const SENTINEL_MANAGED_TABLE_NAMES: ReadonlySet<string> = new Set(['Watchlist', 'SecurityIncident']);

let catalog: { builtIn: ReadonlyMap<string, TableSchema>; managed: readonly TableSchema[] } | undefined;

/** Built on first use: the hand-written Syslog and CommonSecurityLog, then Microsoft's catalog (`microsoft-tables.ts`). */
function tables(): NonNullable<typeof catalog> {
  if (catalog === undefined) {
    const builtIn = new Map<string, TableSchema>();
    const managed: TableSchema[] = [WATCHLIST_TABLE];
    for (const table of [SYSLOG_TABLE, COMMON_SECURITY_LOG_TABLE, ...MICROSOFT_TABLES]) {
      if (SENTINEL_MANAGED_TABLE_NAMES.has(table.tableName)) {
        managed.push(table);
      } else {
        builtIn.set(table.tableName, table);
      }
    }
    catalog = { builtIn, managed };
  }
  return catalog;
}

/**
 * The schema of a built-in table (`Syslog`, `CommonSecurityLog`, `ASimNetworkSessionLogs`, `AzureActivity`, ...),
 * or undefined when the model does not know it. Which of these tables a given data collection rule may write is
 * Azure's to decide at deployment; the model only knows their columns.
 */
export function builtInTable(tableName: string): TableSchema | undefined {
  return tables().builtIn.get(tableName);
}

/** Names of every built-in table the model knows. */
export function builtInTableNames(): string[] {
  return [...tables().builtIn.keys()];
}

/** Every built-in table a Log Analytics query may read: the ingestion tables and those Sentinel fills itself. */
export function queryableBuiltInTables(): TableSchema[] {
  return [...tables().builtIn.values(), ...tables().managed];
}
