import { SentinelAlertRuleNrt } from '@cdktf/provider-azurerm/lib/sentinel-alert-rule-nrt';
import {
  SentinelAlertRuleScheduled, SentinelAlertRuleScheduledConfig, SentinelAlertRuleScheduledIncident,
} from '@cdktf/provider-azurerm/lib/sentinel-alert-rule-scheduled';
import { Construct } from 'constructs';
import { AnalyticRule } from '../../model/solutions/analytic-rule';
import { ISentinelWorkspace } from '../sentinel-workspace';
import { optionalTerraformLiteral, terraformLiteral } from './terraform-literal';

/** The Terraform resource of an analytic rule: scheduled or near-real-time. */
export type AnalyticRuleResource = SentinelAlertRuleScheduled | SentinelAlertRuleNrt;

/** Arguments both kinds of rule take, with the same names in azurerm 4.55. */
type CommonRuleArguments = Omit<SentinelAlertRuleScheduledConfig,
  'queryFrequency' | 'queryPeriod' | 'triggerOperator' | 'triggerThreshold' | 'eventGrouping'>;

/**
 * `azurerm_sentinel_alert_rule_scheduled` or, for `kind: NRT`, `azurerm_sentinel_alert_rule_nrt`, with the Azure-Sentinel
 * fields in azurerm's names. The rule's GUID is the resource name, so the same rule is one resource per workspace.
 */
export function addAnalyticRule(scope: Construct, id: string, rule: AnalyticRule, query: string, workspace: ISentinelWorkspace,
  enabled: boolean): AnalyticRuleResource {
  const common = commonArguments(rule, query, workspace, enabled);
  if (rule.kind === 'NRT') {
    // azurerm 4.x requires event_grouping on NRT rules; SingleAlert is what the service chooses when none is given.
    return new SentinelAlertRuleNrt(scope, id, { ...common, eventGrouping: { aggregationMethod: rule.aggregationKind ?? 'SingleAlert' } });
  }
  return new SentinelAlertRuleScheduled(scope, id, {
    ...common,
    queryFrequency: rule.queryFrequency,
    queryPeriod: rule.queryPeriod,
    triggerOperator: rule.triggerOperator,
    triggerThreshold: rule.triggerThreshold,
    eventGrouping: rule.aggregationKind === undefined ? undefined : { aggregationMethod: rule.aggregationKind },
  });
}

function commonArguments(rule: AnalyticRule, query: string, workspace: ISentinelWorkspace, enabled: boolean): CommonRuleArguments {
  const override = rule.alertDetailsOverride;
  return {
    name: rule.id,
    logAnalyticsWorkspaceId: workspace.workspaceResourceId,
    displayName: terraformLiteral(rule.name),
    description: rule.description === '' ? undefined : terraformLiteral(rule.description),
    severity: rule.severity,
    query: terraformLiteral(query),
    enabled,
    tactics: nonEmpty(rule.tactics),
    techniques: nonEmpty(rule.techniques),
    entityMapping: nonEmpty(rule.entityMappings.map((mapping) => ({
      entityType: mapping.entityType,
      fieldMapping: mapping.fieldMappings.map((field) => ({ identifier: field.identifier, columnName: field.columnName })),
    }))),
    sentinelEntityMapping: nonEmpty(rule.sentinelEntitiesMappings.map((columnName) => ({ columnName }))),
    customDetails: Object.keys(rule.customDetails).length === 0 ? undefined : { ...rule.customDetails },
    alertDetailsOverride: override === undefined ? undefined : [{
      displayNameFormat: optionalTerraformLiteral(override.alertDisplayNameFormat),
      descriptionFormat: optionalTerraformLiteral(override.alertDescriptionFormat),
      severityColumnName: override.alertSeverityColumnName,
      tacticsColumnName: override.alertTacticsColumnName,
      dynamicProperty: nonEmpty(override.alertDynamicProperties.map((property) => ({ name: property.alertProperty, value: property.value }))),
    }],
    incident: incidentOf(rule),
    suppressionEnabled: rule.suppressionEnabled,
    suppressionDuration: rule.suppressionDuration,
    dependsOn: workspace.sentinelDependency,
  };
}

/** `incidentConfiguration` as azurerm's `incident` block, which requires a `grouping` block: absent means not grouped. */
function incidentOf(rule: AnalyticRule): SentinelAlertRuleScheduledIncident | undefined {
  const configuration = rule.incidentConfiguration;
  if (configuration === undefined) {
    return undefined;
  }
  const grouping = configuration.grouping;
  return {
    createIncidentEnabled: configuration.createIncident,
    grouping: grouping === undefined ? { enabled: false } : {
      enabled: grouping.enabled,
      reopenClosedIncidents: grouping.reopenClosedIncident,
      lookbackDuration: grouping.lookbackDuration,
      entityMatchingMethod: grouping.matchingMethod,
      byEntities: nonEmpty(grouping.groupByEntities),
      byAlertDetails: nonEmpty(grouping.groupByAlertDetails),
      byCustomDetails: nonEmpty(grouping.groupByCustomDetails),
    },
  };
}

/** The list, or undefined when it is empty (azurerm then leaves the argument unset rather than sending `[]`). */
function nonEmpty<T>(values: readonly T[]): T[] | undefined {
  return values.length === 0 ? undefined : [...values];
}
