import { statSync } from 'node:fs';
import { shippedSolutionsDirectory } from '../../constructs/solutions/load-solution';
import { closest } from '../../model/closest-name';
import { ConnectorConfig } from '../../model/config/connector-config';
import { DataCollectionRuleConfig, WORKSPACE_TRANSFORMS_KIND } from '../../model/config/data-collection-rule-config';
import { SentinelConfig } from '../../model/config/sentinel-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { ConfigEntry } from './config-entry';
import { ConfigProblem } from './config-error';
import { ConfigSource } from './config-source';
import { projectPath } from './project-path';

/** Names of entries are construct ids, which become part of Terraform resource names. */
const CONSTRUCT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Stack names and ids of entries are folders, file and Terraform names: kept well under the file systems' 255 bytes. */
const MAX_NAME_LENGTH = 64;

/** Names every JavaScript object has (`constructor`, `toString`, `__proto__`, ...), which a name of the config must not be. */
export const OBJECT_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Why a stack name or an entry's name is refused, if it is. */
export function nameProblem(name: string, what: 'stack name' | 'name'): string | undefined {
  if (!CONSTRUCT_ID.test(name)) {
    return `is not a valid ${what}; expected letters, digits, "-" or "_", starting with a letter or digit`;
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `is a ${what} of ${name.length} characters; at most ${MAX_NAME_LENGTH} are accepted`;
  }
  if (OBJECT_NAMES.has(name)) {
    return `"${name}" cannot be a ${what}: every JavaScript object has a property of that name; choose another`;
  }
  return undefined;
}

/** Ids the stack builder uses itself at the top of every stack. */
const RESERVED_STACK_IDS = ['Sentinel', 'azurerm', 'backend'];

/** Sections whose entries are constructs directly under the stack. */
const STACK_LEVEL_SECTIONS = ['virtualNetworks', 'dataCollectionEndpoints', 'customTables', 'forwarders', 'dataCollectionRules', 'solutions'] as const;

/**
 * The names and cross-references of one workspace: stack and construct ids, and every name that refers to another entry
 * (a forwarder's subnet, a connector's or a rule's forwarders and endpoint, a solution's connectors), each reported where
 * it is written with the names that would be accepted; and at most one workspace transformation rule.
 */
export function checkWorkspaceReferences(source: ConfigSource, document: SentinelConfig, stackName: string,
  connectors: ReadonlyArray<ConfigEntry<ConnectorConfig>>, variableNames: readonly string[]): ConfigProblem[] {
  const workspace = document.workspaces[stackName];
  const base = ['workspaces', stackName];
  const problems: ConfigProblem[] = [];
  // Stack names become folders (`cdktf.out/stacks/<name>`) and state file names.
  const stackNameProblem = nameProblem(stackName, 'stack name');
  if (stackNameProblem !== undefined) {
    problems.push(source.problemAtKey(base, stackNameProblem));
  }
  problems.push(...checkIds(source, workspace, base, variableNames));

  const subnets = Object.values(workspace.virtualNetworks ?? {}).flatMap((network) => Object.keys(network.subnets ?? {}));
  const forwarders = Object.keys(workspace.forwarders ?? {});
  const endpoints = Object.keys(workspace.dataCollectionEndpoints ?? {});
  const connectorNames = Object.keys(workspace.connectors ?? {});
  const refer = (documentPath: DocumentPath, name: string | undefined, names: readonly string[], section: string) => {
    if (name !== undefined && !names.includes(name)) {
      problems.push(source.problemAt(documentPath, unknownName(name, names, section)));
    }
  };

  for (const [name, forwarder] of Object.entries(workspace.forwarders ?? {})) {
    const at = [...base, 'forwarders', name];
    if ((forwarder.subnet === undefined) === (forwarder.subnetId === undefined)) {
      problems.push(source.problemAt(at, 'give subnet (a subnet under virtualNetworks) or subnetId (an existing subnet\'s resource ID), one of them'));
    }
    refer([...at, 'subnet'], forwarder.subnet, subnets, 'virtualNetworks.<network>.subnets');
  }
  for (const connector of connectors) {
    const value = connector.value as { forwarders?: string[]; dataCollectionEndpoint?: string };
    (value.forwarders ?? []).forEach((forwarder, index) => refer([...connector.pathOf('forwarders'), index], forwarder, forwarders, 'forwarders'));
    refer(connector.pathOf('dataCollectionEndpoint'), value.dataCollectionEndpoint, endpoints, 'dataCollectionEndpoints');
  }
  for (const [name, rule] of rulesOf(workspace)) {
    const at = [...base, 'dataCollectionRules', name];
    (Array.isArray(rule.forwarders) ? rule.forwarders : []).forEach((forwarder, index) =>
      refer([...at, 'forwarders', index], forwarder, forwarders, 'forwarders'));
    refer([...at, 'dataCollectionEndpoint'], rule.dataCollectionEndpoint, endpoints, 'dataCollectionEndpoints');
  }
  problems.push(...checkOneWorkspaceTransformationRule(source, workspace, base));
  for (const [name, solution] of Object.entries(workspace.solutions ?? {})) {
    const at = [...base, 'solutions', name];
    if ((solution.shippedSolution === undefined) === (solution.solution === undefined)) {
      problems.push(source.problemAt(at, 'give shippedSolution (a solution this package ships) or solution (a folder relative to the config file), one of them'));
    } else if (solution.solution !== undefined) {
      const folder = projectPath(source.directory, solution.solution, [shippedSolutionsDirectory()]);
      const problem = 'problem' in folder ? folder.problem : statSync(folder.path).isDirectory() ? undefined : 'is not a folder';
      if (problem !== undefined) {
        problems.push(source.problemAt([...at, 'solution'], `${JSON.stringify(solution.solution)} ${problem} (solution is a folder relative to `
          + 'the folder of the config file, inside it)'));
      }
    }
    for (const [declared, connectorName] of Object.entries(solution.connectors ?? {})) {
      refer([...at, 'connectors', declared], connectorName, connectorNames, 'connectors');
    }
    for (const [declared, settings] of Object.entries(solution.connectorSettings ?? {})) {
      (settings.forwarders ?? []).forEach((forwarder, index) =>
        refer([...at, 'connectorSettings', declared, 'forwarders', index], forwarder, forwarders, 'forwarders'));
      refer([...at, 'connectorSettings', declared, 'dataCollectionEndpoint'], settings.dataCollectionEndpoint, endpoints, 'dataCollectionEndpoints');
    }
  }
  return problems;
}

