import { TableSchema } from './table-schema';

/**
 * Microsoft Sentinel watchlists: one row per version of each item, which `_GetWatchlist(alias)` reads.
 *
 * Columns and types as Microsoft lists them in Azure/Azure-Sentinel
 * `.script/tests/KqlvalidationsTests/CustomTables/Watchlist.json` (`Object` is `dynamic`). Sentinel fills the table
 * itself; no transformation writes it.
 */
export const WATCHLIST_TABLE: TableSchema = {
  tableName: 'Watchlist',
  columns: [
    { name: 'TenantId', type: 'string', reserved: true },
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'AzureTenantId', type: 'string' },
    { name: 'WatchlistId', type: 'string' },
    { name: 'WatchlistItemId', type: 'string' },
    { name: 'WatchlistName', type: 'string' },
    { name: 'WatchlistAlias', type: 'string' },
    { name: 'Source', type: 'string' },
    { name: 'Provider', type: 'string' },
    { name: 'CreatedBy', type: 'dynamic' },
    { name: 'UpdatedBy', type: 'dynamic' },
    { name: 'CreatedTimeUTC', type: 'datetime' },
    { name: 'LastUpdatedTimeUTC', type: 'datetime' },
    { name: 'Notes', type: 'string' },
    { name: 'Tags', type: 'string' },
    { name: 'DefaultDuration', type: 'string' },
    { name: 'TimeToLive', type: 'datetime' },
    { name: 'WatchlistItem', type: 'dynamic' },
    { name: 'EntityMapping', type: 'dynamic' },
    { name: 'CorrelationId', type: 'string' },
    { name: 'SearchKey', type: 'string' },
    { name: 'WatchlistCategory', type: 'string' },
    { name: '_DTTimestamp', type: 'datetime' },
    { name: '_DTItemId', type: 'string' },
    { name: '_DTItemType', type: 'string' },
    { name: '_DTItemStatus', type: 'string' },
    { name: 'SourceSystem', type: 'string' },
    { name: 'Type', type: 'string', reserved: true },
  ],
};
