import * as path from 'node:path';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { AzurermBackend, LocalBackend, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { addAzurermProvider } from '../../constructs/azurerm-provider';
import { ISentinelConnector } from '../../constructs/connectors/sentinel-connector';
import { CustomTable } from '../../constructs/custom-table';
import { DataCollectionEndpoint, DataCollectionEndpointKind, IDataCollectionEndpoint } from '../../constructs/data-collection-endpoint';
import { AmaForwarder, ForwarderImage } from '../../constructs/forwarder/ama-forwarder';
import { allowReplacement } from '../../constructs/intended-replacement';
import { applySentinelPolicy } from '../../constructs/policy';
import { SentinelWorkspace, TableSettingsOptions, WorkspaceSku } from '../../constructs/sentinel-workspace';
import { shippedSolutionDirectory } from '../../constructs/solutions/load-solution';
import { SolutionPackage } from '../../constructs/solutions/solution-package';
import { PolicyErrorMode } from '../../model/checks/policy-error-mode';
import { ForwarderConfig } from '../../model/config/forwarder-config';
import { IntendedReplacementConfig } from '../../model/config/intended-replacement-config';
import { VirtualNetworkConfig } from '../../model/config/network-config';
import { SolutionConfig } from '../../model/config/solution-config';
import { WorkspaceConfig } from '../../model/config/workspace-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { buildConnector, forwardersOf, isSyslogAgentConnector, tablePlanOf } from './build-connector';
import { buildDataCollectionRule } from './build-data-collection-rule';
import { ConfigEntry, entriesOf, entryAt } from './config-entry';
import { ConfigProblem } from './config-error';
import { ConfigLocator } from './config-locator';
import { ConfigSource, displayPath } from './config-source';
import { ResolvedWorkspace } from './resolve-config';
import { terraformValuesOf } from './resolve-variables';

/** What a config stack needs besides its workspace. */
export interface ConfigStackContext {
  readonly source: ConfigSource;
  readonly locator: ConfigLocator;
  /** Receives the problems of entries whose constructs could not be made. */
  report(problems: readonly ConfigProblem[]): void;
  /**
   * What an unsuppressed policy error does at synth.
   *
   * @default - what the environment variable `SENTINEL_CDK_POLICY_ERRORS` says, else `PolicyErrorMode.FAIL`
   */
  readonly policyErrorMode?: PolicyErrorMode;
}

/** The construct id of the workspace in every config stack, as in the example stack. */
export const WORKSPACE_CONSTRUCT_ID = 'Sentinel';

/** The distributions a forwarder's `image` may name. */
const FORWARDER_IMAGES: Record<string, ForwarderImage> = {
  'Ubuntu 24.04': ForwarderImage.UBUNTU_24_04,
  'Ubuntu 22.04': ForwarderImage.UBUNTU_22_04,
  'Debian 12': ForwarderImage.DEBIAN_12,
  'Red Hat Enterprise Linux 9': ForwarderImage.RHEL_9,
  'AlmaLinux 9': ForwarderImage.ALMALINUX_9,
};

/**
 * The stack of one workspace of a topology config: the azurerm provider, its backend and variables, the workspace
 * (construct id `Sentinel`), then its endpoints, networks, custom tables, forwarders, connectors, data collection rules and
 * solutions, each with the construct id of its name in the config, and the Sentinel policy checks. An entry whose
 * construct fails is reported to the context at its line, and the others are still made, so one run reports every problem.
 */
export class ConfigWorkspaceStack extends TerraformStack {
  /** The workspace, when it could be made. */
  public readonly workspace?: SentinelWorkspace;

  private readonly endpoints = new Map<string, IDataCollectionEndpoint>();
  private readonly subnets = new Map<string, Subnet>();
  private readonly forwarders = new Map<string, AmaForwarder>();
  private readonly connectors = new Map<string, ISentinelConnector>();
  private readonly tokens = new Map<string, string>();

  constructor(scope: Construct, private readonly resolved: ResolvedWorkspace, private readonly context: ConfigStackContext) {
    super(scope, resolved.stackName);
    addAzurermProvider(this);
    this.addBackend();
    this.addVariables();
    this.workspace = this.make(resolved.workspace, WORKSPACE_CONSTRUCT_ID, (config) => this.addWorkspace(config));
    context.locator.register(this.node.path, resolved.workspace);
    if (this.workspace === undefined) {
      return;
    }
    const workspace = this.workspace;
    const base = resolved.workspace.documentPath;
    const config = resolved.workspace.value;
    for (const entry of entriesOf(config.dataCollectionEndpoints, [...base, 'dataCollectionEndpoints'])) {
      this.make(entry, entry.name, (endpoint) => this.endpoints.set(entry.name, new DataCollectionEndpoint(this, entry.name, {
        ...endpoint, workspace, kind: endpoint.kind as DataCollectionEndpointKind | undefined,
      })));
    }
    for (const entry of entriesOf(config.virtualNetworks, [...base, 'virtualNetworks'])) {
      this.make(entry, entry.name, (network) => this.addNetwork(entry, network, workspace));
    }
    for (const entry of entriesOf(config.customTables, [...base, 'customTables'])) {
      this.make(entry, entry.name, (table) => new CustomTable(this, entry.name, { ...table, workspace, plan: tablePlanOf(table.plan) }));
    }
    for (const entry of entriesOf(config.forwarders, [...base, 'forwarders'])) {
      this.make(entry, entry.name, (forwarder) => this.forwarders.set(entry.name, this.addForwarder(entry.name, forwarder, workspace)));
    }
    for (const entry of resolved.connectors) {
      this.make(entry, `${WORKSPACE_CONSTRUCT_ID}/${entry.name}`, (connector) => {
        const made = buildConnector(workspace, entry.name, connector, { endpoint: (name) => this.endpointOf(name) });
        this.connectors.set(entry.name, made);
        forwardersOf(connector).forEach((name) => this.attach(name, made));
      });
    }
    for (const entry of resolved.dataCollectionRules) {
      this.make(entry, entry.name, (rule) => buildDataCollectionRule(this, workspace, entry.name, rule, {
        endpoint: (name) => this.endpointOf(name), forwarder: (name) => this.forwarders.get(name),
      }));
    }
    for (const entry of entriesOf(config.solutions, [...base, 'solutions'])) {
      this.make(entry, entry.name, (solution) => this.addSolution(entry, solution, workspace));
    }
    this.applyPolicy();
    this.addIntendedReplacements(config.intendedReplacements ?? [], [...base, 'intendedReplacements']);
  }

  /** `intendedReplacements`: each path must name a construct of the stack, or the intent would cover nothing. */
  private addIntendedReplacements(intents: readonly IntendedReplacementConfig[], documentPath: DocumentPath): void {
    intents.forEach((intent, index) => {
      const segments = intent.path.split('/').filter((segment) => segment !== '');
      const target = segments.reduce<IConstruct | undefined>((scope, id) => scope?.node.tryFindChild(id), this);
      if (target === undefined || target === this) {
        this.context.report([this.context.source.problemAt([...documentPath, index, 'path'], `"${intent.path}" names no construct in stack `
          + `${this.node.path}; expected a construct path inside the stack, starting with one of ${this.node.children.map((child) => child.node.id).sort().join(', ')}`)]);
        return;
      }
      allowReplacement(target, intent.reason);
    });
  }

  /** The Sentinel policy, with the suppressions of the top level and of the workspace; their problems name their lines. */
  private applyPolicy(): void {
    const suppressions = this.resolved.suppressions;
    this.context.locator.registerFields(this.node.path, (field) => {
      const match = /^suppressions\[(\d+)\](?:\.(\w+))?$/.exec(field);
      const suppression = match === null ? undefined : suppressions[Number(match[1])];
      if (match === null || suppression === undefined) {
        return undefined;
      }
      return match[2] === undefined ? suppression.documentPath : [...suppression.documentPath, match[2] === 'ruleId' ? 'rule' : match[2]];
    });
    try {
      applySentinelPolicy(this, {
        suppressions: suppressions.map(({ ruleId, reason, path: constructPath }) =>
          ({ ruleId, reason, ...(constructPath === undefined ? {} : { path: constructPath }) })),
        ...(this.context.policyErrorMode === undefined ? {} : { errorMode: this.context.policyErrorMode }),
      });
    } catch (error) {
      this.context.report(this.context.locator.problemsOfBuildError(error, this.resolved.workspace, this.node.path));
    }
  }

  /**
   * Makes the construct(s) of an entry with its variables substituted, and records which construct path came from it;
   * a failure is reported at the entry's line and leaves the entry out.
   */
  private make<T, R>(entry: ConfigEntry<T>, constructId: string, build: (value: T) => R): R | undefined {
    const constructPath = `${this.node.path}/${constructId}`;
    this.context.locator.register(constructPath, entry);
    try {
      return build(terraformValuesOf(entry.value, (name) => this.tokens.get(name) ?? `\${var.${name}}`));
    } catch (error) {
      this.context.report(this.context.locator.problemsOfBuildError(error, entry, constructPath));
      return undefined;
    }
  }

  /** A local state file beside `cdktf.json` (Terraform runs in `cdktf.out/stacks/<stack>/`), or an azurerm blob. */
  private addBackend(): void {
    const { config, key } = this.resolved.backend;
    if (config.type === 'azurerm') {
      const { type, key: written, useAzureadAuth, ...settings } = config;
      void type; void written;
      new AzurermBackend(this, { ...settings, key: key ?? `${this.resolved.stackName}.tfstate`, useAzureadAuth: useAzureadAuth ?? true });
    } else {
      new LocalBackend(this, { path: `../../../terraform.${this.resolved.stackName}.tfstate` });
    }
  }

  private addVariables(): void {
    for (const { name, config } of this.resolved.variables) {
      const variable = new TerraformVariable(this, name, { type: 'string', ...config });
      this.tokens.set(name, variable.stringValue);
      this.context.locator.register(`${this.node.path}/${name}`, entryAt(name, config, ['variables', name]));
    }
  }

  private addWorkspace(config: WorkspaceConfig): SentinelWorkspace {
    const {
      variables, backend, policy, intendedReplacements, virtualNetworks, dataCollectionEndpoints, customTables, forwarders, connectors, dataCollectionRules,
      solutions, sku, tableSettings, ...props
    } = config;
    void variables; void backend; void policy; void intendedReplacements; void virtualNetworks; void dataCollectionEndpoints; void customTables; void forwarders;
    void connectors; void dataCollectionRules; void solutions;
    return new SentinelWorkspace(this, WORKSPACE_CONSTRUCT_ID, {
      ...props,
      sku: sku as WorkspaceSku | undefined,
      tableSettings: tableSettings === undefined ? undefined : Object.fromEntries(Object.entries(tableSettings)
        .map(([table, settings]): [string, TableSettingsOptions] => [table, { ...settings, plan: tablePlanOf(settings.plan) }])),
    });
  }

  /** The network under the stack, and each subnet under the stack too (ids are the config's names). */
  private addNetwork(entry: ConfigEntry<VirtualNetworkConfig>, network: VirtualNetworkConfig, workspace: SentinelWorkspace): void {
    const resourceGroupName = network.resourceGroupName ?? workspace.resourceGroupName;
    const virtualNetwork = new VirtualNetwork(this, entry.name, {
      name: network.name, location: network.location ?? workspace.location, resourceGroupName, addressSpace: network.addressSpace,
      tags: network.tags,
    });
    for (const subnet of entriesOf(network.subnets, [...entry.documentPath, 'subnets'])) {
      this.make(subnet, subnet.name, (settings) => this.subnets.set(subnet.name, new Subnet(this, subnet.name, {
        name: settings.name, resourceGroupName, virtualNetworkName: virtualNetwork.name, addressPrefixes: settings.addressPrefixes,
      })));
    }
  }

  private addForwarder(id: string, forwarder: ForwarderConfig, workspace: SentinelWorkspace): AmaForwarder {
    const { subnet, subnetId, image, ...props } = forwarder;
    return new AmaForwarder(this, id, {
      ...props,
      workspace,
      subnetId: subnetId ?? this.subnets.get(subnet ?? '')?.id ?? '',
      image: image === undefined ? undefined : typeof image === 'string' ? FORWARDER_IMAGES[image] : ForwarderImage.fromMarketplace(image),
    });
  }

  private addSolution(entry: ConfigEntry<SolutionConfig>, solution: SolutionConfig, workspace: SentinelWorkspace): void {
    const settings = solution.connectorSettings ?? {};
    const made = new SolutionPackage(this, entry.name, {
      workspace,
      solution: solution.shippedSolution !== undefined ? shippedSolutionDirectory(solution.shippedSolution)
        : displayPath(path.resolve(this.context.source.directory, solution.solution ?? '.')),
      parameters: solution.parameters,
      disabledAnalyticRules: solution.disabledAnalyticRules,
      connectors: Object.fromEntries(Object.entries(solution.connectors ?? {}).flatMap(([declared, name]) => {
        const connector = this.connectors.get(name);
        return connector === undefined ? [] : [[declared, connector]];
      })),
      connectorSettings: Object.fromEntries(Object.entries(settings).map(([declared, { forwarders, dataCollectionEndpoint, tablePlan, ...rest }]) => {
        void forwarders;
        return [declared, { ...rest, tablePlan: tablePlanOf(tablePlan), dataCollectionEndpoint: this.endpointOf(dataCollectionEndpoint) }];
      })),
    });
    for (const [declared, declaredSettings] of Object.entries(settings)) {
      const settingsEntry = entryAt(declared, declaredSettings, [...entry.documentPath, 'connectorSettings', declared]);
      this.context.locator.register(`${workspace.node.path}/${declared}`, settingsEntry);
      for (const forwarder of declaredSettings.forwarders ?? []) {
        this.attach(forwarder, made.connector(declared));
      }
    }
  }

  private endpointOf(name: string | undefined): IDataCollectionEndpoint | undefined {
    return name === undefined ? undefined : this.endpoints.get(name);
  }

  /** Lets a forwarder's agent apply a Syslog or CEF connector's rule. */
  private attach(forwarderName: string, connector: ISentinelConnector): void {
    const forwarder = this.forwarders.get(forwarderName);
    if (!isSyslogAgentConnector(connector)) {
      throw new Error(`forwarders: ${connector.node.path} is a ${connector.catalogEntry.title} connector; only Syslog and CEF `
        + 'connectors are applied by a forwarder');
    }
    forwarder?.attachConnector(connector);
  }
}
