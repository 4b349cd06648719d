import { Construct } from 'constructs';
import { DataCollectionRule, DataCollectionRuleKind, DataFlowOptions, IDataCollectionRule } from '../../constructs/data-collection-rule';
import { IDataCollectionEndpoint } from '../../constructs/data-collection-endpoint';
import { DataCollectionRuleAssociation } from '../../constructs/data-collection-rule-association';
import { AmaForwarder } from '../../constructs/forwarder/ama-forwarder';
import { throwIfInvalidBeforeCreation } from '../../constructs/private/validation';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';
import { DataCollectionRuleConfig, DataFlowConfig, WORKSPACE_TRANSFORMS_KIND } from '../../model/config/data-collection-rule-config';
import { WorkspaceTransformationRule } from '../../constructs/workspace-transformation-rule';

/** What a rule entry refers to by name in its workspace. */
export interface DataCollectionRuleReferences {
  /** The data collection endpoint named in `dataCollectionEndpoint`, when there is one. */
  endpoint(name: string | undefined): IDataCollectionEndpoint | undefined;
  /** The forwarder of that name, when it could be made. */
  forwarder(name: string): AmaForwarder | undefined;
}

/** Properties a workspace transformation rule does not take, with why. */
const NOT_FOR_WORKSPACE_TRANSFORMS: ReadonlyArray<[keyof DataCollectionRuleConfig, string]> = [
  ['streamDeclarations', 'it reads the tables\' own streams'],
  ['syslogDataSources', 'no agent collects for it'],
  ['logFileDataSources', 'no agent collects for it'],
  ['dataCollectionEndpoint', 'nothing is sent to it'],
  ['forwarders', 'no agent applies it'],
  ['forwarderResourceIds', 'no agent applies it'],
  ['senderPrincipalIds', 'nothing is sent to it'],
];

/**
 * Makes the construct of a rule entry under `scope` (the stack), construct id `id`: a {@link DataCollectionRule} with an
 * association per forwarder (`Forwarder-<name>`) and per machine resource ID (`Forwarder<n>`) and a sender role per
 * principal (`Sender<n>`), or for `kind: WorkspaceTransforms` a {@link WorkspaceTransformationRule}.
 */
export function buildDataCollectionRule(scope: Construct, workspace: SentinelWorkspace, id: string, config: DataCollectionRuleConfig,
  references: DataCollectionRuleReferences): IDataCollectionRule {
  return config.kind === WORKSPACE_TRANSFORMS_KIND
    ? buildWorkspaceTransformationRule(scope, workspace, id, config)
    : buildCollectionRule(scope, workspace, id, config, references);
}

function buildCollectionRule(scope: Construct, workspace: SentinelWorkspace, id: string, config: DataCollectionRuleConfig,
  references: DataCollectionRuleReferences): DataCollectionRule {
  const { kind, dataCollectionEndpoint, dataFlows, forwarders, forwarderResourceIds, senderPrincipalIds, ...props } = config;
  const collectsFromAgents = (config.syslogDataSources ?? []).length > 0 || (config.logFileDataSources ?? []).length > 0;
  const machinesField = (forwarders ?? []).length > 0 ? 'forwarders' : 'forwarderResourceIds';
  throwIfInvalidBeforeCreation(scope, id, machinesField, !collectsFromAgents && (forwarders ?? []).length + (forwarderResourceIds ?? []).length > 0
    ? `the rule has no syslog or log file data source, so an agent has nothing to collect for it; add a data source or leave `
      + `${machinesField} out` : undefined);
  const rule = new DataCollectionRule(scope, id, {
    ...props,
    workspace,
    kind: kind as DataCollectionRuleKind | undefined,
    dataCollectionEndpoint: references.endpoint(dataCollectionEndpoint),
    dataFlows: dataFlows.map(dataFlowOptionsOf),
  });
  for (const name of forwarders ?? []) {
    const forwarder = references.forwarder(name);
    if (forwarder !== undefined) {
      new DataCollectionRuleAssociation(rule, `Forwarder-${name}`, { targetResourceId: forwarder.forwarderResourceId, dataCollectionRule: rule });
    }
  }
  (forwarderResourceIds ?? []).forEach((targetResourceId, index) =>
    new DataCollectionRuleAssociation(rule, `Forwarder${index}`, { targetResourceId, dataCollectionRule: rule }));
  (senderPrincipalIds ?? []).forEach((principalId, index) => rule.grantIngest(`Sender${index}`, principalId));
  return rule;
}

function buildWorkspaceTransformationRule(scope: Construct, workspace: SentinelWorkspace, id: string,
  config: DataCollectionRuleConfig): WorkspaceTransformationRule {
  const { dataCollectionRuleName, dataFlows, location, resourceGroupName, description, tags } = config;
  const misplaced = NOT_FOR_WORKSPACE_TRANSFORMS.find(([property]) => config[property] !== undefined);
  throwIfInvalidBeforeCreation(scope, id, misplaced?.[0] ?? '', misplaced === undefined ? undefined
    : `a workspace transformation rule (kind WorkspaceTransforms) takes no ${misplaced[0]}: ${misplaced[1]}; put it in a rule of its own`);
  return new WorkspaceTransformationRule(scope, id, {
    workspace, dataCollectionRuleName, location, resourceGroupName, description, tags, dataFlows: dataFlows.map(dataFlowOptionsOf),
  });
}

/** A data flow as the constructs take it (its `.kql` file was read into `transformKql` when the config was resolved). */
function dataFlowOptionsOf({ streams, transformKql, outputStream }: DataFlowConfig): DataFlowOptions {
  return { streams, transformKql, outputStream };
}
