import { SentinelAutomationRule } from '@cdktf/provider-azurerm/lib/sentinel-automation-rule';
import { Construct } from 'constructs';
import { AutomationRule, AutomationRuleAction } from '../../model/solutions/automation-rule';
import { ISentinelWorkspace } from '../sentinel-workspace';

/**
 * An automation rule (`azurerm_sentinel_automation_rule`). The conditions go to `condition_json` as the API writes
 * them; each action to the azurerm block of its type. Its strings are already rendered and made Terraform literals.
 */
export function addAutomationRule(scope: Construct, id: string, rule: AutomationRule, workspace: ISentinelWorkspace): SentinelAutomationRule {
  const of = <T extends AutomationRuleAction['actionType']>(type: T) =>
    rule.actions.filter((action): action is Extract<AutomationRuleAction, { actionType: T }> => action.actionType === type);
  const incident = of('ModifyProperties').map((action) => ({
    order: action.order, status: action.status, severity: action.severity, classification: action.classification,
    classificationComment: action.classificationComment, ownerId: action.ownerObjectId,
    labels: action.labels.length === 0 ? undefined : [...action.labels],
  }));
  const playbook = of('RunPlaybook').map((action) => ({ order: action.order, logicAppId: action.logicAppResourceId, tenantId: action.tenantId }));
  const tasks = of('AddIncidentTask').map((action) => ({ order: action.order, title: action.title, description: action.description }));
  return new SentinelAutomationRule(scope, id, {
    name: rule.id,
    logAnalyticsWorkspaceId: workspace.workspaceResourceId,
    displayName: rule.displayName,
    order: rule.order,
    enabled: rule.enabled,
    triggersOn: rule.triggersOn,
    triggersWhen: rule.triggersWhen,
    expiration: rule.expirationTimeUtc,
    conditionJson: rule.conditions.length === 0 ? undefined : JSON.stringify(rule.conditions),
    actionIncident: incident.length === 0 ? undefined : incident,
    actionPlaybook: playbook.length === 0 ? undefined : playbook,
    actionIncidentTask: tasks.length === 0 ? undefined : tasks,
    dependsOn: workspace.sentinelDependency,
  });
}
