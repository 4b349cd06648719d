import { compileTransformation, CompiledTransformation } from '../../model/kql/evaluate/compile-transformation';
import { namedRowBuilder } from '../../model/kql/evaluate/named-properties';
import { Row } from '../../model/kql/values';
import { COMMON_SECURITY_LOG_STREAM, microsoftStreamSchema, SYSLOG_STREAM } from '../../model/streams';
import { ColumnDefinition } from '../../model/tables/table-schema';
import { StoredTable, WorkspaceStore } from '../store/table-store';
import { findCiscoAsaText, parseCiscoAsa, toCiscoAsaCommonSecurityLogRow } from '../syslog/cisco-asa';
import { toCommonSecurityLogRow } from '../syslog/cef-to-common-security-log';
import { findCefText, parseCef } from '../syslog/parse-cef';
import { dataCollectionRuleLevel, facilityName, parseSyslog, SyslogEvent } from '../syslog/parse-syslog';
import { EventContext, toSyslogRow } from '../syslog/syslog-to-row';
import { EmulatedRule, EmulatorTopology, isWorkspaceTransforms } from '../topology/load-topology';
import { recordReader } from './stream-records';

/** A data flow ready to run: its transformation compiled once, its destination resolved. */
interface CompiledFlow {
  readonly streams: readonly string[];
  readonly transformation?: CompiledTransformation;
  readonly tableName: string;
  readonly store: WorkspaceStore;
  /** The destination table of `store`, looked up once (a store keeps its tables for its whole life). */
  readonly table: StoredTable;
  /**
   * Leaves out the output columns the table does not have, which Azure accepts and does not store (spec 2.3); set
   * only when the transformation has such columns.
   */
  readonly tableColumnsOnly?: (row: Row) => Row;
}

/** A rule ready to run. */
interface CompiledRule {
  readonly rule: EmulatedRule;
  readonly flows: readonly CompiledFlow[];
  /**
   * The agent streams the rule's syslog sources select, by `facility * 8 + severity` (facilities 0-23): worked out
   * once, so that the per-event path only indexes an array.
   */
  readonly streamsByPriority: ReadonlyArray<readonly string[]>;
}

/** The agent streams a rule's syslog sources select for one facility and severity, each stream once. */
function selectedStreams(rule: EmulatedRule, facility: number, severity: number): string[] {
  const facilityText = facilityName(facility);
  const level = dataCollectionRuleLevel(severity);
  const streams = new Set<string>();
  for (const source of rule.syslogSources) {
    const facilityMatches = source.facilityNames.includes('*') || source.facilityNames.includes(facilityText);
    const levelMatches = source.logLevels.includes('*') || source.logLevels.includes(level);
    if (facilityMatches && levelMatches) {
      source.streams.forEach((stream) => streams.add(stream));
    }
  }
  return [...streams];
}

/** Facilities with an RFC 5424 code: 0 (kern) to 23 (local7). */
const FACILITY_COUNT = 24;

/** A rule that takes records through the Logs Ingestion API: a reader per stream it can be sent. */
interface RecordRule {
  readonly compiled: CompiledRule;
  readonly readers: ReadonlyMap<string, (record: unknown, recordIndex: number) => Row>;
  /** The streams of {@link readers}. */
  readonly streams: ReadonlySet<string>;
  readonly statistics: RuleStatistics;
}

/** Counters of the records posted to one rule. */
export interface RuleStatistics {
  readonly ruleName: string;
  readonly immutableId: string;
  /** Requests whose records were written. */
  requestsAccepted: number;
  /** Records in those requests. */
  recordsReceived: number;
  /** Rows written, over every table. */
  rowsWritten: number;
  /** Rows that a transformation filtered out. */
  rowsFiltered: number;
  /** Requests refused because a record did not fit the stream declaration. */
  requestsRefused: number;
}

/** What a forwarder applies: its rules and its counters. */
interface ForwarderPath {
  readonly rules: readonly CompiledRule[];
  readonly statistics: ForwarderStatistics;
}

/** Counters of the events of one forwarder. */
export interface ForwarderStatistics {
  readonly forwarderName: string;
  /** Messages received (datagrams or frames). */
  received: number;
  /** Messages that could not be read as syslog and were dropped. */
  dropped: number;
  /** Messages that no associated rule selected (facility or level not collected). */
  notCollected: number;
  /** Rows written, over every table. */
  rowsWritten: number;
  /** Rows that a transformation filtered out. */
  rowsFiltered: number;
  /** Frames longer than the limit, cut to it. */
  oversizedFrames: number;
}

/** A transformation the emulator cannot run, with the rule and flow it belongs to. */
export class TransformationRefusedError extends Error {
  public readonly code = 'TRANSFORMATION_REFUSED';

