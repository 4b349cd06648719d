import {
  ContentText, descriptionText, parentTechniques, RequiredDataConnector, requiredDataConnectorsOf,
} from './content-common';
import {
  convertDuration, DurationRange, durationInMinutes, GROUPING_LOOKBACK_RANGE, QUERY_DURATION_RANGE, SUPPRESSION_DURATION_RANGE,
} from './durations';
import { ENTITY_IDENTIFIERS, EntityType, isEntityIdentifier, resolveEntityType } from './entity-types';
import { validateAgainstSchema } from './schema-validation';
import { errorsOf, SolutionProblem, SourceLocation } from './solution-problem';
import { DocumentPath, parseYamlSource, YamlSource } from './yaml-source';

/** The kinds of analytic rule this toolkit deploys. */
export type AnalyticRuleKind = 'Scheduled' | 'NRT';

/** Alert severities. */
export type AlertSeverity = 'High' | 'Medium' | 'Low' | 'Informational';

/** Trigger operators as azurerm names them. */
export type TriggerOperator = 'GreaterThan' | 'LessThan' | 'Equal' | 'NotEqual';

/** The Azure-Sentinel shorthand of each operator. */
const TRIGGER_OPERATORS: Record<string, TriggerOperator> = {
  gt: 'GreaterThan', lt: 'LessThan', eq: 'Equal', ne: 'NotEqual',
  GreaterThan: 'GreaterThan', LessThan: 'LessThan', Equal: 'Equal', NotEqual: 'NotEqual',
};

/** The suppression azurerm sends when a rule enables suppression without a duration. */
const AZURERM_DEFAULT_SUPPRESSION_DURATION = 'PT5H';

/** Most entity mappings a rule may have, `entityMappings` and `sentinelEntitiesMappings` together (azurerm, API). */
export const MAX_ENTITY_MAPPINGS = 5;

/**
 * Longest query of a scheduled or NRT rule. Microsoft Sentinel docs, "Create a scheduled analytics rule from scratch":
 * "The query length should be between 1 and 10,000 characters and cannot contain `search *` or `union *`".
 */
export const MAX_RULE_QUERY_CHARACTERS = 10_000;

/**
 * Most `{{Column}}` parameters in each alert format. Microsoft Sentinel docs, "Customize alert details": up to three
 * parameters per field; the service answers "4 parameters in AlertDescriptionFormat, whereas the maximum allowed is 3"
 * (Azure/Azure-Sentinel PR 13772). Every occurrence counts, as the service counts them.
 */
export const MAX_ALERT_FORMAT_PARAMETERS = 3;

/** `search *` and `union *`, which a rule's query may not hold (same docs). */
const WILDCARD_SEARCH = /\b(search|union)\s+\*/;

/** A column of the query result mapped to an entity identifier. */
export interface FieldMapping {
  readonly identifier: string;
  readonly columnName: string;
}

/** The columns that make one entity of each alert. */
export interface EntityMapping {
  /** Azure's spelling. */
  readonly entityType: EntityType;
  readonly fieldMappings: readonly FieldMapping[];
}

/** Alert name, description, tactics, severity and properties taken from the query's columns. */
export interface AlertDetailsOverride {
  /** May hold up to three `{{Column}}` references, which Sentinel fills per alert. */
  readonly alertDisplayNameFormat?: string;
  readonly alertDescriptionFormat?: string;
  readonly alertTacticsColumnName?: string;
  readonly alertSeverityColumnName?: string;
  readonly alertDynamicProperties: ReadonlyArray<{ readonly alertProperty: string; readonly value: string }>;
}

/** How alerts become incidents, and which alerts share one. */
export interface IncidentConfiguration {
  readonly createIncident: boolean;
  readonly grouping?: {
    readonly enabled: boolean;
    readonly reopenClosedIncident: boolean;
    /** ISO 8601. */
    readonly lookbackDuration?: string;
    readonly matchingMethod?: 'AllEntities' | 'AnyAlert' | 'Selected';
    readonly groupByEntities: readonly EntityType[];
    readonly groupByAlertDetails: ReadonlyArray<'DisplayName' | 'Severity'>;
    readonly groupByCustomDetails: readonly string[];
  };
}

