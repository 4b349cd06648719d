import { LogAnalyticsSavedSearch } from '@cdktf/provider-azurerm/lib/log-analytics-saved-search';
import { SentinelWatchlist } from '@cdktf/provider-azurerm/lib/sentinel-watchlist';
import { SentinelWatchlistItem } from '@cdktf/provider-azurerm/lib/sentinel-watchlist-item';
import { ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { namesReferencedBy } from '../../model/kql/referenced-names';
import { SolutionDefinition } from '../../model/solutions/parse-solution';
import { errorsOf, formatSolutionProblem, SolutionLoadError } from '../../model/solutions/solution-problem';
import { ISentinelConnector } from '../connectors/sentinel-connector';
import { dependOnWhenSynthesized } from '../private/dependencies';
import { ConfigurationError, isUnresolved, warn } from '../private/validation';
import { ISentinelWorkspace } from '../sentinel-workspace';
import { addAnalyticRule, AnalyticRuleResource } from './analytic-rule-resource';
import { addAutomationRule } from './automation-rule-resource';
import { CheckedPackage, checkPackageContent, ContentFinding } from './content-checks';
import { ContentHubTemplatePackage, ContentHubTemplateProps } from './content-hub-template-package';
import { loadSolution } from './load-solution';
import {
  ContentRenderer, renderAutomationRule, RenderedContent, renderQueries, renderWorkbookTemplate, resolveParameters,
} from './render-content';
import { addHuntingQuery, addParserFunction } from './saved-search-resources';
import { provideConnectors, SolutionConnectorSettings } from './solution-connectors';
import { addWatchlist } from './watchlist-resource';
import { addWorkbook } from './workbook-resource';

/** A solution installed in a workspace, from its folder or from a Content Hub template. */
export interface ISolutionPackage extends IConstruct {
  /** The workspace the solution is installed in. */
  readonly workspace: ISentinelWorkspace;
  /** The solution's name. */
  readonly solutionName: string;
}

/** Properties for a {@link SolutionPackage}. */
export interface SolutionPackageProps {
  /** The Sentinel workspace to install the solution in. */
  readonly workspace: ISentinelWorkspace;

  /**
   * The solution: the path of its folder (relative to the working directory, where `cdktf synth` runs), or a
   * solution already read with `loadSolution` (to install one solution in several workspaces, read it once).
   */
  readonly solution: string | SolutionDefinition;

  /**
   * Values of the solution's parameters for this workspace.
   *
   * @default - each parameter takes its default from solution.yaml
   */
  readonly parameters?: Record<string, string>;

  /**
   * Connectors of the stack to use instead of the ones the solution declares, by the declared id: e.g. the Syslog
   * connector the stack already has, so that events are not collected twice.
   *
   * @default - the solution creates each connector it declares
   */
  readonly connectors?: Record<string, ISentinelConnector>;

  /**
   * Settings for the connectors the solution creates, by the declared id (forwarders, senders, endpoint).
   *
   * @default - the connectors' defaults
   */
  readonly connectorSettings?: Record<string, SolutionConnectorSettings>;

  /**
   * Analytic rules to deploy disabled, by their id or file name (without `.yaml`).
   *
   * @default - every rule is enabled
   */
  readonly disabledAnalyticRules?: string[];
}

/**
 * A solution installed in a Sentinel workspace as native resources: its connectors (through the connector
 * constructs), its parsers as workspace functions and its hunting queries as saved searches, its analytic rules
 * (`azurerm_sentinel_alert_rule_scheduled` and `_nrt`), workbooks, watchlists with their items, and automation rules.
 *
 * ```ts
 * const syslog = new SolutionPackage(stack, 'SyslogSolution', {
 *   workspace,
 *   solution: shippedSolutionDirectory('syslog'),        // or 'solutions/contoso-vpn', a folder of your own
 *   parameters: { sshFailureThreshold: '30' },
 *   connectors: { LinuxAuth: linuxAuthConnector },         // reuse the stack's connector
 * });
 * ```
 *
 * The solution's files are read and checked when the construct is created (every error of every file at once). At
 * synth, every rule, parser and hunting query is analyzed with the Kusto language service against the workspace's
 * tables, custom tables and functions: a syntax error or a mapped column the query does not return fails synth; an
 * unknown table or column is a warning with the file and position.
 */
export class SolutionPackage extends Construct implements ISolutionPackage, CheckedPackage {
  /**
   * Installs a Content Hub package from its own ARM template (`mainTemplate.json`), for packages taken as they are.
   */
  public static fromContentHubTemplate(scope: Construct, id: string, props: ContentHubTemplateProps): ContentHubTemplatePackage {
    return new ContentHubTemplatePackage(scope, id, props);
  }

  public readonly workspace: ISentinelWorkspace;
  /** The solution as read from its files. */
  public readonly solution: SolutionDefinition;
  public readonly solutionName: string;
  /** The parameter values used in this workspace, the workspace's own included. */
  public readonly parameters: Readonly<Record<string, string>>;
  /** The queries and watchlists with this workspace's parameters. */
  public readonly renderedContent: RenderedContent;
  /** GUIDs of the automation rules. */
  public readonly automationRuleIds: readonly string[];

  private readonly connectorsById: Map<string, ISentinelConnector>;
  private readonly rules = new Map<string, AnalyticRuleResource>();
  private readonly savedSearches = new Map<string, LogAnalyticsSavedSearch>();
  /** The parsers' workspace functions, by function alias. */
  private readonly parserFunctions = new Map<string, LogAnalyticsSavedSearch>();
  private readonly watchlistsByAlias = new Map<string, SentinelWatchlist>();
  private workspacePackages?: SolutionPackage[];

  constructor(scope: Construct, id: string, props: SolutionPackageProps) {
    super(scope, id);
    this.workspace = props.workspace;
    this.solution = typeof props.solution === 'string' ? this.load(props.solution) : props.solution;
    this.solutionName = this.solution.manifest.name;
    this.solution.warnings.forEach((warning) => warn(this, 'solution', formatSolutionProblem(warning)));

    const { values, errors: parameterErrors } = resolveParameters(this.solution, props.parameters ?? {}, props.workspace);
    // Without its parameters the content cannot be rendered: every template would fail on the same missing names.
    throwAll(this, parameterErrors);
    this.parameters = values;
    const renderer = new ContentRenderer(values);
    this.renderedContent = renderQueries(this.solution, renderer);
    const provided = provideConnectors(this, this.solution.manifest.dataConnectors, {
      workspace: props.workspace, existing: props.connectors ?? {}, settings: props.connectorSettings ?? {},
    });
    this.connectorsById = provided.connectors;
    const errors = provided.errors.map(splitField);

    const disabled = new Set(props.disabledAnalyticRules ?? []);
    errors.push(...this.unknownRules(disabled));
    this.addParsersAndHuntingQueries();
    this.addAnalyticRules(disabled);
    this.addWatchlists();
    this.addWorkbooks(renderer);
    this.automationRuleIds = this.addAutomationRules(renderer);

    errors.push(...errorsOf(renderer.problems).map((problem) => ({ field: 'solution', message: formatSolutionProblem(problem) })));
    throwAll(this, errors);
    this.node.addValidation({ validate: () => this.validateContent() });
  }

  /** The connector the solution declared as `id`: the stack's own, or the one created for the solution. */
  public connector(id: string): ISentinelConnector {
    const connector = this.connectorsById.get(id);
    if (connector === undefined) {
      throw new ConfigurationError(this, 'connector', `the solution declares no connector "${id}" (it declares ${[...this.connectorsById.keys()].join(', ') || 'none'})`);
    }
    return connector;
  }

  /** The alert rule resource of an analytic rule, by its id or file name. */
  public analyticRule(idOrFileName: string): AnalyticRuleResource {
    const rule = this.rules.get(idOrFileName.toLowerCase()) ?? this.rules.get(idOrFileName);
    if (rule === undefined) {
      throw new ConfigurationError(this, 'analyticRule', `the solution has no analytic rule "${idOrFileName}"`);
    }
    return rule;
  }

  /** The saved search of a parser (by its function alias) or of a hunting query (by its id or file name). */
  public savedSearch(key: string): LogAnalyticsSavedSearch {
    const search = this.savedSearches.get(key) ?? this.savedSearches.get(key.toLowerCase());
    if (search === undefined) {
      throw new ConfigurationError(this, 'savedSearch', `the solution has no parser or hunting query "${key}"`);
    }
    return search;
  }

  /** A watchlist by its alias in this workspace. */
  public watchlist(alias: string): SentinelWatchlist {
    const watchlist = this.watchlistsByAlias.get(alias);
    if (watchlist === undefined) {
      throw new ConfigurationError(this, 'watchlist', `the solution has no watchlist "${alias}" (it has ${[...this.watchlistsByAlias.keys()].join(', ') || 'none'})`);
    }
    return watchlist;
  }

  private load(directory: string): SolutionDefinition {
    try {
      return loadSolution(directory);
    } catch (error) {
      if (error instanceof SolutionLoadError) {
        throw new ConfigurationError(this, 'solution', `${directory} has ${error.problems.length} error${error.problems.length === 1 ? '' : 's'}:\n`
          + error.problems.map((problem) => `  ${formatSolutionProblem(problem)}`).join('\n'), { cause: error });
      }
      throw error;
    }
  }

  private unknownRules(disabled: ReadonlySet<string>): ContentFinding[] {
    const known = new Set(this.solution.analyticRules.flatMap((rule) => [rule.id, fileStem(rule.file)]));
    return [...disabled].filter((key) => !known.has(key.toLowerCase()) && !known.has(key)).map((key) => ({
      field: 'disabledAnalyticRules',
      message: `"${key}" is neither the id nor the file name of an analytic rule of ${this.solutionName}`,
    }));
  }

  private addParsersAndHuntingQueries(): void {
    const parsers = group(this, 'Parsers');
    for (const parser of this.renderedContent.parsers) {
      const search = addParserFunction(parsers.scope, parsers.idOf(parser.file), parser, this.workspace);
      this.savedSearches.set(parser.functionAlias, search);
      this.parserFunctions.set(parser.functionAlias, search);
      // A function that calls another is created after it, so that an analytic rule's chain of functions exists in order.
      dependOnWhenSynthesized(search, () => this.workspaceContentReadBy(parser.query.text));
    }
    const huntingQueries = group(this, 'HuntingQueries');
    for (const { huntingQuery, query } of this.renderedContent.huntingQueries) {
      const search = addHuntingQuery(huntingQueries.scope, huntingQueries.idOf(huntingQuery.file), huntingQuery, query, this.workspace);
      this.savedSearches.set(huntingQuery.id, search);
      this.savedSearches.set(fileStem(huntingQuery.file), search);
    }
  }

  private addAnalyticRules(disabled: ReadonlySet<string>): void {
    const rules = group(this, 'AnalyticRules');
    for (const { rule, query } of this.renderedContent.analyticRules) {
      const enabled = !disabled.has(rule.id) && !disabled.has(fileStem(rule.file));
      const resource = addAnalyticRule(rules.scope, rules.idOf(rule.file), rule, query, this.workspace, enabled);
      // Sentinel runs the query when it creates the rule: the functions, custom tables and watchlists it reads come first.
      dependOnWhenSynthesized(resource, () => this.workspaceContentReadBy(query));
      this.rules.set(rule.id, resource);
      this.rules.set(fileStem(rule.file), resource);
    }
  }

  private addWatchlists(): void {
    const watchlists = group(this, 'Watchlists');
    for (const watchlist of this.renderedContent.watchlists) {
      this.watchlistsByAlias.set(watchlist.alias, addWatchlist(watchlists.scope, watchlists.idOf(watchlist.file), watchlist, this.workspace));
    }
  }

  private addWorkbooks(renderer: ContentRenderer): void {
    const workbooks = group(this, 'Workbooks');
    // The workbook's GUID must differ per workspace; a name known at synth keeps it stable, else the construct path does.
    const workspaceKey = isUnresolved(this.workspace.workspaceName) ? this.workspace.node.path : this.workspace.workspaceName;
    for (const workbook of this.solution.workbooks) {
      addWorkbook(workbooks.scope, workbooks.idOf(workbook.file), workbook, renderWorkbookTemplate(workbook, renderer), this.workspace,
        this.solutionName, workspaceKey);
    }
  }

  /** Automation rules may name the solution's analytic rules: `{{analyticRule "<id or file name>"}}` is the rule's ID. */
  private addAutomationRules(renderer: ContentRenderer): string[] {
    const automationRules = group(this, 'AutomationRules');
    const helpers = {
      analyticRule: (key: unknown) => {
        const resource = typeof key === 'string' ? this.rules.get(key.toLowerCase()) ?? this.rules.get(key) : undefined;
        if (resource === undefined) {
          throw new Error(`{{analyticRule ${JSON.stringify(typeof key === 'string' ? key : '')}}} names no analytic rule of the solution `
            + `(ids and file names: ${[...this.rules.keys()].join(', ') || 'none'})`);
        }
        return resource.id;
      },
    };
    return this.solution.automationRules.map((rule) => {
      addAutomationRule(automationRules.scope, automationRules.idOf(rule.file), renderAutomationRule(rule, renderer, helpers), this.workspace);
      return rule.id;
    });
  }

  /**
   * What a query reads that this app creates in the workspace: the parsers' functions of every package installed in it,
   * its custom tables, and its watchlists with their items. Names come from the language service's parse of the query.
   */
  private workspaceContentReadBy(query: string): ITerraformDependable[] {
    const { names, watchlistAliases } = namesReferencedBy(query);
    const packages = this.packagesOfWorkspace();
    const functions = packages.flatMap((other) => [...other.parserFunctions].filter(([alias]) => names.has(alias)).map(([, search]) => search));
    const tables = [...names].filter((name) => /_CL$/i.test(name)).flatMap((name) => this.workspace.customTableResource(name) ?? []);
    const watchlists = packages.flatMap((other) => [...other.watchlistsByAlias].filter(([alias]) => watchlistAliases.has(alias)))
      .flatMap(([, watchlist]) => [watchlist, ...watchlist.node.children.filter((child): child is SentinelWatchlistItem => child instanceof SentinelWatchlistItem)]);
    return [...functions, ...tables, ...watchlists];
  }

  /**
   * Every solution package installed in this package's workspace, this one included, in construct order. Read once, at
   * synth (every construct exists by then; each rule asks).
   */
  private packagesOfWorkspace(): SolutionPackage[] {
    this.workspacePackages ??= this.node.root.node.findAll()
      .filter((construct): construct is SolutionPackage => construct instanceof SolutionPackage && construct.workspace === this.workspace);
    return this.workspacePackages;
  }

  private validateContent(): string[] {
    const { errors, warnings } = checkPackageContent(this, this.packagesOfWorkspace());
    warnings.forEach((finding) => warn(this, finding.field, finding.message));
    return errors.map((finding) => `${finding.field}: ${finding.message}`);
  }
}

/** `connectors.x: message` as a finding. */
function splitField(error: string): ContentFinding {
  const colon = error.indexOf(': ');
  return { field: error.slice(0, colon), message: error.slice(colon + 2) };
}

/** Throws every finding at once: the first as the error, each of the others on a line of its own, as cdktf prints them. */
function throwAll(scope: Construct, findings: readonly ContentFinding[]): void {
  if (findings.length === 0) {
    return;
  }
  const [first, ...rest] = findings;
  throw new ConfigurationError(scope, first.field, first.message + rest.map((finding) => `\n[${scope.node.path}] ${finding.field}: ${finding.message}`).join(''));
}

function fileStem(file: string): string {
  return file.split('/').slice(-1)[0].replace(/\.[^.]+$/, '');
}

/**
 * A construct grouping one kind of content (`AnalyticRules`, ...), made on first use, whose children are named after
 * their files: Terraform addresses read `<package>_AnalyticRules_<file>_<hash>`.
 */
function group(parent: Construct, id: string): { readonly scope: Construct; idOf(file: string): string } {
  let scope: Construct | undefined;
  const used = new Set<string>();
  return {
    get scope(): Construct {
      scope ??= new Construct(parent, id);
      return scope;
    },
    idOf(file: string): string {
      const stem = fileStem(file);
      const childId = used.has(stem) ? file.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_.-]/g, '-') : stem;
      used.add(childId);
      return childId;
    },
  };
}
