import { ConnectorSupport } from '../connectors/connector-catalog-entry';
import { SyslogFacility, SyslogLogLevel, SyslogLogLevelValue } from '../syslog/facilities-and-levels';
import { StreamColumnType, TableColumnType } from '../tables/table-schema';
import { validateAgainstSchema } from './schema-validation';
import { errorsOf, SolutionProblem } from './solution-problem';
import { WatchlistDeclaration } from './watchlist';
import { WorkbookDeclaration } from './workbook';
import { parseYamlSource, YamlSource } from './yaml-source';

/** The name of the file that makes a folder a solution. */
export const SOLUTION_MANIFEST_FILE = 'solution.yaml';

/** Parameters every workspace provides; a solution cannot declare them. */
export const BUILT_IN_PARAMETERS = ['workspaceName', 'workspaceResourceId', 'workspaceLocation'] as const;

/** Names of the handlebars helpers content may use; a solution cannot declare parameters with these names. */
export const CONTENT_HELPERS = ['analyticRule'] as const;

/** A connector that collects syslog or CEF through the log forwarders' Azure Monitor Agent. */
export interface AgentConnectorDeclaration {
  readonly id: string;
  readonly ingestionPath: 'syslog-ama' | 'cef-ama';
  readonly facilityNames: SyslogFacility[];
  readonly minimumLevel?: SyslogLogLevel;
  readonly logLevels?: SyslogLogLevelValue[];
  readonly transformKql?: string;
}

/** A connector that receives records through the Logs Ingestion API (a team's own source). */
export interface LogsIngestionConnectorDeclaration {
  readonly id: string;
  readonly ingestionPath: 'logs-ingestion-api';
  readonly connectorId: string;
  readonly title: string;
  readonly publisher?: string;
  readonly description?: string;
  readonly support?: Omit<ConnectorSupport, 'tier'> & { readonly tier?: ConnectorSupport['tier'] };
  readonly prerequisites?: string[];
  readonly streamName: string;
  readonly streamColumns: Array<{ readonly name: string; readonly type: StreamColumnType }>;
  readonly tableName: string;
  readonly tableColumns?: Array<{ readonly name: string; readonly type: TableColumnType; readonly description?: string }>;
  readonly transformKql?: string;
}

/** A connector a solution brings. */
export type SolutionConnectorDeclaration = AgentConnectorDeclaration | LogsIngestionConnectorDeclaration;

/** A value content refers to as `{{name}}`. */
export interface SolutionParameterDeclaration {
  readonly description: string;
  /** @default - none: the stack must give a value */
  readonly default?: string;
}

/** What solution.yaml says. Content lists are the patterns as written; the loader resolves them to files. */
export interface SolutionManifest {
  readonly name: string;
  readonly publisher: string;
  readonly version: string;
  readonly description: string;
  readonly support: ConnectorSupport;
  readonly parameters: Readonly<Record<string, SolutionParameterDeclaration>>;
  readonly dataConnectors: readonly SolutionConnectorDeclaration[];
  readonly analyticRules: readonly string[];
  readonly huntingQueries: readonly string[];
  readonly parsers: readonly string[];
  readonly automationRules: readonly string[];
  readonly workbooks: readonly WorkbookDeclaration[];
  readonly watchlists: readonly WatchlistDeclaration[];
}

/** Reads solution.yaml: the schema, then what it cannot say (unique connector ids, reserved parameter names). */
export function parseSolutionManifest(file: string, text: string): { manifest?: SolutionManifest; source: YamlSource; problems: SolutionProblem[] } {
  const source = parseYamlSource(file, text);
  if (source.problems.length > 0) {
    return { source, problems: source.problems };
  }
  const problems = validateAgainstSchema('solution', source, { unknownTopLevelProperty: 'error' });
  if (errorsOf(problems).length > 0) {
    return { source, problems };
  }
  const written = source.value as Partial<SolutionManifest> & Pick<SolutionManifest, 'name' | 'publisher' | 'version' | 'description' | 'support'>;
  const manifest: SolutionManifest = {
    name: written.name,
    publisher: written.publisher,
    version: written.version,
    description: written.description,
    support: written.support,
    parameters: written.parameters ?? {},
    dataConnectors: written.dataConnectors ?? [],
    analyticRules: written.analyticRules ?? [],
    huntingQueries: written.huntingQueries ?? [],
    parsers: written.parsers ?? [],
    automationRules: written.automationRules ?? [],
    workbooks: written.workbooks ?? [],
    watchlists: written.watchlists ?? [],
  };
  const reserved: readonly string[] = [...BUILT_IN_PARAMETERS, ...CONTENT_HELPERS];
  for (const name of Object.keys(manifest.parameters)) {
    if (reserved.includes(name)) {
      problems.push({ ...source.locateKey(['parameters', name]), severity: 'error',
        message: `is a name every workspace provides or a helper of the content (${reserved.join(', ')}); choose another name` });
    }
  }
  manifest.dataConnectors.forEach((connector, index) => {
    const first = manifest.dataConnectors.findIndex((other) => other.id === connector.id);
    if (first !== index) {
      problems.push({ ...source.locate(['dataConnectors', index, 'id']), severity: 'error',
        message: `"${connector.id}" is also the id of dataConnectors[${first}]; connector ids are construct ids and must be unique` });
    }
  });
  return errorsOf(problems).length > 0 ? { source, problems } : { manifest, source, problems };
}

/**
 * The files a list of patterns names, in the order written, each once. A pattern is a path relative to the solution
 * folder whose last segment may hold `*` (`analytic-rules/*.yaml`); a pattern that names no file is reported.
 */
export function resolveFilePatterns(patterns: readonly string[], files: readonly string[],
  onNoMatch: (index: number, pattern: string) => void): string[] {
  const resolved: string[] = [];
  patterns.forEach((pattern, index) => {
    const matches = pattern.includes('*') ? files.filter((file) => globMatches(pattern, file)).sort() : files.filter((file) => file === pattern);
    if (matches.length === 0) {
      onNoMatch(index, pattern);
    }
    matches.filter((file) => !resolved.includes(file)).forEach((file) => resolved.push(file));
  });
  return resolved;
}

function globMatches(pattern: string, file: string): boolean {
  const slash = pattern.lastIndexOf('/');
  const directory = pattern.slice(0, slash + 1);
  if (!file.startsWith(directory) || file.slice(directory.length).includes('/')) {
    return false;
  }
  const name = pattern.slice(slash + 1).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${name}$`).test(file.slice(directory.length));
}
