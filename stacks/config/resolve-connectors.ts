import { closest } from '../../model/closest-name';
import { ConnectorConfig, ConnectorEntry, isConnectorReference } from '../../model/config/connector-config';
import { SentinelConfig } from '../../model/config/sentinel-config';
import { TransformConfig } from '../../model/config/transform-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { ConfigEntry, entryAt } from './config-entry';
import { ConfigProblem } from './config-error';
import { ConfigSource } from './config-source';
import { readTransformKqlFile } from './read-transform-file';
import { validateConnectorConfig } from './validate-config-schema';

/** The connectors of one workspace with shared definitions merged and `.kql` files read, or the problems found. */
export function resolveConnectors(source: ConfigSource, document: SentinelConfig, stackName: string,
  invalidDefinitions: ReadonlySet<string>): { connectors: Array<ConfigEntry<ConnectorConfig>>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const connectors: Array<ConfigEntry<ConnectorConfig>> = [];
  const section = document.workspaces[stackName].connectors ?? {};
  for (const [name, written] of Object.entries(section)) {
    const documentPath = ['workspaces', stackName, 'connectors', name];
    const merged = isConnectorReference(written)
      ? mergeDefinition(source, document, name, written, documentPath, invalidDefinitions, problems)
      : entryAt(name, written as ConnectorConfig, documentPath);
    const resolved = merged === undefined ? undefined : readTransformFile(source, merged, problems);
    if (resolved !== undefined) {
      connectors.push(resolved);
    }
  }
  return { connectors, problems };
}

/**
 * Names of the shared definitions that break the schema on their own (reported where they are written), so that the
 * workspaces using one do not repeat its problems.
 */
export function namesOfInvalidDefinitions(document: SentinelConfig): Set<string> {
  const invalid = new Set<string>();
  for (const [name, definition] of Object.entries(document.connectorDefinitions ?? {})) {
    if (validateConnectorConfig(definition, () => ({ file: '', line: 0, column: 0, path: '', message: '' })).length > 0) {
      invalid.add(name);
    }
  }
  return invalid;
}

/** A workspace's connector made from a shared definition and its overrides, checked as a whole. */
function mergeDefinition(source: ConfigSource, document: SentinelConfig, name: string, reference: ConnectorEntry & { use: string },
  documentPath: DocumentPath, invalidDefinitions: ReadonlySet<string>, problems: ConfigProblem[]): ConfigEntry<ConnectorConfig> | undefined {
  const definitions = document.connectorDefinitions ?? {};
  const definition = definitions[reference.use];
  if (definition === undefined) {
    const names = Object.keys(definitions);
    const suggestion = closest(reference.use, names);
    problems.push(source.problemAt([...documentPath, 'use'], `no connector definition is named "${reference.use}"`
      + (suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`)
      + (names.length === 0 ? '; connectorDefinitions is empty' : `; connectorDefinitions has: ${names.join(', ')}`)));
    return undefined;
  }
  const { use, ...overrides } = reference;
  if (Object.hasOwn(overrides, 'kind')) {
    problems.push(source.problemAtKey([...documentPath, 'kind'], `comes from the definition "${use}" (kind "${definition.kind}") `
      + 'and cannot be changed; write the connector out instead of using the definition'));
    return undefined;
  }
  const definitionPath = ['connectorDefinitions', use];
  const pathOf = (property: string): DocumentPath => (Object.hasOwn(overrides, property) ? [...documentPath, property] : [...definitionPath, property]);
  const value = { ...definition, ...overrides } as ConnectorConfig;
  if (!invalidDefinitions.has(use)) {
    const found = validateConnectorConfig(value, (inner, atKey, message) => {
      const at = inner.length === 0 ? documentPath : [...pathOf(String(inner[0])), ...inner.slice(1)];
      return atKey ? source.problemAtKey(at, message) : source.problemAt(at, message);
    });
    if (found.length > 0) {
      problems.push(...found);
      return undefined;
    }
  }
  return { name, value, documentPath, pathOf };
}

/** Reads `transformKqlFile` into `transformKql`, relative to the config file. */
function readTransformFile(source: ConfigSource, entry: ConfigEntry<ConnectorConfig>, problems: ConfigProblem[]): ConfigEntry<ConnectorConfig> | undefined {
  const read = readTransformKqlFile(source, entry.value as ConnectorConfig & TransformConfig, entry.pathOf, problems);
  if (read === undefined || read.file === undefined) {
    return read === undefined ? undefined : entry;
  }
  return { ...entry, value: read.value, transformFile: read.file };
}
