import { PollerStatus } from '../../pollers/emulated-pollers';
import { INGESTION_PATH_TITLES, IngestionPath } from '../../../model/connectors/connector-catalog-entry';
import { RowsPerMinute, ROWS_PER_MINUTE_HISTORY_IN_MINUTES, WorkspaceStore } from '../../store/table-store';
import { EmulatedRule, EmulatorTopology } from '../../topology/load-topology';
import { topologyDiagram } from './topology-diagram';

/** How long after its last row a connector still shows Connected, unless `startEmulator` says otherwise. */
export const DEFAULT_CONNECTED_WINDOW_IN_MINUTES = 10;

/** A connector as the constructs record it under `//.sentinel.connectors` (read defensively: it is JSON from disk). */
interface RecordedConnector {
  readonly constructPath?: string;
  readonly workspace?: string;
  readonly resources?: readonly string[];
  readonly details?: Record<string, unknown>;
  readonly catalogEntry?: {
    readonly connectorId?: string;
    readonly title?: string;
    readonly publisher?: string;
    readonly ingestionPath?: string;
    readonly tables?: readonly string[];
    readonly prerequisites?: readonly string[];
    readonly description?: string;
    readonly support?: { readonly tier?: string; readonly name?: string; readonly link?: string; readonly email?: string };
  };
}

/** One table a connector fills, with what it received. */
export interface ConnectorTableStatus {
  readonly tableName: string;
  /** Rows ever written to the table. */
  readonly rowsWritten: number;
  /** Rows the table holds now (bounded by the row cap). */
  readonly rowCount: number;
  /** The oldest rows dropped to stay within the row cap (`--max-rows-per-table`): evicted, not lost. */
  readonly rowsEvicted: number;
  /** When its last row arrived (ISO 8601), or null. */
  readonly lastRowAt: string | null;
  /** Rows received per minute, oldest first, on the minutes of {@link DataConnectorsStatus.minutes}. */
  readonly rowsPerMinute: number[];
}

/** The rule a connector made, as the detail view shows it. */
export interface ConnectorRuleDescription {
  readonly ruleName: string;
  readonly immutableId: string;
  readonly syslogSources: ReadonlyArray<{ name: string; streams: readonly string[]; facilityNames: readonly string[]; logLevels: readonly string[] }>;
  readonly streamDeclarations: string[];
  readonly dataFlows: ReadonlyArray<{ streams: readonly string[]; outputStream: string | null; tableName: string | null; transformKql: string | null }>;
}

/** One connector on the Data connectors page. */
export interface ConnectorStatus {
  readonly connectorId: string;
  readonly title: string;
  readonly description: string | null;
  readonly constructPath: string;
  readonly ingestionPath: string;
  /** The ingestion path as the page shows it (`CEF via AMA`, ...). */
  readonly ingestionPathTitle: string;
  readonly publisher: string;
  readonly support: { readonly tier: string; readonly name: string | null; readonly link: string | null; readonly email: string | null };
  readonly workspace: { readonly name: string; readonly customerId: string } | null;
  /** `Connected` when one of its tables received a row within the window, else `Disconnected`. */
  readonly status: 'Connected' | 'Disconnected';
  /** When the last row of its tables arrived (ISO 8601), or null. */
  readonly lastLogReceived: string | null;
  readonly tables: ConnectorTableStatus[];
  readonly prerequisites: readonly string[];
  readonly dataCollectionRules: ConnectorRuleDescription[];
  /** The settings the connector recorded beside its catalog entry. */
  readonly details: Record<string, unknown>;
  /** The codeless poller among the connector's resources: its state, last poll and last error; null for other connectors. */
  readonly poller: PollerStatus | null;
}

/** What `GET /emulator/connectors` answers. */
export interface DataConnectorsStatus {
  readonly stackName: string;
  /** The emulator's clock when the answer was made (ISO 8601). */
  readonly now: string;
  readonly connectedWindowInMinutes: number;
  /** Start of each minute of the graphs, in milliseconds since the epoch, oldest first. */
  readonly minutes: number[];
  readonly workspaces: ReadonlyArray<{ readonly name: string; readonly customerId: string }>;
  readonly connectors: ConnectorStatus[];
  /** The topology (sources, forwarders, rules, tables, workspaces) as a Mermaid flowchart. */
  readonly diagram: string;
}

