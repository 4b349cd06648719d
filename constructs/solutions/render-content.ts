import { Token } from 'cdktf';
import { AnalyticRule } from '../../model/solutions/analytic-rule';
import { AutomationRule } from '../../model/solutions/automation-rule';
import { ContentText } from '../../model/solutions/content-common';
import { ContentHelpers, renderContentText, renderJsonStrings } from '../../model/solutions/content-parameters';
import { HuntingQuery } from '../../model/solutions/hunting-query';
import { ParserFunction } from '../../model/solutions/parser-function';
import { SolutionDefinition } from '../../model/solutions/parse-solution';
import { BUILT_IN_PARAMETERS, SOLUTION_MANIFEST_FILE } from '../../model/solutions/solution-manifest';
import { SolutionProblem } from '../../model/solutions/solution-problem';
import { Watchlist } from '../../model/solutions/watchlist';
import { Workbook } from '../../model/solutions/workbook';
import { ISentinelWorkspace } from '../sentinel-workspace';
import type { ContentFinding } from './content-checks';
import { terraformLiteral } from './terraform-literal';

/** A solution's content with its parameters resolved for one workspace. */
export interface RenderedContent {
  readonly analyticRules: ReadonlyArray<{ readonly rule: AnalyticRule; readonly query: string }>;
  readonly huntingQueries: ReadonlyArray<{ readonly huntingQuery: HuntingQuery; readonly query: string }>;
  /** The parsers with their rendered query, as other content calls them. */
  readonly parsers: readonly ParserFunction[];
  readonly watchlists: readonly Watchlist[];
}

/** The parameter values for one workspace: the declared defaults, the stack's values, and the workspace's own. */
export function resolveParameters(solution: SolutionDefinition, given: Readonly<Record<string, string>>,
  workspace: ISentinelWorkspace): { values: Record<string, string>; errors: ContentFinding[] } {
  const declared = solution.manifest.parameters;
  const errors: ContentFinding[] = [];
  const fail = (name: string, message: string) => errors.push({ field: `parameters.${name}`, message });
  for (const [name, value] of Object.entries(given)) {
    if (declared[name] === undefined) {
      fail(name, `is not a parameter of the solution ${solution.manifest.name} (declared: ${Object.keys(declared).join(', ') || 'none'})`);
    } else if (Token.isUnresolved(value)) {
      fail(name, 'is a Terraform reference; parameters go into queries that are checked at synth, so give the value itself');
    } else if (/[\r\n]/.test(value)) {
      fail(name, 'holds a line break; parameter values are single lines, so that positions in findings stay right');
    }
  }
  const values: Record<string, string> = {};
  for (const [name, declaration] of Object.entries(declared)) {
    const value = given[name] ?? declaration.default;
    if (value === undefined) {
      fail(name, `the solution ${solution.manifest.name} has no default for it (${declaration.description}); give a value`);
    } else {
      values[name] = value;
    }
  }
  const builtIn: Record<(typeof BUILT_IN_PARAMETERS)[number], string> = {
    workspaceName: workspace.workspaceName, workspaceResourceId: workspace.workspaceResourceId, workspaceLocation: workspace.location,
  };
  return { values: { ...values, ...builtIn }, errors };
}

/** Renders texts, collecting the problems of all of them with their positions in the content files. */
export class ContentRenderer {
  public readonly problems: SolutionProblem[] = [];

  constructor(private readonly values: Readonly<Record<string, string>>) {}

  /** A KQL text: it is analyzed at synth, so no Terraform reference may end up in it. */
  public query(content: ContentText): string {
    const rendered = this.render(content.text, (line, column) => ({ file: content.origin.file, ...content.origin.map(line ?? 1, column ?? 1), path: content.field }));
    if (Token.isUnresolved(rendered)) {
      this.problems.push({ file: content.origin.file, ...content.origin.map(1, 1), path: content.field, severity: 'error',
        message: 'refers to a parameter whose value is a Terraform reference (workspaceResourceId, or a workspace created in this app); '
          + 'a query is analyzed at synth, so it can only use values known then' });
    }
    return rendered;
  }

  /** A text of solution.yaml or another file, reported at `file` and `path`. */
  public text(text: string, file: string, path: string, helpers: ContentHelpers = {}): string {
    return this.render(text, () => ({ file, path }), helpers);
  }

  /** Every string of a JSON value; the strings are made Terraform literals before values are inserted. */
  public json(value: unknown, file: string, helpers: ContentHelpers = {}, basePath = ''): unknown {
    return renderJsonStrings(value, (text, path) => this.render(terraformLiteral(text), () => ({ file, path }), helpers), basePath);
  }

  private render(text: string, locate: (line?: number, column?: number) => Omit<SolutionProblem, 'severity' | 'message'>,
    helpers: ContentHelpers = {}): string {
    const result = renderContentText(text, this.values, helpers);
    if ('problem' in result) {
      this.problems.push({ ...locate(result.problem.line, result.problem.column), severity: 'error', message: result.problem.message });
      return text;
    }
    return result.text;
  }
}

/** The KQL content of a solution, rendered for a workspace. */
export function renderQueries(solution: SolutionDefinition, renderer: ContentRenderer): RenderedContent {
  return {
    analyticRules: solution.analyticRules.map((rule) => ({ rule, query: renderer.query(rule.query) })),
    huntingQueries: solution.huntingQueries.map((huntingQuery) => ({ huntingQuery, query: renderer.query(huntingQuery.query) })),
    parsers: solution.parsers.map((parser) => ({ ...parser, query: { ...parser.query, text: renderer.query(parser.query) } })),
    watchlists: solution.watchlists.map((watchlist, index) =>
      renderWatchlist(watchlist, renderer, `${solution.directory}/${SOLUTION_MANIFEST_FILE}`, `watchlists[${index}]`)),
  };
}

/** The alias, name and description of a watchlist come from solution.yaml, where they may use parameters. */
function renderWatchlist(watchlist: Watchlist, renderer: ContentRenderer, manifestFile: string, path: string): Watchlist {
  const text = (value: string | undefined, field: string) =>
    (value === undefined ? undefined : renderer.text(value, manifestFile, `${path}.${field}`));
  const alias = text(watchlist.alias, 'alias') as string;
  // The alias is the watchlist's resource name, and what queries pass to _GetWatchlist.
  if (alias.trim() === '' || alias.includes('/')) {
    renderer.problems.push({ file: manifestFile, path: `${path}.alias`, severity: 'error',
      message: `is "${alias}"; a watchlist alias is the name of its resource: not empty, without "/"` });
  }
  return {
    ...watchlist,
    alias,
    displayName: text(watchlist.displayName, 'displayName') as string,
    description: text(watchlist.description, 'description'),
  };
}

/** An automation rule's strings rendered, with `{{analyticRule "<id>"}}` standing for the rule resource's ID. */
export function renderAutomationRule(rule: AutomationRule, renderer: ContentRenderer, helpers: ContentHelpers): AutomationRule {
  return {
    ...rule,
    displayName: renderer.json(rule.displayName, rule.file, helpers, 'displayName') as string,
    conditions: renderer.json(rule.conditions, rule.file, helpers, 'triggeringLogic.conditions') as unknown[],
    actions: renderer.json(rule.actions, rule.file, helpers, 'actions') as AutomationRule['actions'],
  };
}

/** A workbook's template with its strings rendered. */
export function renderWorkbookTemplate(workbook: Workbook, renderer: ContentRenderer): Record<string, unknown> {
  return renderer.json(workbook.template, workbook.file) as Record<string, unknown>;
}

