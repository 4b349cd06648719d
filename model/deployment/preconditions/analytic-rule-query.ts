import { namesReferencedBy } from '../../kql/referenced-names';
import { unescapeTemplateText } from '../../terraform/template-text';
import { DeploymentPrecondition, DeploymentRequirement, literalText, workspaceKey } from '../deployment-precondition';
import { GraphResource, TerraformGraph } from '../terraform-graph';
import { customTablesNamed } from './rule-writes-custom-table';

/** Terraform types of the analytic rules whose query Sentinel runs when the rule is created. */
export const ANALYTIC_RULE_TYPES = ['azurerm_sentinel_alert_rule_scheduled', 'azurerm_sentinel_alert_rule_nrt'] as const;

/** What a query needs of its workspace: functions (by alias), custom tables and watchlists (by alias). */
interface QueryNeeds {
  readonly functions: GraphResource[];
  readonly tables: GraphResource[];
  readonly watchlists: GraphResource[];
}

/** The saved searches, custom tables and watchlists of the workspace `workspace` that a query names. */
function needsOf(graph: TerraformGraph, query: string, workspace: string | undefined): QueryNeeds {
  const { names, watchlistAliases } = namesReferencedBy(unescapeTemplateText(query));
  const sameWorkspace = (resource: GraphResource) => workspaceKey(graph, resource.arguments.log_analytics_workspace_id) === workspace;
  const functions = graph.ofType('azurerm_log_analytics_saved_search').filter((search) => {
    const alias = literalText(search.arguments.function_alias);
    return alias !== undefined && names.has(alias) && sameWorkspace(search);
  });
  const tables = [...names].filter((name) => /_CL$/i.test(name)).flatMap((name) => customTablesNamed(graph, name, workspace));
  const watchlists = graph.ofType('azurerm_sentinel_watchlist').filter((watchlist) => {
    const alias = literalText(watchlist.arguments.name);
    return alias !== undefined && watchlistAliases.has(alias) && sameWorkspace(watchlist);
  });
  return { functions, tables, watchlists };
}

/**
 * Sentinel runs a scheduled or NRT rule's query when the rule is created, so every function (parser) it calls, and
 * every function those call, every custom table any of them reads and every watchlist it reads must exist first.
 */
export const ANALYTIC_RULE_QUERY: DeploymentPrecondition = {
  id: 'analytic-rule-query',
  title: 'an analytic rule is created after the functions it calls (transitively), the custom tables they read and the watchlists (with their items) it reads',
  azureAnswer: 'Sentinel refuses the rule: "Failed to run the analytics rule query. One of the tables does not exist" (or a function or column it names is unknown)',
  source: 'criblio/Cribl-Microsoft issue 56; Microsoft Sentinel docs, "Create a scheduled analytics rule" (the query is validated when the rule is saved)',
  requirements(graph) {
    return graph.ofType(...ANALYTIC_RULE_TYPES).flatMap((rule) => {
      const query = typeof rule.arguments.query === 'string' ? rule.arguments.query : undefined;
      if (query === undefined) {
        return [];
      }
      const workspace = workspaceKey(graph, rule.arguments.log_analytics_workspace_id);
      const requirements: DeploymentRequirement[] = [];
      const need = (resource: GraphResource, reason: string) => requirements.push({ dependent: rule.address, required: [resource.address], reason });
      // Functions call functions: follow the saved searches' queries, each once.
      const visited = new Set<string>();
      const pending: Array<{ readonly query: string; readonly via?: string }> = [{ query }];
      while (pending.length > 0) {
        const next = pending.shift() as { query: string; via?: string };
        const needs = needsOf(graph, next.query, workspace);
        const via = next.via === undefined ? '' : ` (through the function ${next.via})`;
        for (const search of needs.functions) {
          const alias = literalText(search.arguments.function_alias) as string;
          if (!visited.has(search.address)) {
            visited.add(search.address);
            need(search, `calls the function ${alias}${via}`);
            const body = search.arguments.query;
            if (typeof body === 'string') {
              pending.push({ query: body, via: alias });
            }
          }
        }
        for (const table of needs.tables) {
          need(table, `reads the table ${literalText(table.arguments.name)}${via}`);
        }
        for (const watchlist of needs.watchlists) {
          const alias = literalText(watchlist.arguments.name) as string;
          need(watchlist, `reads the watchlist ${alias}${via}`);
          for (const item of graph.ofType('azurerm_sentinel_watchlist_item')) {
            if (graph.referencedAddresses(item.arguments.watchlist_id).has(watchlist.address)) {
              need(item, `reads the items of the watchlist ${alias}${via}`);
            }
          }
        }
      }
      return dedupe(requirements);
    });
  },
};

function dedupe(requirements: readonly DeploymentRequirement[]): DeploymentRequirement[] {
  const seen = new Set<string>();
  return requirements.filter((requirement) => {
    const key = `${requirement.dependent}\u0000${requirement.required.join(',')}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