  constructor(public readonly refusals: readonly string[]) {
    super(`the topology has transformations the emulator refuses, as Azure would:\n  ${refusals.join('\n  ')}`);
    this.name = 'TransformationRefusedError';
  }
}

/** The input columns of a stream a rule reads: its declaration, or the table of an agent stream. */
function inputColumnsOf(rule: EmulatedRule, stream: string): readonly ColumnDefinition[] | undefined {
  return rule.streamDeclarations.get(stream) ?? microsoftStreamSchema(stream)?.columns.filter((column) => column.reserved !== true);
}

/**
 * The per-event path: syslog text from a forwarder goes through the rules associated with that forwarder, as the Azure
 * Monitor Agent applies them (facility and level filter, CEF parsing for the CEF stream), then through each data
 * flow's transformation into its table. An event two rules select lands twice, as in Azure.
 */
/** A workspace transformation of one table: its KQL, compiled per set of input columns (a Data Collector table grows). */
interface WorkspaceTransformation {
  readonly ruleAddress: string;
  readonly index: number;
  readonly transformKql: string;
  readonly compiled: Map<string, CompiledTransformation | Error>;
}

/** What a workspace transformation does to a row of its table: the row to store, or undefined when it drops it. */
export type RowTransform = (row: Row) => Row | undefined;

export class IngestionPipeline {
  private readonly forwarders = new Map<string, ForwarderPath>();
  private readonly recordRules = new Map<string, RecordRule>();
  /** By workspace address, then table: the flows of the workspace transformation rule. */
  private readonly workspaceTransformations = new Map<string, Map<string, WorkspaceTransformation>>();

  constructor(topology: EmulatorTopology, stores: ReadonlyMap<string, WorkspaceStore>, private readonly now: () => Date = () => new Date()) {
    const refusals: string[] = [];
    const compiledRules = new Map<string, CompiledRule>();
    for (const rule of topology.rules) {
      if (isWorkspaceTransforms(rule.kind)) {
        this.loadWorkspaceTransformations(rule, stores, refusals);
        continue;
      }
      const flows: CompiledFlow[] = [];
      rule.dataFlows.forEach((flow, index) => {
        const store = flow.workspaceAddress === undefined ? undefined : stores.get(flow.workspaceAddress);
        if (store === undefined || flow.tableName === undefined) {
          return;
        }
        let transformation: CompiledTransformation | undefined;
        if (flow.transformKql !== undefined && flow.transformKql.trim() !== 'source') {
          const inputColumns = inputColumnsOf(rule, flow.streams[0]);
          try {
            transformation = compileTransformation(flow.transformKql, inputColumns ?? [], { now });
          } catch (error) {
            refusals.push(`${rule.address} data_flow[${index}]: ${(error as Error).message}`);
            return;
          }
        }
        const tableColumnsOnly = transformation === undefined ? undefined : tableColumnsFilter(transformation, store.table(flow.tableName).columns);
        flows.push({
          streams: flow.streams, tableName: flow.tableName, store, table: store.table(flow.tableName),
          ...(transformation === undefined ? {} : { transformation }),
          ...(tableColumnsOnly === undefined ? {} : { tableColumnsOnly }),
        });
      });
      const streamsByPriority: string[][] = [];
      for (let facility = 0; facility < FACILITY_COUNT; facility++) {
        for (let severity = 0; severity < 8; severity++) {
          streamsByPriority.push(selectedStreams(rule, facility, severity));
        }
      }
      const compiled: CompiledRule = { rule, flows, streamsByPriority };
      compiledRules.set(rule.address, compiled);
      const readers = new Map(recordStreamsOf(rule).map(([stream, columns]) => [stream, recordReader(columns)]));
      this.recordRules.set(rule.immutableId, {
        compiled,
        readers, streams: new Set(readers.keys()),
        statistics: {
          ruleName: rule.ruleName, immutableId: rule.immutableId, requestsAccepted: 0, recordsReceived: 0, rowsWritten: 0, rowsFiltered: 0,
          requestsRefused: 0,
        },
      });
    }
    if (refusals.length > 0) {
      throw new TransformationRefusedError(refusals);
    }
    for (const forwarder of topology.forwarders) {
      this.forwarders.set(forwarder.key, {
        rules: forwarder.ruleAddresses
          .map((address) => compiledRules.get(address))
          .filter((rule): rule is CompiledRule => rule !== undefined),
        statistics: {
          forwarderName: forwarder.forwarderName, received: 0, dropped: 0, notCollected: 0, rowsWritten: 0, rowsFiltered: 0, oversizedFrames: 0,
        },
      });
    }
  }

