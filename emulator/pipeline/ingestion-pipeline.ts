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
  private readonly rulesByForwarder = new Map<string, CompiledRule[]>();
  private readonly statisticsByForwarder = new Map<string, ForwarderStatistics>();
  private readonly compiledRules = new Map<string, CompiledRule>();

  constructor(topology: EmulatorTopology, stores: ReadonlyMap<string, WorkspaceStore>, private readonly now: () => Date = () => new Date()) {
    const refusals: string[] = [];
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
      this.compiledRules.set(rule.address, { rule, flows });
    }
    if (refusals.length > 0) {
      throw new TransformationRefusedError(refusals);
    }
    for (const forwarder of topology.forwarders) {
      this.rulesByForwarder.set(forwarder.key, forwarder.ruleAddresses
        .map((address) => this.compiledRules.get(address))
        .filter((rule): rule is CompiledRule => rule !== undefined));
      this.statisticsByForwarder.set(forwarder.key, {
        forwarderName: forwarder.forwarderName, received: 0, dropped: 0, notCollected: 0, rowsWritten: 0, rowsFiltered: 0, oversizedFrames: 0,
      });
    }
  }

  /** The counters of a forwarder, live. */
  public statistics(forwarderKey: string): ForwarderStatistics {
    const statistics = this.statisticsByForwarder.get(forwarderKey);
    if (statistics === undefined) {
      throw new Error(`no forwarder ${forwarderKey} in the topology`);
    }
    return statistics;
  }

  /** A compiled rule, for the REST ingestion path. */
  public compiledRule(address: string): CompiledRule | undefined {
    return this.compiledRules.get(address);
  }

  /** Takes one syslog message (a datagram or a frame) that a forwarder received from `senderAddress`. */
  public ingestSyslog(forwarderKey: string, text: string, senderAddress: string): void {
    const statistics = this.statistics(forwarderKey);
    statistics.received++;
    const receivedAt = this.now();
    const parsed = parseSyslog(text, receivedAt);
    if (!parsed.ok) {
      statistics.dropped++;
      return;
    }
    const event = parsed.value;
    const facility = facilityName(event.facility);
    const level = dataCollectionRuleLevel(event.severity);
    const context: EventContext = { receivedAt, senderAddress, collectorHostName: statistics.forwarderName };
    let collected = false;
    for (const compiled of this.rulesByForwarder.get(forwarderKey) ?? []) {
      const streams = new Set<string>();
      for (const source of compiled.rule.syslogSources) {
        const facilityMatches = source.facilityNames.includes('*') || source.facilityNames.includes(facility);
        const levelMatches = source.logLevels.includes('*') || source.logLevels.includes(level);
        if (facilityMatches && levelMatches) {
          source.streams.forEach((stream) => streams.add(stream));
        }
      }
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

  /** Runs a row of a stream through every flow of a rule that reads the stream; returns rows written. */
  public writeThroughFlows(compiled: CompiledRule, stream: string, row: Row, at: Date,
    statistics?: { rowsWritten: number; rowsFiltered: number }): number {
    let written = 0;
    for (const flow of compiled.flows) {
      if (!flow.streams.includes(stream)) {
        continue;
      }
      const output = flow.transformation === undefined ? row : flow.transformation.apply(row);
      if (output === undefined) {
        if (statistics !== undefined) {
          statistics.rowsFiltered++;
        }
        continue;
      }
      flow.store.table(flow.tableName).append(output, at);
      written++;
    }
    if (statistics !== undefined) {
      statistics.rowsWritten += written;
    }
    return written;
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
