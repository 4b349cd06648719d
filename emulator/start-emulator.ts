import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { runQuery } from '../model/kql/evaluate/run-query';
import { ResultColumn, Row } from '../model/kql/values';
import { TokenRequirements } from './http/authentication';
import { DataConnectorsPage } from './http/data-connectors-page';
import { DEFAULT_CONNECTED_WINDOW_IN_MINUTES } from './http/handlers/data-connectors-handler';
import { DataCollectorApi, dataCollectorEndpointOf, DataCollectorStatistics } from './http/handlers/data-collector-handler';
import { LogsIngestionApi, LogsIngestionLimits } from './http/handlers/logs-ingestion-handler';
import { findWorkspace } from './http/handlers/query-handler';
import { HttpTimeouts, RunningHttpsServer, startHttpsServer } from './http/https-server';
import { generateSelfSignedCertificate } from './http/self-signed-certificate';
import { QueryWorkers, QueryWorkersState } from './query/query-workers';
import { RunningSyslogListeners, startSyslogListeners } from './listeners/syslog-listeners';
import { ForwarderStatistics, IngestionPipeline, RuleStatistics } from './pipeline/ingestion-pipeline';
import { DEFAULT_ROW_CAP_PER_TABLE, TableStatistics, WorkspaceStore } from './store/table-store';
import { TextLogFiles, TextLogSource, TextLogStatistics } from './listeners/text-log-files';
import { EmulatedPollers, PollerStatus } from './pollers/emulated-pollers';
import { PollOutcome } from './pollers/rest-api-poller';
import { EmulatorTopology, loadTopology } from './topology/load-topology';
import { readSynthesizedStack } from './topology/read-synthesized-stacks';

/** Options of {@link startEmulator}. */
export interface StartEmulatorOptions {
  /**
   * The synthesized output (`cdktf synth` or `sentinel-cdk synth`).
   *
   * @default 'cdktf.out'
   */
  readonly outDir?: string;
  /**
   * The stack to emulate.
   *
   * @default - the only stack of `outDir`
   */
  readonly stack?: string;
  /**
   * Ports: `syslog` is the UDP and TCP port of the first forwarder (the next forwarders take the following ports),
   * `https` the port of the HTTPS server. 0 picks free ports.
   *
   * @default - 0 for both
   */
  readonly ports?: { readonly syslog?: number; readonly https?: number };
  /**
   * The address to listen on.
   *
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * PEM files of the HTTPS certificate and key.
   *
   * @default - a self-signed certificate for localhost and 127.0.0.1, made at start
   */
  readonly certificate?: { readonly certificateFile: string; readonly keyFile: string };
  /**
   * Where the certificate and the connection file (`connection.json`, read by `sentinel-cdk query`) are written.
   *
   * @default - `<outDir>/emulator`
   */
  readonly stateDir?: string;
  /** @default 100000 */
  readonly rowCapPerTable?: number;
  /**
   * What bearer tokens must carry.
   *
   * @default - any bearer token is accepted
   */
  readonly tokenRequirements?: TokenRequirements;
  /**
   * The Logs Ingestion API's limits per rule and minute; `Infinity` lifts one (load tests, benchmarks).
   *
   * @default - Azure's: 12,000 requests and 2 GB per rule and minute
   */
  readonly logsIngestionLimits?: LogsIngestionLimits;
  /**
   * How long after the last row of its tables a connector still shows Connected on the Data connectors page.
   *
   * @default 10
   */
  readonly connectedWindowInMinutes?: number;
  /**
   * The seconds a query of the query API may run; past them the client gets 504 and the emulator goes on.
   *
   * @default 30
   */
  readonly queryTimeoutSeconds?: number;
  /**
   * The heap, in MiB, of each query worker thread; a query past it gets Kusto's E_LOW_MEMORY_CONDITION (400).
   *
   * @default 1024
   */
  readonly queryMemoryMb?: number;
  /**
   * Host names the HTTPS server answers besides IP addresses and localhost (a proxy's, a container's). Any other
   * `Host` gets 403, so that a web page that rebinds its name to 127.0.0.1 reads nothing.
   *
   * @default - none
   */
  readonly allowedHosts?: readonly string[];
  /**
   * How long the HTTPS server waits for a request's headers and for the whole request before it answers 408.
   *
   * @default - 20 s for the headers, 60 s for the request
   */
  readonly httpTimeouts?: HttpTimeouts;
  /**
   * The origin (scheme, host and port) of the API each codeless poller polls, by poller name (`--poll-origin`): it
   * replaces the origin of the poller's `apiEndpoint` and token URL, keeping their paths. A poller without one stays idle.
   *
   * @default - none: every poller is idle
   */
  readonly pollOrigins?: Readonly<Record<string, string>>;
  /**
   * The values of the stack's `${var.NAME}` (`--var`, `TF_VAR_NAME`), e.g. a poller's API key.
   *
   * @default - none
   */
  readonly variables?: Readonly<Record<string, string>>;
  /**
   * Whether pollers also poll by themselves, every `queryWindowInMin`; `POST /emulator/pollers/{name}/poll` polls at
   * any time.
   *
   * @default true
   */
  readonly schedulePolls?: boolean;
  /**
   * The folder under which the text file sources of the rules read their `filePatterns` (`--log-root`): the pattern
   * `/var/log/app/*.log` is read as `<logRoot>/var/log/app/*.log`, and nothing outside the folder is opened.
   *
   * @default - text files are not read (reported at start)
   */
  readonly logRoot?: string;
  /**
   * What text file rows carry in `Computer` when their rule is associated with no machine of the stack (the agent
   * writes the name of the machine it runs on).
   *
   * @default - this machine's host name
   */
  readonly textFileComputer?: string;
  /** The clock; tests may fix it. @default - the system clock */
  readonly now?: () => Date;
}

