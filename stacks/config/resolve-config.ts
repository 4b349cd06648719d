import { BackendConfig, STACK_NAME_PLACEHOLDER } from '../../model/config/backend-config';
import { ConnectorConfig } from '../../model/config/connector-config';
import { DataCollectionRuleConfig } from '../../model/config/data-collection-rule-config';
import { PolicySuppressionConfig } from '../../model/config/policy-config';
import { SentinelConfig } from '../../model/config/sentinel-config';
import { WorkspaceConfig } from '../../model/config/workspace-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { checkWorkspaceReferences } from './check-references';
import { ConfigEntry, entryAt } from './config-entry';
import { ConfigError, ConfigProblem } from './config-error';
import { ConfigSource, readConfigSource } from './config-source';
import { namesOfInvalidDefinitions, resolveConnectors } from './resolve-connectors';
import { resolveDataCollectionRules } from './resolve-data-collection-rules';
import { DeclaredVariable, resolveVariables } from './resolve-variables';
import { validateConfigDocument } from './validate-config-schema';

/** Where a stack keeps its state, and where that is said. */
export interface ResolvedBackend {
  readonly config: BackendConfig;
  /** The azurerm state blob, `{stack}` replaced. */
  readonly key?: string;
  readonly documentPath: DocumentPath;
}

/** A policy suppression as `applySentinelPolicy` takes it, with where it is written. */
export interface ResolvedSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly path?: string;
  readonly documentPath: DocumentPath;
}

/** One workspace of the config, resolved: what its stack is built from. */
export interface ResolvedWorkspace {
  readonly stackName: string;
  readonly workspace: ConfigEntry<WorkspaceConfig>;
  readonly connectors: ReadonlyArray<ConfigEntry<ConnectorConfig>>;
  /** The data collection rules written out, with the `.kql` files of their data flows read. */
  readonly dataCollectionRules: ReadonlyArray<ConfigEntry<DataCollectionRuleConfig>>;
  readonly variables: readonly DeclaredVariable[];
  readonly backend: ResolvedBackend;
  readonly suppressions: readonly ResolvedSuppression[];
}

/** A config file, checked and resolved. */
export interface ResolvedConfig {
  readonly source: ConfigSource;
  readonly workspaces: readonly ResolvedWorkspace[];
}

/**
 * Reads a config file, checks it against the schema, merges shared connector definitions, reads `.kql` files and checks
 * every reference between entries. Throws a {@link ConfigError} with every problem found.
 */
export function resolveConfigFile(configPath: string): ResolvedConfig {
  const { source, problems } = readConfigSource(configPath);
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  const schemaProblems = validateConfigDocument(source);
  const document = source.yaml.value as SentinelConfig;
  const workspaces: ResolvedWorkspace[] = [];
  const found = [...schemaProblems];
  if (isMapping(document) && isMapping(document.workspaces)) {
    const invalidDefinitions = namesOfInvalidDefinitions(document);
    for (const stackName of Object.keys(document.workspaces)) {
      if (!isMapping(document.workspaces[stackName])) {
        continue;
      }
      try {
        const resolved = resolveWorkspace(source, document, stackName, invalidDefinitions);
        found.push(...resolved.problems);
        workspaces.push(resolved.workspace);
      } catch (error) {
        // A document that breaks the schema may not have the shapes resolution reads; its schema problems say why.
        if (schemaProblems.length === 0) {
          throw error;
        }
      }
    }
    found.push(...duplicateStateBlobs(source, workspaces));
  }
  if (found.length > 0) {
    throw new ConfigError(found);
  }
  return { source, workspaces };
}

function resolveWorkspace(source: ConfigSource, document: SentinelConfig, stackName: string,
  invalidDefinitions: ReadonlySet<string>): { workspace: ResolvedWorkspace; problems: ConfigProblem[] } {
  const config = document.workspaces[stackName];
  const documentPath = ['workspaces', stackName];
  const connectors = resolveConnectors(source, document, stackName, invalidDefinitions);
  const rules = resolveDataCollectionRules(source, document, stackName);
  const variables = resolveVariables(source, document, stackName, [...connectors.connectors, ...rules.dataCollectionRules]);
  const references = checkWorkspaceReferences(source, document, stackName, connectors.connectors,
    variables.variables.map((variable) => variable.name));
  return {
    workspace: {
      stackName,
      workspace: entryAt(stackName, config, documentPath),
      connectors: connectors.connectors,
      dataCollectionRules: rules.dataCollectionRules,
      variables: variables.variables,
      backend: backendOf(document, stackName),
      suppressions: [
        ...suppressionsOf(document.policy?.suppressions, ['policy', 'suppressions']),
        ...suppressionsOf(config.policy?.suppressions, [...documentPath, 'policy', 'suppressions']),
      ],
    },
    problems: [...connectors.problems, ...rules.problems, ...variables.problems, ...references],
  };
}

/** The workspace's backend, else the top-level one, else a local state file. */
function backendOf(document: SentinelConfig, stackName: string): ResolvedBackend {
  const own = document.workspaces[stackName].backend;
  const config: BackendConfig = own ?? document.backend ?? { type: 'local' };
  const documentPath = own !== undefined ? ['workspaces', stackName, 'backend'] : ['backend'];
  if (config.type !== 'azurerm') {
    return { config, documentPath };
  }
  return { config, documentPath, key: (config.key ?? `${STACK_NAME_PLACEHOLDER}.tfstate`).split(STACK_NAME_PLACEHOLDER).join(stackName) };
}

function suppressionsOf(suppressions: readonly PolicySuppressionConfig[] | undefined, documentPath: DocumentPath): ResolvedSuppression[] {
  return (suppressions ?? []).map((suppression, index) => ({
    ruleId: suppression.rule, reason: suppression.reason, ...(suppression.path === undefined ? {} : { path: suppression.path }),
    documentPath: [...documentPath, index],
  }));
}

/** Two stacks writing one azurerm state blob would overwrite each other's state. */
function duplicateStateBlobs(source: ConfigSource, workspaces: readonly ResolvedWorkspace[]): ConfigProblem[] {
  const owners = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { stackName, backend } of workspaces) {
    if (backend.config.type !== 'azurerm') {
      continue;
    }
    const blob = `${backend.config.storageAccountName}/${backend.config.containerName}/${backend.key}`;
    const owner = owners.get(blob);
    if (owner !== undefined) {
      problems.push(source.problemAt(backend.config.key === undefined ? backend.documentPath : [...backend.documentPath, 'key'],
        `stacks ${owner} and ${stackName} would both keep their state in ${blob}; give each its own key (use {stack} in it)`));
    } else {
      owners.set(blob, stackName);
    }
  }
  return problems;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
