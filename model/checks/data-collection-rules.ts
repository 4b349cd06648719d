import { PolicyInput, PolicyResource, resourcesOfType } from './policy-input';
import { blockList, literalString, literalStrings, referencedAddress } from './terraform-values';

/** A syslog data source of a data collection rule, as synthesized. */
export interface SyslogDataSource {
  readonly name: string;
  /** The stream it sends to (`Microsoft-Syslog`, `Microsoft-CommonSecurityLog`, ...). */
  readonly streams: readonly string[];
  /** Facilities, `*` for all. */
  readonly facilityNames: readonly string[];
  /** Levels, `*` for all. */
  readonly logLevels: readonly string[];
}

/** A data flow of a data collection rule, as synthesized; `transformKql` is undefined when there is none. */
export interface DataFlow {
  readonly streams: readonly string[];
  readonly outputStream?: string;
  /** The transformation; a Terraform expression stays as written. */
  readonly transformKql?: string;
}

/** A machine's association with a data collection rule of this stack. */
export interface RuleAssociation {
  readonly association: PolicyResource;
  /** The `azurerm_monitor_data_collection_rule` the association points to. */
  readonly dataCollectionRule: PolicyResource;
  /** `target_resource_id` as written: a resource ID, or a reference such as `${azurerm_linux_virtual_machine.X.id}`. */
  readonly targetResourceId: string;
}

/** The syslog data sources of a data collection rule. */
export function syslogDataSources(rule: PolicyResource): SyslogDataSource[] {
  return blockList(rule.attributes.data_sources).flatMap((sources) => blockList(sources.syslog)).map((source) => ({
    name: literalString(source.name) ?? '(unnamed)',
    streams: literalStrings(source.streams),
    facilityNames: literalStrings(source.facility_names),
    logLevels: literalStrings(source.log_levels),
  }));
}

/** The data flows of a data collection rule. */
export function dataFlows(rule: PolicyResource): DataFlow[] {
  return blockList(rule.attributes.data_flow).map((flow) => ({
    streams: literalStrings(flow.streams),
    outputStream: literalString(flow.output_stream),
    transformKql: typeof flow.transform_kql === 'string' ? flow.transform_kql : undefined,
  }));
}

/** The declared columns of a stream (`stream_declaration`) of a data collection rule. */
export function declaredStreamColumns(rule: PolicyResource, streamName: string): Array<{ name: string; type: string }> | undefined {
  const declaration = blockList(rule.attributes.stream_declaration).find((candidate) => candidate.stream_name === streamName);
  if (declaration === undefined) {
    return undefined;
  }
  return blockList(declaration.column).map((column) => ({ name: String(column.name), type: String(column.type) }));
}

/** Every association of a machine with a data collection rule declared in this stack. */
export function ruleAssociations(input: PolicyInput): RuleAssociation[] {
  const rules = new Map(resourcesOfType(input, 'azurerm_monitor_data_collection_rule').map((rule) => [rule.resourceAddress, rule]));
  return resourcesOfType(input, 'azurerm_monitor_data_collection_rule_association').flatMap((association) => {
    const rule = rules.get(referencedAddress(association.attributes.data_collection_rule_id) ?? '');
    const target = association.attributes.target_resource_id;
    return rule === undefined || typeof target !== 'string' ? []
      : [{ association, dataCollectionRule: rule, targetResourceId: target }];
  });
}
