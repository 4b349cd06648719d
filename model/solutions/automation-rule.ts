import { ContentParseResult } from './analytic-rule';
import { validateAgainstSchema } from './schema-validation';
import { errorsOf, SolutionProblem } from './solution-problem';
import { parseYamlSource, YamlSource } from './yaml-source';

/** Changes an automation rule makes to the incident. */
export interface ModifyPropertiesAction {
  readonly actionType: 'ModifyProperties';
  readonly order: number;
  readonly severity?: string;
  readonly status?: string;
  /** As azurerm spells it: `<classification>_<reason>`, or `Undetermined`. */
  readonly classification?: string;
  readonly classificationComment?: string;
  readonly ownerObjectId?: string;
  readonly labels: readonly string[];
}

/** A playbook an automation rule runs. */
export interface RunPlaybookAction {
  readonly actionType: 'RunPlaybook';
  readonly order: number;
  readonly logicAppResourceId: string;
  readonly tenantId?: string;
}

/** A task an automation rule adds to the incident. */
export interface AddIncidentTaskAction {
  readonly actionType: 'AddIncidentTask';
  readonly order: number;
  readonly title: string;
  readonly description?: string;
}

export type AutomationRuleAction = ModifyPropertiesAction | RunPlaybookAction | AddIncidentTaskAction;

/**
 * An automation rule, written with the properties of the Microsoft.SecurityInsights/automationRules API. Its strings
 * may refer to parameters and to the solution's analytic rules (`{{analyticRule "<id>"}}`), resolved per workspace.
 */
export interface AutomationRule {
  readonly file: string;
  /** The rule's GUID: the name of the automation rule resource. */
  readonly id: string;
  readonly displayName: string;
  readonly order: number;
  readonly enabled: boolean;
  readonly triggersOn: 'Incidents' | 'Alerts';
  readonly triggersWhen: 'Created' | 'Updated';
  readonly expirationTimeUtc?: string;
  /** The API's `conditions` array, as written. */
  readonly conditions: readonly unknown[];
  readonly actions: readonly AutomationRuleAction[];
}

/** The classifications azurerm accepts, each with the reasons the API pairs it with. */
const CLASSIFICATION_REASONS: Record<string, readonly string[]> = {
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
  TruePositive: ['SuspiciousActivity'],
  Undetermined: [],
};

interface AutomationRuleDocument {
  id: string; displayName: string; order: number;
  triggeringLogic: { isEnabled?: boolean; expirationTimeUtc?: string; triggersOn: 'Incidents' | 'Alerts'; triggersWhen: 'Created' | 'Updated'; conditions?: unknown[] };
  actions: Array<{ order: number; actionType: AutomationRuleAction['actionType']; actionConfiguration: Record<string, unknown> }>;
}

/** Reads an automation rule file. */
export function parseAutomationRule(file: string, text: string): ContentParseResult<AutomationRule> {
  const source = parseYamlSource(file, text);
  if (source.problems.length > 0) {
    return { problems: source.problems };
  }
  const problems = validateAgainstSchema('automation-rule', source, { unknownTopLevelProperty: 'error' });
  if (errorsOf(problems).length > 0) {
    return { problems };
  }
  const document = source.value as AutomationRuleDocument;
  const actions = document.actions.map((action, index) => actionOf(action, index, source, problems));
  if (errorsOf(problems).length > 0) {
    return { problems };
  }
  return {
    problems,
    content: {
      file,
      id: document.id.toLowerCase(),
      displayName: document.displayName,
      order: document.order,
      enabled: document.triggeringLogic.isEnabled ?? true,
      triggersOn: document.triggeringLogic.triggersOn,
      triggersWhen: document.triggeringLogic.triggersWhen,
      expirationTimeUtc: document.triggeringLogic.expirationTimeUtc,
      conditions: document.triggeringLogic.conditions ?? [],
      actions,
    },
  };
}

function actionOf(action: AutomationRuleDocument['actions'][number], index: number, source: YamlSource,
  problems: SolutionProblem[]): AutomationRuleAction {
  const configuration = action.actionConfiguration;
  switch (action.actionType) {
    case 'RunPlaybook':
      return {
        actionType: 'RunPlaybook', order: action.order, logicAppResourceId: configuration.logicAppResourceId as string,
        tenantId: configuration.tenantId as string | undefined,
      };
    case 'AddIncidentTask':
      return { actionType: 'AddIncidentTask', order: action.order, title: configuration.title as string, description: configuration.description as string | undefined };
    case 'ModifyProperties':
      return modifyPropertiesOf(action.order, configuration, (field, message) =>
        problems.push({ ...source.locate(['actions', index, 'actionConfiguration', ...field]), severity: 'error', message }));
  }
}

/** What the API (and azurerm before it) refuses: a classification without closing, closing without classification. */
function modifyPropertiesOf(order: number, configuration: Record<string, unknown>,
  fail: (field: string[], message: string) => void): ModifyPropertiesAction {
  const status = configuration.status as string | undefined;
  const classification = configuration.classification as string | undefined;
  const reason = configuration.classificationReason as string | undefined;
  if (status === 'Closed' && classification === undefined) {
    fail(['classification'], 'is required to close an incident (status: Closed)');
  }
  if (status !== 'Closed' && (classification !== undefined || configuration.classificationComment !== undefined)) {
    fail(['classification'], 'applies only when the action closes the incident (status: Closed)');
  }
  const reasons = classification === undefined ? [] : CLASSIFICATION_REASONS[classification];
  if (classification !== undefined && reasons.length > 0 && (reason === undefined || !reasons.includes(reason))) {
    fail(['classificationReason'], `must be ${reasons.map((value) => `"${value}"`).join(' or ')} with the classification ${classification}`);
  }
  if (classification === 'Undetermined' && reason !== undefined) {
    fail(['classificationReason'], 'has no meaning with the classification Undetermined; leave it out');
  }
  return {
    actionType: 'ModifyProperties',
    order,
    severity: configuration.severity as string | undefined,
    status,
    classification: classification === undefined ? undefined : reasons.length === 0 ? classification : `${classification}_${reason}`,
    classificationComment: configuration.classificationComment as string | undefined,
    ownerObjectId: (configuration.owner as { objectId?: string } | undefined)?.objectId,
    labels: ((configuration.labels ?? []) as Array<{ labelName: string }>).map((label) => label.labelName),
  };
}