/** A forwarder's listeners and counters. */
export interface EmulatedForwarderStatus extends ForwarderStatistics {
  readonly key: string;
  readonly udp: { readonly host: string; readonly port: number };
  readonly tcp: { readonly host: string; readonly port: number };
}

/** What `stats()` tells. */
export interface EmulatorStatistics {
  readonly forwarders: EmulatedForwarderStatus[];
  readonly workspaces: Array<{ readonly workspaceName: string; readonly customerId: string; readonly tables: TableStatistics[] }>;
  /** Records posted to each rule through the Logs Ingestion API. */
  readonly dataCollectionRules: RuleStatistics[];
  /** Errors the listeners caught and survived. */
  readonly listenerErrors: number;
  /** The query workers: queries waiting and for how long, each worker's state, workers stopped by a limit. */
  readonly queries: QueryWorkersState;
  /** The HTTP Data Collector API's rows, after the workspace transformations. */
  readonly dataCollector: DataCollectorStatistics;
  /** The text file sources read under `logRoot`: files watched, lines read, matches refused, the last error. */
  readonly textFiles: Array<TextLogStatistics & { readonly rule: string; readonly rowsRefused: number }>;
}

/** The outcome of a query: the columns and the rows as objects keyed by column name. */
export interface EmulatorQueryResult {
  readonly columns: ResultColumn[];
  readonly rows: Row[];
}

/** A running emulator. */
export interface RunningEmulator {
  readonly topology: EmulatorTopology;
  /**
   * Base URL of the HTTPS server: the Data connectors page (`/`), the query API, `/emulator/topology`, and the
   * stand-in for every data collection endpoint.
   */
  readonly httpsUrl: string;
  /** The certificate clients must trust (e.g. `NODE_EXTRA_CA_CERTS`). */
  readonly certificatePath: string;
  readonly forwarders: ReadonlyArray<{ readonly name: string; readonly key: string } & Pick<EmulatedForwarderStatus, 'udp' | 'tcp'>>;
  readonly workspaces: ReadonlyArray<{ readonly name: string; readonly customerId: string }>;
  /**
   * Runs a query against a workspace (by name or customer ID; the only one when omitted), in this thread and without
   * the query API's time and memory bounds: for the caller's own queries (tests). The query API runs on workers.
   */
  query(kql: string, workspace?: string): EmulatorQueryResult;
  /** Polls a query until `predicate` accepts its result; rejects after `timeoutMs`. */
  waitFor(kql: string, predicate: (result: EmulatorQueryResult) => boolean, timeoutMs?: number, workspace?: string): Promise<EmulatorQueryResult>;
  stats(): EmulatorStatistics;
  /** The codeless pollers: their states, and one poll now (rejects for a poller the stack lacks or one that cannot poll). */
  readonly pollers: { status(): PollerStatus[]; poll(name: string): Promise<PollOutcome> };
  stop(): Promise<void>;
}