  /**
   * The workspace transformation rule's flows (kind `WorkspaceTransforms`, streams `Microsoft-Table-<Table>`), checked
   * now against the columns of the tables the workspace declares; a table made by the Data Collector API is checked
   * when its first post arrives, with the columns it has then.
   */
  private loadWorkspaceTransformations(rule: EmulatedRule, stores: ReadonlyMap<string, WorkspaceStore>, refusals: string[]): void {
    rule.dataFlows.forEach((flow, index) => {
      const store = flow.workspaceAddress === undefined ? undefined : stores.get(flow.workspaceAddress);
      if (store === undefined || flow.tableName === undefined || flow.transformKql === undefined || flow.transformKql.trim() === 'source') {
        return;
      }
      let byTable = this.workspaceTransformations.get(flow.workspaceAddress as string);
      if (byTable === undefined) {
        byTable = new Map();
        this.workspaceTransformations.set(flow.workspaceAddress as string, byTable);
      }
      const transformation: WorkspaceTransformation = { ruleAddress: rule.address, index, transformKql: flow.transformKql, compiled: new Map() };
      byTable.set(flow.tableName, transformation);
      const columns = store.table(flow.tableName).columns;
      if (columns.length > 0) {
        const compiled = this.compileWorkspaceTransformation(transformation, columns);
        if (compiled instanceof Error) {
          refusals.push(`${rule.address} data_flow[${index}]: ${compiled.message}`);
        }
      }
    });
  }

  private compileWorkspaceTransformation(transformation: WorkspaceTransformation, columns: readonly ColumnDefinition[]):
    CompiledTransformation | Error {
    const input = columns.filter((column) => column.reserved !== true);
    const key = input.map((column) => `${column.name}:${column.type}`).join(',');
    let compiled = transformation.compiled.get(key);
    if (compiled === undefined) {
      try {
        compiled = compileTransformation(transformation.transformKql, input, { now: this.now });
      } catch (error) {
        compiled = error as Error;
      }
      transformation.compiled.set(key, compiled);
    }
    return compiled;
  }

  /**
   * What the workspace transformation rule does to the rows that reach `tableName` without a rule of their own (of the
   * emulator's paths, the HTTP Data Collector API's), given the table's columns now; undefined when no flow reads it.
   * The output keeps the columns the table has (others are dropped, as Azure drops them); a transformation that
   * cannot run on these columns is reported by `problem` and leaves the rows as they are (nothing posted is lost).
   */
  public workspaceTransformation(workspaceAddress: string, tableName: string, columns: readonly ColumnDefinition[],
    problem: (message: string) => void = () => undefined): RowTransform | undefined {
    const transformation = this.workspaceTransformations.get(workspaceAddress)?.get(tableName);
    if (transformation === undefined) {
      return undefined;
    }
    const compiled = this.compileWorkspaceTransformation(transformation, columns);
    if (compiled instanceof Error) {
      problem(`${transformation.ruleAddress} data_flow[${transformation.index}] cannot run on ${tableName} as it is: ${compiled.message}`);
      return undefined;
    }
    const keep = tableColumnsFilter(compiled, columns);
    return (row) => {
      const output = compiled.apply(row);
      return output === undefined || keep === undefined ? output : keep(output);
    };
  }

  /** The counters of a forwarder, live. */
  public statistics(forwarderKey: string): ForwarderStatistics {
    return this.forwarder(forwarderKey).statistics;
  }

  /** Takes one syslog message (a datagram or a frame) that a forwarder received from `senderAddress`. */
  public ingestSyslog(forwarderKey: string, text: string, senderAddress: string): void {
    const { rules, statistics } = this.forwarder(forwarderKey);
    statistics.received++;
    const receivedAt = this.now();
    const parsed = parseSyslog(text, receivedAt);
    if (!parsed.ok) {
      statistics.dropped++;
      return;
    }
    const event = parsed.value;
    const priority = event.facility * 8 + (event.severity & 7);
    const context: EventContext = { receivedAt, senderAddress, collectorHostName: statistics.forwarderName };
    let collected = false;
    for (const compiled of rules) {
      // A facility without an RFC code (the parser never gives one) is worked out on the spot.
      const streams = event.facility < FACILITY_COUNT ? compiled.streamsByPriority[priority]
        : selectedStreams(compiled.rule, event.facility, event.severity);
      for (const stream of streams) {
        const row = rowForStream(stream, event, context);
        if (row !== undefined) {
          collected = true;
          this.writeThroughFlows(compiled, stream, row, receivedAt, statistics);
        }
      }
    }
    if (!collected) {
      statistics.notCollected++;
    }
  }

  /** The streams a rule takes records of, by immutable ID; undefined for a rule the topology does not have. */
  public recordStreams(immutableId: string): ReadonlySet<string> | undefined {
    const rule = this.recordRules.get(immutableId);
    return rule?.streams;
  }