/** An analytic rule read from the Azure-Sentinel YAML format, with durations and names as azurerm takes them. */
export interface AnalyticRule {
  readonly file: string;
  /** The rule's GUID: the name of the alert rule resource. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: AlertSeverity;
  readonly kind: AnalyticRuleKind;
  readonly query: ContentText;
  /** ISO 8601; Scheduled rules only. */
  readonly queryFrequency?: string;
  /** ISO 8601; Scheduled rules only. */
  readonly queryPeriod?: string;
  readonly triggerOperator: TriggerOperator;
  readonly triggerThreshold: number;
  readonly suppressionEnabled?: boolean;
  /** ISO 8601. */
  readonly suppressionDuration?: string;
  readonly tactics: readonly string[];
  /** As written, sub-techniques included. */
  readonly relevantTechniques: readonly string[];
  /** What azurerm sends: the parents of sub-techniques, once each. */
  readonly techniques: readonly string[];
  readonly requiredDataConnectors: readonly RequiredDataConnector[];
  readonly entityMappings: readonly EntityMapping[];
  readonly sentinelEntitiesMappings: readonly string[];
  readonly customDetails: Readonly<Record<string, string>>;
  readonly alertDetailsOverride?: AlertDetailsOverride;
  readonly aggregationKind?: 'AlertPerResult' | 'SingleAlert';
  readonly incidentConfiguration?: IncidentConfiguration;
  readonly version?: string;
  /** The location of a field of the file, for findings made later (e.g. a mapped column the query lacks). */
  readonly locate: (path: DocumentPath) => SourceLocation;
}

/** The outcome of reading a rule file: the rule when it has no errors, and every problem found. */
export interface ContentParseResult<T> {
  readonly content?: T;
  readonly problems: SolutionProblem[];
}

/** The shape of a rule file once it has passed its JSON Schema. */
interface AnalyticRuleDocument {
  id: string; name: string; description: string; severity: AlertSeverity; kind: AnalyticRuleKind; query: string;
  requiredDataConnectors?: unknown; queryFrequency?: string; queryPeriod?: string; triggerOperator?: string;
  triggerThreshold?: number; suppressionEnabled?: boolean; suppressionDuration?: string; tactics?: string[] | null;
  relevantTechniques?: string[] | null; version?: string | number;
  entityMappings?: Array<{ entityType: string; fieldMappings: FieldMapping[] }> | null;
  sentinelEntitiesMappings?: Array<{ columnName: string }> | null;
  customDetails?: Record<string, string> | null;
  alertDetailsOverride?: {
    alertDisplayNameFormat?: string; alertDescriptionFormat?: string; alertTacticsColumnName?: string;
    alertSeverityColumnName?: string; alertDynamicProperties?: Array<{ alertProperty: string; value: string }> | null;
  } | null;
  eventGroupingSettings?: { aggregationKind: 'AlertPerResult' | 'SingleAlert' } | null;
  incidentConfiguration?: {
    createIncident: boolean;
    groupingConfiguration?: {
      enabled?: boolean; reopenClosedIncident?: boolean; lookbackDuration?: string; matchingMethod?: 'AllEntities' | 'AnyAlert' | 'Selected';
      groupByEntities?: string[] | null; groupByAlertDetails?: Array<'DisplayName' | 'Severity'> | null; groupByCustomDetails?: string[] | null;
    } | null;
  } | null;
}