/** Azure keeps one workspace transformation rule per workspace (its `defaultDataCollectionRuleResourceId`). */
function checkOneWorkspaceTransformationRule(source: ConfigSource, workspace: SentinelConfig['workspaces'][string],
  base: DocumentPath): ConfigProblem[] {
  const names = rulesOf(workspace).filter(([, rule]) => rule.kind === WORKSPACE_TRANSFORMS_KIND).map(([name]) => name);
  return names.slice(1).map((name) => source.problemAt([...base, 'dataCollectionRules', name, 'kind'],
    `a workspace has one workspace transformation rule, and "${names[0]}" is already it; give its data flows to that rule `
    + '(one flow per table)'));
}

/** The rules of a workspace that are mappings (the schema reports the others). */
function rulesOf(workspace: SentinelConfig['workspaces'][string]): Array<[string, DataCollectionRuleConfig]> {
  return Object.entries(workspace.dataCollectionRules ?? {}).filter(([, rule]) => rule !== null && typeof rule === 'object');
}

/** Construct ids: valid, and unique among the constructs directly under the stack (variables included). */
function checkIds(source: ConfigSource, workspace: SentinelConfig['workspaces'][string], base: DocumentPath,
  variableNames: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const taken = new Map<string, string>([...RESERVED_STACK_IDS.map((id): [string, string] => [id, 'the stack builder']),
    ...variableNames.map((name): [string, string] => [name, `the variable "${name}"`])]);
  const claim = (id: string, documentPath: DocumentPath, what: string) => {
    const problem = nameProblem(id, 'name');
    if (problem !== undefined) {
      problems.push(source.problemAtKey(documentPath, problem));
    } else if (taken.has(id)) {
      problems.push(source.problemAtKey(documentPath, `is already used by ${taken.get(id)}; names of networks, subnets, endpoints, `
        + 'custom tables, forwarders, data collection rules, solutions and variables share one namespace in the stack'));
    } else {
      taken.set(id, what);
    }
  };
  for (const section of STACK_LEVEL_SECTIONS) {
    for (const [id, entry] of Object.entries(workspace[section] ?? {})) {
      claim(id, [...base, section, id], `${section}.${id}`);
      if (section === 'virtualNetworks') {
        for (const subnet of Object.keys((entry as { subnets?: object }).subnets ?? {})) {
          claim(subnet, [...base, section, id, 'subnets', subnet], `${section}.${id}.subnets.${subnet}`);
        }
      }
    }
  }
  for (const id of Object.keys(workspace.connectors ?? {})) {
    const problem = nameProblem(id, 'name');
    if (problem !== undefined) {
      problems.push(source.problemAtKey([...base, 'connectors', id], problem));
    }
  }
  return problems;
}

function unknownName(name: string, names: readonly string[], section: string): string {
  const suggestion = closest(name, names);
  return `refers to "${name}", which is not under ${section} of this workspace`
    + (suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`)
    + (names.length === 0 ? `; ${section} is empty` : `; expected one of: ${names.join(', ')}`);
}
