import { IConstruct } from 'constructs';
import { checkAnalyticRuleColumns } from '../../model/solutions/check-analytic-rule-columns';
import { requiredTables } from '../../model/solutions/content-common';
import { ContentQueryAnalyzer, contentQueryContext } from '../../model/solutions/content-query';
import { SolutionDefinition } from '../../model/solutions/parse-solution';
import { formatSolutionProblem, SolutionProblem } from '../../model/solutions/solution-problem';
import { TableSchema } from '../../model/tables/table-schema';
import { ISentinelWorkspace } from '../sentinel-workspace';
import type { RenderedContent } from './render-content';

/** What the checks need of a solution package; every package of the workspace is one. */
export interface CheckedPackage extends IConstruct {
  readonly workspace: ISentinelWorkspace;
  readonly solution: SolutionDefinition;
  readonly renderedContent: RenderedContent;
  readonly automationRuleIds: readonly string[];
}

/** A finding of the checks: the props field it concerns and the message, `file:line:column: path: message`. */
export interface ContentFinding {
  readonly field: string;
  readonly message: string;
}

/** The outcome of checking one package at synth. */
export interface ContentCheckResult {
  readonly errors: ContentFinding[];
  readonly warnings: ContentFinding[];
}

/**
 * Checks a package once the whole app exists: each query is analyzed against the workspace's tables (built-in and
 * custom), the parsers of every package of the workspace and `_GetWatchlist`; rules must return the columns they map;
 * no two packages may deploy the same content; the tables content reads should be filled by a connector.
 */
export function checkPackageContent(subject: CheckedPackage, packagesOfWorkspace: readonly CheckedPackage[]): ContentCheckResult {
  const result: ContentCheckResult = { errors: [], warnings: [] };
  const add = (field: string, problems: readonly SolutionProblem[]) => problems.forEach((problem) =>
    (problem.severity === 'error' ? result.errors : result.warnings).push({ field, message: formatSolutionProblem(problem) }));
  const analyzer = workspaceAnalyzer(subject.workspace, packagesOfWorkspace);
  const content = subject.renderedContent;
  for (const parser of content.parsers) {
    add('parsers', analyzer.check(parser.query, parser.query.text, parser.parameters).problems);
  }
  for (const { huntingQuery, query } of content.huntingQueries) {
    add('huntingQueries', analyzer.check(huntingQuery.query, query).problems);
  }
  for (const { rule, query } of content.analyticRules) {
    const check = analyzer.check(rule.query, query);
    add('analyticRules', check.problems);
    if (check.namesResolved && !check.problems.some((problem) => problem.severity === 'error')) {
      add('analyticRules', checkAnalyticRuleColumns(rule, check.resultColumns));
    }
  }
  result.errors.push(...duplicatesWithEarlierPackages(subject, packagesOfWorkspace));
  result.warnings.push(...tablesNobodyFills(subject));
  return result;
}

/**
 * One analyzer for the content of a workspace: its built-in and custom tables, the parsers of every package
 * installed in it, and `_GetWatchlist` returning the columns of every watchlist installed in it.
 */
function workspaceAnalyzer(workspace: ISentinelWorkspace, packagesOfWorkspace: readonly CheckedPackage[]): ContentQueryAnalyzer {
  const parsers = packagesOfWorkspace.flatMap((other) => other.renderedContent.parsers);
  const texts = packagesOfWorkspace.flatMap((other) => [
    ...other.renderedContent.parsers.map((parser) => parser.query.text),
    ...other.renderedContent.huntingQueries.map(({ query }) => query),
    ...other.renderedContent.analyticRules.map(({ query }) => query),
  ]);
  return ContentQueryAnalyzer.of(contentQueryContext({
    customTables: customTablesNamedIn(texts, workspace),
    parsers,
    watchlistColumns: packagesOfWorkspace.flatMap((other) => other.renderedContent.watchlists.flatMap((watchlist) => watchlist.columns)),
  }));
}

/** The custom tables of the workspace that the texts name. */
function customTablesNamedIn(texts: readonly string[], workspace: ISentinelWorkspace): TableSchema[] {
  const names = new Set(texts.flatMap((text) => text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []));
  return [...names].flatMap((name) => {
    const schema = workspace.customTableSchema(name);
    return schema === undefined ? [] : [schema];
  });
}

/** Content names are unique per workspace: a second package deploying the same rule would overwrite the first's. */
function duplicatesWithEarlierPackages(subject: CheckedPackage, packagesOfWorkspace: readonly CheckedPackage[]): ContentFinding[] {
  const earlier = packagesOfWorkspace.slice(0, packagesOfWorkspace.indexOf(subject));
  const kinds: Array<{ field: string; what: string; keys: (subject: CheckedPackage) => string[] }> = [
    { field: 'analyticRules', what: 'analytic rule', keys: (p) => p.renderedContent.analyticRules.map(({ rule }) => rule.id) },
    { field: 'huntingQueries', what: 'hunting query', keys: (p) => p.renderedContent.huntingQueries.map(({ huntingQuery }) => huntingQuery.id) },
    { field: 'parsers', what: 'function', keys: (p) => p.renderedContent.parsers.map((parser) => parser.functionAlias) },
    { field: 'watchlists', what: 'watchlist', keys: (p) => p.renderedContent.watchlists.map((watchlist) => watchlist.alias) },
    { field: 'automationRules', what: 'automation rule', keys: (p) => [...p.automationRuleIds] },
  ];
  return kinds.flatMap(({ field, what, keys }) => keys(subject).flatMap((key) => {
    const other = earlier.find((candidate) => keys(candidate).includes(key));
    return other === undefined ? [] : [{ field, message: `the ${what} "${key}" is also deployed to workspace ${subject.workspace.node.path} `
      + `by ${other.node.path}; a workspace holds each once (remove it from one of the solutions, or give it another id)` }];
  }));
}

/** Tables that rules and hunting queries say they need but that no connector or custom table of the workspace fills. */
function tablesNobodyFills(subject: CheckedPackage): ContentFinding[] {
  const workspace = subject.workspace;
  const filled = new Set(workspace.connectors.flatMap((connector) => connector.catalogEntry.tables));
  const readers = new Map<string, string[]>();
  const note = (tables: readonly string[], name: string) => tables.forEach((table) => readers.set(table, [...(readers.get(table) ?? []), name]));
  subject.renderedContent.analyticRules.forEach(({ rule }) => note(requiredTables(rule.requiredDataConnectors), rule.name));
  subject.renderedContent.huntingQueries.forEach(({ huntingQuery }) => note(requiredTables(huntingQuery.requiredDataConnectors), huntingQuery.name));
  return [...readers].filter(([table]) => !filled.has(table) && workspace.customTableSchema(table) === undefined)
    .map(([table, names]) => ({
      field: 'dataConnectors',
      message: `${table}, which ${names.map((name) => `"${name}"`).join(', ')} read${names.length === 1 ? 's' : ''}, is filled by no connector `
        + `of workspace ${workspace.node.path}; add one (or pass it in connectors) or the content will find no data`,
    }));
}