/** Reads an analytic rule in the YAML format of the Azure-Sentinel repository (Scheduled or NRT). */
export function parseAnalyticRule(file: string, text: string): ContentParseResult<AnalyticRule> {
  const source = parseYamlSource(file, text);
  if (source.problems.length > 0) {
    return { problems: source.problems };
  }
  const problems = validateAgainstSchema('analytic-rule', source, { unknownTopLevelProperty: 'warning', microsoftSpellings: true });
  if (errorsOf(problems).length > 0) {
    return { problems };
  }
  const reader = new RuleReader(source, problems);
  const rule = reader.read(source.value as AnalyticRuleDocument);
  return errorsOf(problems).length > 0 ? { problems } : { content: rule, problems };
}

/** Turns a schema-valid document into a rule, adding what the schema cannot say to `problems`. */
class RuleReader {
  constructor(private readonly source: YamlSource, private readonly problems: SolutionProblem[]) {}

  public read(document: AnalyticRuleDocument): AnalyticRule {
    const entityMappings = this.entityMappings(document);
    const customDetails = document.customDetails ?? {};
    this.checkMappingCount(document, entityMappings);
    const schedule = this.schedule(document);
    const suppressionDuration = this.duration(document.suppressionDuration, ['suppressionDuration'], SUPPRESSION_DURATION_RANGE);
    this.checkSuppression(document, schedule.queryFrequency, suppressionDuration);
    this.checkQuery(document.query);
    this.checkAlertFormats(document.alertDetailsOverride);
    return {
      file: this.source.file,
      id: document.id.toLowerCase(),
      name: document.name.trim(),
      description: descriptionText(document.description),
      severity: document.severity,
      kind: document.kind,
      query: { text: document.query, origin: this.source.textOrigin(['query']), field: 'query' },
      ...schedule,
      triggerOperator: TRIGGER_OPERATORS[document.triggerOperator ?? 'gt'],
      triggerThreshold: document.triggerThreshold ?? 0,
      suppressionEnabled: document.suppressionEnabled,
      suppressionDuration,
      tactics: document.tactics ?? [],
      relevantTechniques: document.relevantTechniques ?? [],
      techniques: parentTechniques(document.relevantTechniques ?? []),
      requiredDataConnectors: requiredDataConnectorsOf(document.requiredDataConnectors),
      entityMappings,
      sentinelEntitiesMappings: (document.sentinelEntitiesMappings ?? []).map((mapping) => mapping.columnName),
      customDetails,
      alertDetailsOverride: alertDetailsOverrideOf(document.alertDetailsOverride),
      aggregationKind: document.eventGroupingSettings?.aggregationKind,
      incidentConfiguration: this.incidentConfiguration(document, entityMappings, customDetails),
      version: document.version === undefined ? undefined : String(document.version),
      locate: (path) => this.source.locate(path),
    };
  }

  private problem(path: DocumentPath, severity: SolutionProblem['severity'], message: string): void {
    this.problems.push({ ...this.source.locate(path), severity, message });
  }

  private duration(value: string | undefined, path: DocumentPath, range: DurationRange): string | undefined {
    if (value === undefined) {
      return undefined;
    }
    const converted = convertDuration(value, range);
    if ('problem' in converted) {
      this.problem(path, 'error', converted.problem);
      return undefined;
    }
    return converted.iso;
  }

  /** Frequency and period of a Scheduled rule; an NRT rule runs every minute, so they would be ignored. */
  private schedule(document: AnalyticRuleDocument): { queryFrequency?: string; queryPeriod?: string } {
    if (document.kind === 'NRT') {
      for (const field of ['queryFrequency', 'queryPeriod'] as const) {
        if (document[field] !== undefined) {
          this.problem([field], 'warning', 'an NRT rule runs every minute over the events since its last run; this is ignored');
        }
      }
      return {};
    }
    const queryFrequency = this.duration(document.queryFrequency, ['queryFrequency'], QUERY_DURATION_RANGE);
    const queryPeriod = this.duration(document.queryPeriod, ['queryPeriod'], QUERY_DURATION_RANGE);
    const frequencyMinutes = durationInMinutes(queryFrequency ?? '');
    const periodMinutes = durationInMinutes(queryPeriod ?? '');
    if (frequencyMinutes !== undefined && periodMinutes !== undefined && frequencyMinutes > periodMinutes) {
      this.problem(['queryFrequency'], 'error', `${document.queryFrequency} is longer than queryPeriod ${document.queryPeriod}: `
        + 'events between two runs would never be queried; make queryPeriod at least queryFrequency');
    }
    return { queryFrequency, queryPeriod };
  }

