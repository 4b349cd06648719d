import { Construct, IConstruct } from 'constructs';
import { ConnectorCatalogEntry } from '../../model/connectors/connector-catalog-entry';
import { COMMON_SECURITY_LOG_STREAM, SYSLOG_STREAM } from '../../model/streams';
import { expandMinimumLevel, SyslogFacility, SyslogLogLevel, SyslogLogLevelValue } from '../../model/syslog/facilities-and-levels';
import { DataCollectionRule } from '../data-collection-rule';
import { DataCollectionRuleAssociation } from '../data-collection-rule-association';
import { SentinelConnector, SentinelConnectorProps } from './sentinel-connector';

/** Properties shared by {@link SyslogConnector} and {@link CefConnector}. */
export interface SyslogAgentConnectorProps extends SentinelConnectorProps {
  /** Facilities to collect, as Azure spells them (`auth`, `local4`, `*`). */
  readonly facilityNames: SyslogFacility[];

  /**
   * The least severe level to collect; expands to it and every more severe level. Give this or `logLevels`.
   *
   * @default - use `logLevels`
   */
  readonly minimumLevel?: SyslogLogLevel;

  /**
   * The exact set of levels to collect. Give this or `minimumLevel`.
   *
   * @default - expanded from `minimumLevel`
   */
  readonly logLevels?: SyslogLogLevelValue[];

  /**
   * KQL run on each event before it is stored, checked at synth against the table.
   *
   * @default - events are stored as collected
   */
  readonly transformKql?: string;

  /**
   * Resource IDs of the log forwarders (VMs, scale sets, Arc-enabled servers) whose agent applies the rule;
   * more can be attached with `attachForwarder`.
   *
   * @default - none yet
   */
  readonly forwarderResourceIds?: string[];

  /**
   * Name of the data collection rule.
   *
   * @default - the workspace name followed by the construct id
   */
  readonly dataCollectionRuleName?: string;

  /**
   * Accept that a facility is collected by both a Syslog and a CEF connector on the same forwarder. Azure then
   * stores those events twice, in `Syslog` and in `CommonSecurityLog`; say so only when that is intended.
   *
   * @default false
   */
  readonly allowDuplicateEvents?: boolean;
}

/** A connector whose events a log forwarder's Azure Monitor Agent collects from syslog. */
export abstract class SyslogAgentConnector extends SentinelConnector {
  /** The data collection rule with the syslog data source. */
  public readonly dataCollectionRule: DataCollectionRule;
  /** The facilities the rule collects. */
  public readonly facilityNames: readonly SyslogFacility[];
  /** The levels the rule collects. */
  public readonly logLevels: readonly SyslogLogLevelValue[];
  /** Whether duplicate events with a connector of the other kind are accepted. */
  public readonly allowDuplicateEvents: boolean;
  /** The stream the rule collects into: `Microsoft-Syslog` or `Microsoft-CommonSecurityLog`. */
  public readonly stream: string;
  private readonly forwarders: string[] = [];

  protected constructor(scope: Construct, id: string, props: SyslogAgentConnectorProps, catalogEntry: ConnectorCatalogEntry,
    stream: typeof SYSLOG_STREAM | typeof COMMON_SECURITY_LOG_STREAM) {
    super(scope, id, props.workspace, catalogEntry);
    this.stream = stream;
    this.dataCollectionRule = new DataCollectionRule(this, 'Rule', {
      workspace: props.workspace,
      dataCollectionRuleName: props.dataCollectionRuleName ?? `${props.workspace.workspaceName}-${id}`,
      description: `${catalogEntry.title}: ${props.facilityNames.join(', ')}`,
      syslogDataSources: [{
        name: stream === SYSLOG_STREAM ? 'syslog' : 'cef',
        stream,
        facilityNames: props.facilityNames,
        minimumLevel: props.minimumLevel,
        logLevels: props.logLevels,
      }],
      dataFlows: [{ streams: [stream], transformKql: props.transformKql }],
    });
    this.facilityNames = props.facilityNames;
    this.logLevels = props.logLevels ?? (props.minimumLevel === undefined ? [] : expandMinimumLevel(props.minimumLevel));
    this.allowDuplicateEvents = props.allowDuplicateEvents ?? false;
    (props.forwarderResourceIds ?? []).forEach((resourceId) => this.attachForwarder(resourceId));
    this.node.addValidation({ validate: () => this.findDuplicateEvents() });
  }

  /** Resource IDs of the forwarders attached so far. */
  public get forwarderResourceIds(): readonly string[] {
    return this.forwarders;
  }

  /**
   * Attaches a forwarder: its Azure Monitor Agent applies this connector's rule (a rule association).
   *
   * @param id construct id of the association; @default - `Forwarder<n>`
   */
  public attachForwarder(forwarderResourceId: string, id?: string): DataCollectionRuleAssociation {
    const association = new DataCollectionRuleAssociation(this, id ?? `Forwarder${this.forwarders.length}`, {
      targetResourceId: forwarderResourceId,
      dataCollectionRule: this.dataCollectionRule,
    });
    this.forwarders.push(forwarderResourceId);
    return association;
  }

  protected connectorDetails(): Record<string, unknown> {
    return {
      facilityNames: this.facilityNames,
      logLevels: this.logLevels,
      forwarders: this.forwarders,
      dataCollectionRule: this.dataCollectionRule.node.path,
    };
  }

  /**
   * Microsoft warns that a facility collected by both a Syslog and a CEF rule on one machine is stored twice.
   * The Syslog side reports it, naming the CEF connector.
   */
  private findDuplicateEvents(): string[] {
    if (this.stream !== SYSLOG_STREAM) {
      return [];
    }
    const root: IConstruct = this.node.root;
    const others = root.node.findAll().filter((construct): construct is SyslogAgentConnector =>
      construct instanceof SyslogAgentConnector && construct.stream === COMMON_SECURITY_LOG_STREAM);
    const errors: string[] = [];
    for (const cef of others) {
      if (this.allowDuplicateEvents || cef.allowDuplicateEvents) {
        continue;
      }
      const machine = this.forwarders.find((forwarder) => cef.forwarders.includes(forwarder));
      const facility = machine === undefined ? undefined : overlappingFacility(this.facilityNames, cef.facilityNames);
      if (machine !== undefined && facility !== undefined) {
        errors.push(`facilityNames: facility "${facility}" is also collected by the CEF connector ${cef.node.path} on the same forwarder `
          + `(${machine}); Azure stores those events twice, in Syslog and in CommonSecurityLog. Give each facility to one connector, `
          + 'or drop CEF from Syslog with transformKql: \'source | where ProcessName !contains "CEF"\' and set allowDuplicateEvents: true');
      }
    }
    return errors;
  }
}

/** The first facility two lists share (`*` shares every facility), or undefined. */
function overlappingFacility(first: readonly SyslogFacility[], second: readonly SyslogFacility[]): string | undefined {
  if (first.includes('*')) {
    return second[0];
  }
  if (second.includes('*')) {
    return first[0];
  }
  return first.find((facility) => second.includes(facility));
}
