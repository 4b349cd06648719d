import { SentinelWatchlist } from '@cdktf/provider-azurerm/lib/sentinel-watchlist';
import { SentinelWatchlistItem } from '@cdktf/provider-azurerm/lib/sentinel-watchlist-item';
import { Construct } from 'constructs';
import { contentGuid } from '../../model/solutions/content-guid';
import { Watchlist } from '../../model/solutions/watchlist';
import { ISentinelWorkspace } from '../sentinel-workspace';
import { optionalTerraformLiteral, terraformLiteral } from './terraform-literal';

/**
 * A watchlist (`azurerm_sentinel_watchlist`, named by its alias as the API names it) and one
 * `azurerm_sentinel_watchlist_item` per CSV row. Item construct ids and names come from the search key, so that
 * reordering or adding rows changes nothing else in the plan.
 */
export function addWatchlist(scope: Construct, id: string, watchlist: Watchlist, workspace: ISentinelWorkspace): SentinelWatchlist {
  const resource = new SentinelWatchlist(scope, id, {
    name: watchlist.alias,
    logAnalyticsWorkspaceId: workspace.workspaceResourceId,
    displayName: terraformLiteral(watchlist.displayName),
    description: optionalTerraformLiteral(watchlist.description),
    itemSearchKey: watchlist.itemsSearchKey,
    labels: watchlist.labels === undefined || watchlist.labels.length === 0 ? undefined : [...watchlist.labels],
    defaultDuration: watchlist.defaultDuration,
    dependsOn: workspace.sentinelDependency,
  });
  const usedIds = new Set<string>();
  for (const item of watchlist.items) {
    new SentinelWatchlistItem(resource, itemConstructId(item.searchKey, item.line, usedIds), {
      watchlistId: resource.id,
      name: contentGuid('watchlist-item', watchlist.alias, item.searchKey),
      properties: Object.fromEntries(Object.entries(item.properties).map(([column, value]) => [column, terraformLiteral(value)])),
    });
  }
  return resource;
}

/** `Item-<search key>` with what a construct id cannot hold replaced; two keys that end up equal take their line. */
function itemConstructId(searchKey: string, line: number, usedIds: Set<string>): string {
  const base = `Item-${searchKey.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const id = usedIds.has(base) ? `${base}-line${line}` : base;
  usedIds.add(id);
  return id;
}