  /** azurerm refuses, when it applies the rule, a suppression shorter than the frequency: it would suppress nothing. */
  private checkSuppression(document: AnalyticRuleDocument, queryFrequency: string | undefined, suppressionDuration: string | undefined): void {
    const frequency = durationInMinutes(queryFrequency ?? '');
    // Without a duration azurerm sends its default, PT5H.
    const suppression = durationInMinutes(suppressionDuration ?? AZURERM_DEFAULT_SUPPRESSION_DURATION);
    if (document.suppressionEnabled === true && frequency !== undefined && suppression !== undefined && frequency > suppression) {
      this.problem(['suppressionDuration'], 'error', `${document.suppressionDuration ?? AZURERM_DEFAULT_SUPPRESSION_DURATION} is shorter than queryFrequency ${document.queryFrequency}; `
        + 'suppression would have no effect: make it at least queryFrequency');
    }
  }

  private checkQuery(query: string): void {
    if (query.length > MAX_RULE_QUERY_CHARACTERS) {
      this.problem(['query'], 'error', `is ${query.length} characters long; Sentinel accepts a rule's query of at most `
        + `${MAX_RULE_QUERY_CHARACTERS} characters (move part of it into a parser function)`);
    }
    const wildcard = WILDCARD_SEARCH.exec(query);
    if (wildcard !== null) {
      this.problem(['query'], 'error', `holds "${wildcard[0]}"; Sentinel refuses a rule whose query holds search * or union * `
        + '(name the tables the rule reads)');
    }
  }

  private checkAlertFormats(written: AnalyticRuleDocument['alertDetailsOverride']): void {
    for (const field of ['alertDisplayNameFormat', 'alertDescriptionFormat'] as const) {
      const format = written?.[field];
      const parameters = typeof format === 'string' ? format.match(/\{\{[^{}]*\}\}/g) ?? [] : [];
      if (parameters.length > MAX_ALERT_FORMAT_PARAMETERS) {
        this.problem(['alertDetailsOverride', field], 'error', `holds ${parameters.length} parameters (${parameters.join(', ')}); `
          + `Sentinel accepts at most ${MAX_ALERT_FORMAT_PARAMETERS} in each alert format`);
      }
    }
  }

  private entityMappings(document: AnalyticRuleDocument): EntityMapping[] {
    return (document.entityMappings ?? []).flatMap((mapping, index) => {
      const entityType = this.entityType(mapping.entityType, ['entityMappings', index, 'entityType']);
      if (entityType === undefined) {
        return [];
      }
      mapping.fieldMappings.forEach((field, fieldIndex) => {
        if (!isEntityIdentifier(entityType, field.identifier)) {
          this.problem(['entityMappings', index, 'fieldMappings', fieldIndex, 'identifier'], 'warning',
            `"${field.identifier}" is not an identifier of ${entityType} entities in Sentinel's entity reference `
            + `(${ENTITY_IDENTIFIERS[entityType].join(', ')}); Sentinel may refuse the rule or leave the entity out`);
        }
      });
      return [{ entityType, fieldMappings: mapping.fieldMappings.map(({ identifier, columnName }) => ({ identifier, columnName })) }];
    });
  }