/** What the Data connectors page reads. */
export interface DataConnectorsPageOptions {
  readonly topology: () => EmulatorTopology | undefined;
  readonly stores: () => ReadonlyMap<string, WorkspaceStore>;
  readonly forwarderListeners: () => ReadonlyArray<{ readonly key: string; readonly udp: string; readonly tcp: string }>;
  readonly now: () => Date;
  readonly connectedWindowInMinutes: number;
  /** @default - no pollers */
  readonly pollers?: () => readonly PollerStatus[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);

function describeRule(rule: EmulatedRule): ConnectorRuleDescription {
  return {
    ruleName: rule.ruleName,
    immutableId: rule.immutableId,
    syslogSources: rule.syslogSources.map((source) => ({
      name: source.name, streams: source.streams, facilityNames: source.facilityNames, logLevels: source.logLevels,
    })),
    streamDeclarations: [...rule.streamDeclarations.keys()],
    dataFlows: rule.dataFlows.map((flow) => ({
      streams: flow.streams, outputStream: flow.outputStream ?? null, tableName: flow.tableName ?? null, transformKql: flow.transformKql ?? null,
    })),
  };
}

/**
 * The Data connectors page's model: every recorded connector with its status, last log and rows per minute of the
 * tables it fills, its prerequisites and its rules; answered by `GET /emulator/connectors`.
 */
export function dataConnectorsStatus(options: DataConnectorsPageOptions): DataConnectorsStatus {
  const topology = options.topology();
  const now = options.now();
  const stores = options.stores();
  const windowStartMs = now.getTime() - options.connectedWindowInMinutes * 60_000;
  const workspaces = topology?.workspaces ?? [];
  const pollers = options.pollers?.() ?? [];
  let minutes: number[] | undefined;
  const minutesOf = (series: RowsPerMinute) => {
    minutes ??= series.rows.map((_, index) => series.firstMinuteStartMs + index * 60_000);
    return series.rows;
  };

  const connectors = ((topology?.connectors ?? []) as readonly RecordedConnector[]).map((recorded): ConnectorStatus => {
    const entry = recorded.catalogEntry ?? {};
    // The connector's workspace, by the address it recorded; a workspace outside the stack falls back to the only one.
    const workspace = workspaces.find((candidate) => candidate.address === recorded.workspace)
      ?? (workspaces.length === 1 ? workspaces[0] : undefined);
    const store = workspace === undefined ? undefined : stores.get(workspace.address);
    const tables = strings(entry.tables).map((tableName): ConnectorTableStatus => {
      const table = store?.allTables().find((candidate) => candidate.tableName === tableName);
      const statistics = table?.statistics();
      return {
        tableName,
        rowsWritten: statistics?.rowsWritten ?? 0,
        rowCount: statistics?.rowCount ?? 0,
        rowsEvicted: statistics?.rowsEvicted ?? 0,
        lastRowAt: statistics?.lastRowAt?.toISOString() ?? null,
        rowsPerMinute: table === undefined ? new Array<number>(ROWS_PER_MINUTE_HISTORY_IN_MINUTES).fill(0) : minutesOf(table.rowsPerMinute(now)),
      };
    });
    const lastLogReceived = tables.map((table) => table.lastRowAt).filter((at): at is string => at !== null).sort().at(-1) ?? null;
    const resources = new Set(strings(recorded.resources));
    const ingestionPath = text(entry.ingestionPath) ?? 'unknown';
    return {
      connectorId: text(entry.connectorId) ?? recorded.constructPath ?? 'unknown',
      title: text(entry.title) ?? text(entry.connectorId) ?? 'Untitled connector',
      description: text(entry.description),
      constructPath: recorded.constructPath ?? '',
      ingestionPath,
      ingestionPathTitle: INGESTION_PATH_TITLES[ingestionPath as IngestionPath] ?? ingestionPath,
      publisher: text(entry.publisher) ?? '',
      support: {
        tier: text(entry.support?.tier) ?? 'Community',
        name: text(entry.support?.name), link: text(entry.support?.link), email: text(entry.support?.email),
      },
      workspace: workspace === undefined ? null : { name: workspace.workspaceName, customerId: workspace.customerId },
      status: lastLogReceived !== null && Date.parse(lastLogReceived) >= windowStartMs ? 'Connected' : 'Disconnected',
      lastLogReceived,
      tables,
      prerequisites: strings(entry.prerequisites),
      dataCollectionRules: (topology?.rules ?? []).filter((rule) => resources.has(rule.address)).map(describeRule),
      details: recorded.details !== null && typeof recorded.details === 'object' ? recorded.details : {},
      poller: pollers.find((poller) => resources.has(poller.address)) ?? null,
    };
  });

  const lastMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return {
    stackName: topology?.stackName ?? '',
    now: now.toISOString(),
    connectedWindowInMinutes: options.connectedWindowInMinutes,
    minutes: minutes ?? Array.from({ length: ROWS_PER_MINUTE_HISTORY_IN_MINUTES },
      (_, index) => lastMinute - (ROWS_PER_MINUTE_HISTORY_IN_MINUTES - 1 - index) * 60_000),
    workspaces: workspaces.map((workspace) => ({ name: workspace.workspaceName, customerId: workspace.customerId })),
    connectors,
    diagram: topology === undefined ? 'flowchart LR\n  empty["no topology loaded"]' : topologyDiagram(topology, options.forwarderListeners()),
  };
}
