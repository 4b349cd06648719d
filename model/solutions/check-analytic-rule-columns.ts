import { KqlResultColumn } from '../kql/analyze';
import { AnalyticRule } from './analytic-rule';
import { SolutionProblem } from './solution-problem';
import { DocumentPath } from './yaml-source';

/** A place of a rule that names a column of the query's result. */
interface ColumnReference {
  readonly path: DocumentPath;
  readonly columnName: string;
}

/** `{{Column}}` in an alert name or description format: Sentinel fills it from the alert's result row. */
const FORMAT_REFERENCE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Every column a rule's entity mappings, custom details and alert details override refer to. */
export function columnReferences(rule: AnalyticRule): ColumnReference[] {
  const references: ColumnReference[] = [];
  rule.entityMappings.forEach((mapping, index) => mapping.fieldMappings.forEach((field, fieldIndex) =>
    references.push({ path: ['entityMappings', index, 'fieldMappings', fieldIndex, 'columnName'], columnName: field.columnName })));
  rule.sentinelEntitiesMappings.forEach((columnName, index) =>
    references.push({ path: ['sentinelEntitiesMappings', index, 'columnName'], columnName }));
  Object.entries(rule.customDetails).forEach(([key, columnName]) => references.push({ path: ['customDetails', key], columnName }));
  const override = rule.alertDetailsOverride;
  if (override !== undefined) {
    for (const field of ['alertDisplayNameFormat', 'alertDescriptionFormat'] as const) {
      for (const match of (override[field] ?? '').matchAll(FORMAT_REFERENCE)) {
        references.push({ path: ['alertDetailsOverride', field], columnName: match[1] });
      }
    }
    for (const field of ['alertTacticsColumnName', 'alertSeverityColumnName'] as const) {
      const columnName = override[field];
      if (columnName !== undefined) {
        references.push({ path: ['alertDetailsOverride', field], columnName });
      }
    }
    override.alertDynamicProperties.forEach((property, index) =>
      references.push({ path: ['alertDetailsOverride', 'alertDynamicProperties', index, 'value'], columnName: property.value }));
  }
  return references;
}

/**
 * Columns the rule maps that its query does not return. Sentinel refuses such a rule when it is created, so this is an
 * error, but only when the analysis resolved every name: otherwise the result columns are not fully known.
 */
export function checkAnalyticRuleColumns(rule: AnalyticRule, resultColumns: readonly KqlResultColumn[]): SolutionProblem[] {
  const names = new Set(resultColumns.map((column) => column.name));
  return columnReferences(rule)
    .filter((reference) => !names.has(reference.columnName))
    .map((reference) => ({
      ...rule.locate(reference.path), severity: 'error' as const,
      message: `the query returns no column "${reference.columnName}" (it returns ${[...names].join(', ') || 'no columns'}); `
        + 'Sentinel refuses a rule that maps a column its query does not return',
    }));
}