  private entityType(written: string, path: DocumentPath): EntityType | undefined {
    const resolution = resolveEntityType(written);
    if (resolution.kind === 'unknown') {
      this.problem(path, 'error', `"${written}" is not an entity type; expected one of ${Object.keys(ENTITY_IDENTIFIERS).join(', ')}`);
      return undefined;
    }
    if (resolution.kind === 'respelled') {
      this.problem(path, 'warning', `"${written}" is sent as "${resolution.entityType}", the entity type's name in the API`);
    }
    return resolution.entityType;
  }

  private checkMappingCount(document: AnalyticRuleDocument, entityMappings: readonly EntityMapping[]): void {
    const total = entityMappings.length + (document.sentinelEntitiesMappings ?? []).length;
    if (total > MAX_ENTITY_MAPPINGS) {
      this.problem(['sentinelEntitiesMappings'], 'error',
        `entityMappings and sentinelEntitiesMappings together hold ${total} mappings; Sentinel accepts at most ${MAX_ENTITY_MAPPINGS}`);
    }
  }

  private incidentConfiguration(document: AnalyticRuleDocument, entityMappings: readonly EntityMapping[],
    customDetails: Readonly<Record<string, string>>): IncidentConfiguration | undefined {
    const written = document.incidentConfiguration;
    if (written === undefined || written === null) {
      return undefined;
    }
    const grouping = written.groupingConfiguration;
    if (grouping === undefined || grouping === null) {
      return { createIncident: written.createIncident };
    }
    const base = ['incidentConfiguration', 'groupingConfiguration'];
    const mappedTypes = new Set(entityMappings.map((mapping) => mapping.entityType));
    const groupByEntities = (grouping.groupByEntities ?? []).flatMap((type, index) => {
      const entityType = this.entityType(type, [...base, 'groupByEntities', index]);
      if (entityType !== undefined && !mappedTypes.has(entityType)) {
        this.problem([...base, 'groupByEntities', index], 'error', `the rule maps no ${entityType} entity; `
          + `Sentinel groups only by entities the rule maps (${[...mappedTypes].join(', ') || 'none'})`);
      }
      return entityType === undefined ? [] : [entityType];
    });
    const groupByCustomDetails = grouping.groupByCustomDetails ?? [];
    groupByCustomDetails.forEach((key, index) => {
      if (customDetails[key] === undefined) {
        this.problem([...base, 'groupByCustomDetails', index], 'error',
          `"${key}" is not a key of customDetails (${Object.keys(customDetails).join(', ') || 'none'}); Sentinel groups only by the rule's own custom details`);
      }
    });
    return {
      createIncident: written.createIncident,
      grouping: {
        enabled: grouping.enabled ?? false,
        reopenClosedIncident: grouping.reopenClosedIncident ?? false,
        lookbackDuration: this.duration(grouping.lookbackDuration, [...base, 'lookbackDuration'], GROUPING_LOOKBACK_RANGE),
        matchingMethod: grouping.matchingMethod,
        groupByEntities,
        groupByAlertDetails: grouping.groupByAlertDetails ?? [],
        groupByCustomDetails,
      },
    };
  }
}

/** The override, or undefined when it sets nothing (Microsoft's rules often carry an empty `alertDetailsOverride:`). */
function alertDetailsOverrideOf(written: AnalyticRuleDocument['alertDetailsOverride']): AlertDetailsOverride | undefined {
  if (written === undefined || written === null) {
    return undefined;
  }
  const override: AlertDetailsOverride = {
    alertDisplayNameFormat: written.alertDisplayNameFormat,
    alertDescriptionFormat: written.alertDescriptionFormat,
    alertTacticsColumnName: written.alertTacticsColumnName,
    alertSeverityColumnName: written.alertSeverityColumnName,
    alertDynamicProperties: written.alertDynamicProperties ?? [],
  };
  const empty = override.alertDisplayNameFormat === undefined && override.alertDescriptionFormat === undefined
    && override.alertTacticsColumnName === undefined && override.alertSeverityColumnName === undefined
    && override.alertDynamicProperties.length === 0;
  return empty ? undefined : override;
}
