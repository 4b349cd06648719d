import { LogAnalyticsSavedSearch } from '@cdktf/provider-azurerm/lib/log-analytics-saved-search';
import { Construct } from 'constructs';
import { HuntingQuery } from '../../model/solutions/hunting-query';
import { ParserFunction } from '../../model/solutions/parser-function';
import { ISentinelWorkspace } from '../sentinel-workspace';
import { terraformLiteral } from './terraform-literal';

/** The saved search category Sentinel lists on its Hunting page. */
export const HUNTING_QUERIES_CATEGORY = 'Hunting Queries';

/** The longest tag value azurerm accepts on a saved search (its tags schema: 256 characters). */
export const MAX_TAG_VALUE_LENGTH = 256;

/**
 * A parser as Log Analytics stores a workspace function: a saved search with a function alias (and parameters, as
 * `name:type=default`), which Sentinel lists under Functions and every query of the workspace can call.
 */
export function addParserFunction(scope: Construct, id: string, parser: ParserFunction, workspace: ISentinelWorkspace): LogAnalyticsSavedSearch {
  return new LogAnalyticsSavedSearch(scope, id, {
    name: parser.id,
    logAnalyticsWorkspaceId: workspace.workspaceResourceId,
    category: parser.category,
    displayName: terraformLiteral(parser.title),
    functionAlias: parser.functionAlias,
    functionParameters: parser.parameters.length === 0 ? undefined
      : parser.parameters.map((parameter) => `${parameter.name}:${parameter.type}${parameter.defaultValue === undefined ? '' : `=${terraformLiteral(parameter.defaultValue)}`}`),
    query: terraformLiteral(parser.query.text),
    dependsOn: workspace.sentinelDependency,
  });
}

/**
 * A hunting query as Sentinel stores it: a saved search of the category `Hunting Queries` whose tags carry the
 * description, tactics and techniques the Hunting page shows.
 */
export function addHuntingQuery(scope: Construct, id: string, huntingQuery: HuntingQuery, query: string,
  workspace: ISentinelWorkspace): LogAnalyticsSavedSearch {
  const tags: Record<string, string> = { description: terraformLiteral(shortenedTagValue(huntingQuery.description)) };
  if (huntingQuery.tactics.length > 0) {
    tags.tactics = huntingQuery.tactics.join(',');
  }
  if (huntingQuery.techniques.length > 0) {
    tags.techniques = huntingQuery.techniques.join(',');
  }
  return new LogAnalyticsSavedSearch(scope, id, {
    name: huntingQuery.id,
    logAnalyticsWorkspaceId: workspace.workspaceResourceId,
    category: HUNTING_QUERIES_CATEGORY,
    displayName: terraformLiteral(huntingQuery.name),
    query: terraformLiteral(query),
    tags,
    dependsOn: workspace.sentinelDependency,
  });
}

/** A description cut to what a saved search tag holds, ending in `...` when cut. */
export function shortenedTagValue(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_TAG_VALUE_LENGTH ? oneLine : `${oneLine.slice(0, MAX_TAG_VALUE_LENGTH - 3)}...`;
}