  /** The counters of the records posted to each rule, live. */
  public ruleStatistics(): RuleStatistics[] {
    return [...this.recordRules.values()].map((rule) => rule.statistics);
  }

  /**
   * Takes the records of one Logs Ingestion API request: all of them are read against the stream declaration
   * first, so a request is written whole or not at all; then each row goes through the flows of the rule that read
   * the stream.
   *
   * @throws RecordNotDeclaredShapeError for a record that does not fit the declaration (nothing is written)
   * @throws Error for a rule or stream that {@link recordStreams} does not list
   */
  public ingestRecords(immutableId: string, stream: string, records: readonly unknown[]): void {
    const rule = this.recordRules.get(immutableId);
    const read = rule?.readers.get(stream);
    if (rule === undefined || read === undefined) {
      throw new Error(`no rule ${immutableId} with a stream ${stream} in the topology`);
    }
    const { statistics } = rule;
    let rows: Row[];
    try {
      rows = records.map(read);
    } catch (error) {
      statistics.requestsRefused++;
      throw error;
    }
    statistics.requestsAccepted++;
    statistics.recordsReceived += rows.length;
    const receivedAt = this.now();
    for (const row of rows) {
      this.writeThroughFlows(rule.compiled, stream, row, receivedAt, statistics);
    }
  }

  private forwarder(forwarderKey: string): ForwarderPath {
    const forwarder = this.forwarders.get(forwarderKey);
    if (forwarder === undefined) {
      throw new Error(`no forwarder ${forwarderKey} in the topology`);
    }
    return forwarder;
  }

  /** Runs a row of a stream through every flow of a rule that reads the stream. */
  private writeThroughFlows(compiled: CompiledRule, stream: string, row: Row, at: Date,
    statistics: { rowsWritten: number; rowsFiltered: number }): void {
    for (const flow of compiled.flows) {
      if (!flow.streams.includes(stream)) {
        continue;
      }
      let output = flow.transformation === undefined ? row : flow.transformation.applyToTypedRow(row);
      if (output === undefined) {
        statistics.rowsFiltered++;
        continue;
      }
      if (flow.tableColumnsOnly !== undefined) {
        output = flow.tableColumnsOnly(output);
      }
      if (output.TimeGenerated === undefined || output.TimeGenerated === null) {
        // Spec 2.3 (UNCONFIRMED): a row without TimeGenerated gets the time it was received.
        output = { ...output, TimeGenerated: at };
      }
      flow.table.append(output, at);
      statistics.rowsWritten++;
    }
  }
}

/**
 * The streams of a rule that the Logs Ingestion API takes, with their columns: the declared streams, and the
 * `Microsoft-` streams of its data flows that name a table the model knows (spec 2.1).
 */
function recordStreamsOf(rule: EmulatedRule): Array<[string, readonly ColumnDefinition[]]> {
  const streams = new Set([...rule.streamDeclarations.keys(), ...rule.dataFlows.flatMap((flow) => flow.streams)]);
  return [...streams].flatMap((stream): Array<[string, readonly ColumnDefinition[]]> => {
    const columns = inputColumnsOf(rule, stream);
    return columns === undefined ? [] : [[stream, columns]];
  });
}

/** A filter that keeps the output columns a table has, when a transformation has others; else undefined. */
function tableColumnsFilter(transformation: CompiledTransformation, columns: readonly ColumnDefinition[]): ((row: Row) => Row) | undefined {
  const tableColumns = new Set(columns.map((column) => column.name));
  if (tableColumns.size === 0 || transformation.outputColumns.every((column) => tableColumns.has(column.name))) {
    return undefined;
  }
  const kept = transformation.outputColumns.filter((column) => tableColumns.has(column.name)).map((column) => column.name);
  return namedRowBuilder(kept, kept.map((name) => (row: Row) => row[name] ?? null), true);
}

/** The row an agent stream makes of a syslog event, or undefined when the stream does not take it. */
function rowForStream(stream: string, event: SyslogEvent, context: EventContext): Row | undefined {
  if (stream === SYSLOG_STREAM) {
    return toSyslogRow(event, context);
  }
  if (stream === COMMON_SECURITY_LOG_STREAM || stream === 'Microsoft-CiscoAsa') {
    // rsyslog reads the `CEF:` of a bare CEF line (and `logger -t CEF`) as the tag: findCefText puts it back.
    const cefText = findCefText(event);
    if (cefText !== undefined) {
      const cef = parseCef(cefText);
      return cef.ok ? toCommonSecurityLogRow(cef.value, event, context) : undefined;
    }
    const asa = parseCiscoAsa(findCiscoAsaText(event));
    return asa.ok ? toCiscoAsaCommonSecurityLogRow(asa.value, event, context) : undefined;
  }
  return undefined;
}