async function certificateOf(options: StartEmulatorOptions): Promise<{ cert: string; key: string }> {
  if (options.certificate !== undefined) {
    return { cert: readFileSync(options.certificate.certificateFile, 'utf8'), key: readFileSync(options.certificate.keyFile, 'utf8') };
  }
  return generateSelfSignedCertificate();
}

/**
 * Starts the emulator on a synthesized stack: a UDP and a TCP syslog listener per forwarder, the ingestion pipeline
 * with the stack's rules and transformations, in-memory tables, and the HTTPS server with the Log Analytics query API.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const outDir = options.outDir ?? 'cdktf.out';
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const connectedWindowInMinutes = options.connectedWindowInMinutes ?? DEFAULT_CONNECTED_WINDOW_IN_MINUTES;
  if (!(connectedWindowInMinutes > 0)) {
    throw new Error(`connectedWindowInMinutes: ${connectedWindowInMinutes} is not a number of minutes above 0`);
  }
  const { stackName, terraform: document } = readSynthesizedStack(outDir, options.stack);
  const certificate = await certificateOf(options);
  const stateDir = options.stateDir ?? path.join(outDir, 'emulator');
  mkdirSync(stateDir, { recursive: true });
  const certificatePath = path.join(stateDir, 'certificate.pem');
  writeFileSync(certificatePath, certificate.cert);

  let topology: EmulatorTopology | undefined;
  let stores = new Map<string, WorkspaceStore>();
  const queryable = () => (topology?.workspaces ?? []).map((workspace) => ({ workspace, store: stores.get(workspace.address) as WorkspaceStore }));
  const listeners: Array<{ key: string; name: string; running: RunningSyslogListeners }> = [];
  const describe = () => ({
    stackName,
    workspaces: (topology?.workspaces ?? []).map((workspace) => ({
      name: workspace.workspaceName, customerId: workspace.customerId, resourceId: workspace.resourceId, tables: [...workspace.tables.keys()],
      dataCollector: dataCollectorEndpointOf(workspace, https.url),
    })),
    forwarders: listeners.map(({ name, key, running }) => ({
      name, resourceAddress: key, udp: `${running.udp.host}:${running.udp.port}`, tcp: `${running.tcp.host}:${running.tcp.port}`,
    })),
    dataCollectionEndpoints: (topology?.endpoints ?? []).map((endpoint) => ({
      name: endpoint.endpointName, immutableId: endpoint.immutableId, logsIngestionEndpoint: endpoint.logsIngestionEndpoint,
    })),
    dataCollectionRules: (topology?.rules ?? []).map((rule) => {
      const endpoint = topology?.endpoints.find((candidate) => candidate.address === rule.endpointAddress);
      return {
        name: rule.ruleName, immutableId: rule.immutableId,
        // A rule of kind Direct has its own ingestion endpoint (spec 2.1); the emulator serves it at its HTTPS address.
        ingestionEndpoint: endpoint?.logsIngestionEndpoint ?? (rule.kind === 'Direct' ? https.url : null),
        streams: [...new Set([...rule.streamDeclarations.keys(), ...rule.syslogSources.flatMap((source) => source.streams)])],
        outputTables: rule.dataFlows.map((flow) => flow.tableName ?? null),
      };
    }),
    connectors: topology?.connectors ?? [],
    pollers: pollers?.status() ?? [],
    notEmulated: topology?.notEmulated ?? [],
    problems: topology?.problems ?? [],
  });

  const queries = new QueryWorkers({ timeoutSeconds: options.queryTimeoutSeconds, memoryMb: options.queryMemoryMb });
  const dataCollector = new DataCollectorApi({
    workspaces: queryable, now,
    workspaceTransformation: (workspaceAddress, tableName, columns, problem) =>
      pipeline?.workspaceTransformation(workspaceAddress, tableName, columns, problem),
  });
  const dataConnectorsPage = new DataConnectorsPage({
    topology: () => topology, stores: () => stores, now, connectedWindowInMinutes, pollers: () => pollers?.status() ?? [],
    forwarderListeners: () => listeners.map(({ key, running }) => ({
      key, udp: `${running.udp.host}:${running.udp.port}`, tcp: `${running.tcp.host}:${running.tcp.port}`,
    })),
  });
  const https: RunningHttpsServer = await startHttpsServer({
    host, port: options.ports?.https ?? 0, certificate, workspaces: queryable, topology: describe,
    tokenRequirements: options.tokenRequirements ?? {}, now, dataCollector, dataConnectorsPage, queries,
    allowedHosts: options.allowedHosts, timeouts: options.httpTimeouts, pollers: () => pollers, statistics: () => statistics(),
    logsIngestion: new LogsIngestionApi({
      pipeline: () => pipeline, tokenRequirements: options.tokenRequirements ?? {}, now, limits: options.logsIngestionLimits,
    }),
  });
  let pipeline: IngestionPipeline | undefined;
  let pollers: EmulatedPollers | undefined;
  let textFiles: RunningTextFiles | undefined;
  let listenerErrors = 0;
  try {
    topology = loadTopology(document, { stackName, httpsBaseUrl: https.url });
    stores = new Map(topology.workspaces.map((workspace) => [workspace.address,
      new WorkspaceStore(workspace.tables.values(), options.rowCapPerTable ?? DEFAULT_ROW_CAP_PER_TABLE)]));
    const loadedPipeline = new IngestionPipeline(topology, stores, now);
    pipeline = loadedPipeline;
    const basePort = options.ports?.syslog ?? 0;
    for (const [index, forwarder] of topology.forwarders.entries()) {
      const statistics = pipeline.statistics(forwarder.key);
      const running = await startSyslogListeners(host, basePort === 0 ? 0 : basePort + index,
        (text, sender) => loadedPipeline.ingestSyslog(forwarder.key, text, sender),
        () => { statistics.oversizedFrames++; },
        () => { listenerErrors++; });
      listeners.push({ key: forwarder.key, name: forwarder.forwarderName, running });
    }
    if (options.logRoot !== undefined) {
      textFiles = startTextFiles(topology, loadedPipeline, options.logRoot, now, options.textFileComputer ?? hostname());
    }
    const pollerNames = topology.pollers.map((poller) => poller.name);
    for (const name of Object.keys(options.pollOrigins ?? {})) {
      if (!pollerNames.includes(name)) {
        throw new Error(`--poll-origin ${name}: the stack has no codeless poller ${name} (its pollers: ${pollerNames.join(', ') || 'none'})`);
      }
    }
    pollers = new EmulatedPollers(topology.pollers, {
      origins: options.pollOrigins ?? {}, variables: options.variables ?? {}, now, schedule: options.schedulePolls,
      sinkOf: (immutableId, stream) => {
        if (loadedPipeline.recordStreams(immutableId)?.has(stream) !== true) {
          return `dcrConfig names the rule ${immutableId} and the stream ${stream}, which the stack does not have together`;
        }
        const written = () => loadedPipeline.ruleStatistics().find((rule) => rule.immutableId === immutableId)?.rowsWritten ?? 0;
        return (events) => {
          const before = written();
          loadedPipeline.ingestRecords(immutableId, stream, events);
          return written() - before;
        };
      },
    });
  } catch (error) {
    textFiles?.close();
    await Promise.all(listeners.map(({ running }) => running.close()));
    await queries.close();
    await new Promise<void>((resolve) => https.server.close(() => resolve()));
    throw error;
  }
  const loaded = topology;

  writeFileSync(path.join(stateDir, 'connection.json'), `${JSON.stringify({
    stackName, httpsUrl: https.url, certificatePath: path.resolve(certificatePath),
    workspaces: loaded.workspaces.map((workspace) => ({ name: workspace.workspaceName, customerId: workspace.customerId })),
  }, null, 2)}\n`);

  function statistics(): EmulatorStatistics {
    // Asked before the topology is loaded (the server starts first), it has nothing to count yet.
    const live = pipeline;
    return {
      forwarders: live === undefined ? [] : listeners.map(({ key, running: listener }) => ({
        ...live.statistics(key), key, udp: listener.udp, tcp: listener.tcp,
      })),
      dataCollectionRules: (live?.ruleStatistics() ?? []).map((entry) => ({ ...entry })),
      workspaces: (topology?.workspaces ?? []).map((workspace) => ({
        workspaceName: workspace.workspaceName, customerId: workspace.customerId,
        tables: (stores.get(workspace.address) as WorkspaceStore).allTables().map((table) => table.statistics()),
      })),
      listenerErrors,
      queries: queries.state(),
      dataCollector: { ...dataCollector.statistics },
      textFiles: textFiles?.stats() ?? [],
    };
  }

  const query = (kql: string, workspace?: string): EmulatorQueryResult => {
    const workspaces = queryable();
    const chosen = workspace === undefined
      ? (workspaces.length === 1 ? workspaces[0] : undefined)
      : findWorkspace(workspaces, workspace);
    if (chosen === undefined) {
      throw new Error(`the stack has ${workspaces.length} workspaces; name one (${workspaces.map((entry) => entry.workspace.workspaceName).join(', ')})`);
    }
    const result = runQuery(kql, chosen.store.allTables(), { now: now() });
    return {
      columns: result.columns,
      rows: result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index]]))),
    };
  };

  return {
    topology: loaded,
    httpsUrl: https.url,
    certificatePath: path.resolve(certificatePath),
    forwarders: listeners.map(({ key, name, running }) => ({ key, name, udp: running.udp, tcp: running.tcp })),
    workspaces: loaded.workspaces.map((workspace) => ({ name: workspace.workspaceName, customerId: workspace.customerId })),
    query,
    waitFor: async (kql, predicate, timeoutMs = 10_000, workspace) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = query(kql, workspace);
        if (predicate(result)) {
          return result;
        }
        if (Date.now() > deadline) {
          throw new Error(`waitFor timed out after ${timeoutMs} ms: ${kql} returned ${result.rows.length} rows`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stats: statistics,
    pollers: {
      status: () => (pollers as EmulatedPollers).status(),
      poll: async (name) => {
        const outcome = await (pollers as EmulatedPollers).pollNow(name);
        if (outcome === undefined || typeof outcome === 'string') {
          throw new Error(outcome ?? `the stack has no codeless poller "${name}"`);
        }
        return outcome;
      },
    },
    stop: async () => {
      pollers?.close();
      textFiles?.close();
      await Promise.all([...listeners.map(({ running }) => running.close()), queries.close()]);
      https.server.closeAllConnections();
      await new Promise<void>((resolve) => https.server.close(() => resolve()));
    },
  };
}

/** The text files read under `logRoot`, and their counters with each source's rule and refused rows. */
interface RunningTextFiles {
  close(): void;
  stats(): EmulatorStatistics['textFiles'];
}

