import { compileTransformation, CompiledTransformation } from '../../model/kql/evaluate/compile-transformation';
import { Row } from '../../model/kql/values';
import { COMMON_SECURITY_LOG_STREAM, microsoftStreamSchema, SYSLOG_STREAM } from '../../model/streams';
import { ColumnDefinition } from '../../model/tables/table-schema';
import { WorkspaceStore } from '../store/table-store';
import { findCiscoAsaText, parseCiscoAsa, toCiscoAsaCommonSecurityLogRow } from '../syslog/cisco-asa';
import { toCommonSecurityLogRow } from '../syslog/cef-to-common-security-log';
import { findCefText, parseCef } from '../syslog/parse-cef';
import { dataCollectionRuleLevel, facilityName, parseSyslog, SyslogEvent } from '../syslog/parse-syslog';
import { EventContext, toSyslogRow } from '../syslog/syslog-to-row';
import { EmulatedRule, EmulatorTopology } from '../topology/load-topology';

/** A data flow ready to run: its transformation compiled once, its destination resolved. */
interface CompiledFlow {
  readonly streams: readonly string[];
  readonly transformation?: CompiledTransformation;
  readonly tableName: string;
  readonly store: WorkspaceStore;
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
export class IngestionPipeline {
  private readonly forwarders = new Map<string, ForwarderPath>();

  constructor(topology: EmulatorTopology, stores: ReadonlyMap<string, WorkspaceStore>, private readonly now: () => Date = () => new Date()) {
    const refusals: string[] = [];
    const compiledRules = new Map<string, CompiledRule>();
    for (const rule of topology.rules) {
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
        flows.push({ streams: flow.streams, tableName: flow.tableName, store, ...(transformation === undefined ? {} : { transformation }) });
      });
      const streamsByPriority: string[][] = [];
      for (let facility = 0; facility < FACILITY_COUNT; facility++) {
        for (let severity = 0; severity < 8; severity++) {
          streamsByPriority.push(selectedStreams(rule, facility, severity));
        }
      }
      compiledRules.set(rule.address, { rule, flows, streamsByPriority });
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

  private forwarder(forwarderKey: string): ForwarderPath {
    const forwarder = this.forwarders.get(forwarderKey);
    if (forwarder === undefined) {
      throw new Error(`no forwarder ${forwarderKey} in the topology`);
    }
    return forwarder;
  }

  /** Runs a row of a stream through every flow of a rule that reads the stream. */
  private writeThroughFlows(compiled: CompiledRule, stream: string, row: Row, at: Date, statistics: ForwarderStatistics): void {
    for (const flow of compiled.flows) {
      if (!flow.streams.includes(stream)) {
        continue;
      }
      const output = flow.transformation === undefined ? row : flow.transformation.applyToTypedRow(row);
      if (output === undefined) {
        statistics.rowsFiltered++;
        continue;
      }
      flow.store.table(flow.tableName).append(output, at);
      statistics.rowsWritten++;
    }
  }
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