/**
 * Reads the text file sources of the topology's rules under `logRoot` into their streams: a text line is `RawData`,
 * a JSON line is the record; `TimeGenerated` is when the line was read (unless a JSON line has it), `FilePath` the file
 * as the agent names it, `Computer` the machine the rule is associated with (`computer` when it has none).
 */
function startTextFiles(topology: EmulatorTopology, pipeline: IngestionPipeline, logRoot: string, now: () => Date,
  computer: string): RunningTextFiles {
  const entries = topology.rules.flatMap((rule) => rule.logFileSources.map((source) => ({
    rule,
    format: source.format,
    computer: topology.forwarders.find((forwarder) => forwarder.ruleAddresses.includes(rule.address))?.forwarderName ?? computer,
    source: { ruleImmutableId: rule.immutableId, name: `${rule.ruleName}/${source.name}`, streams: source.streams, filePatterns: source.filePatterns },
    rowsRefused: 0,
  })));
  const bySource = new Map<TextLogSource, (typeof entries)[number]>(entries.map((entry) => [entry.source, entry]));
  const files = new TextLogFiles(logRoot, entries.map((entry) => entry.source), (source, line) => {
    const entry = bySource.get(source) as (typeof entries)[number];
    let record: Record<string, unknown> = { TimeGenerated: now().toISOString() };
    if (entry.format === 'json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line.text);
      } catch {
        entry.rowsRefused++;
        return;
      }
      record = { ...record, ...(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) };
    } else {
      record.RawData = line.text;
    }
    record = { ...record, FilePath: line.filePath, Computer: entry.computer };
    for (const stream of source.streams) {
      try {
        if (pipeline.recordStreams(source.ruleImmutableId)?.has(stream) !== true) {
          throw new Error(`no stream ${stream}`);
        }
        pipeline.ingestRecords(source.ruleImmutableId, stream, [record]);
      } catch {
        entry.rowsRefused++;
      }
    }
  });
  return {
    close: () => files.close(),
    stats: () => files.stats().map((statistics, index) => ({ ...statistics, rule: entries[index].rule.ruleName, rowsRefused: entries[index].rowsRefused })),
  };
}
