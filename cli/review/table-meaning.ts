import { TerraformResourceEntry } from '../../emulator/topology/terraform-document';
import { columnNotes } from './data-collection-rule-meaning';
import { inlineCode } from './markdown-text';
import { nameOf, ResourceMeaning, stringArgument } from './resource-meaning';
import { ReviewNote } from './review-change';

/** What each table plan means for the rows in it. */
const PLAN_MEANINGS: Readonly<Record<string, string>> = {
  Analytics: 'full KQL and analytic rules',
  Basic: 'cheaper ingestion, fixed interactive retention, limited queries, not read by scheduled analytic rules',
  Auxiliary: 'cheapest ingestion for rarely queried data, limited queries, not read by analytic rules',
};

function days(value: unknown): string {
  return typeof value === 'number' ? `${value} days` : 'the workspace default';
}

/** A retention lowered (rows leave sooner) or raised. */
function retentionNote(label: string, before: unknown, after: unknown, consequence: string): ReviewNote[] {
  if (before === after) {
    return [];
  }
  const lowered = typeof before === 'number' && typeof after === 'number' && after < before;
  return [{ text: `${label} ${days(before)} → ${days(after)}${lowered ? `: ${consequence}` : ''}`, warning: lowered }];
}

function planNote(before: string | undefined, after: string | undefined): ReviewNote[] {
  if (before === after) {
    return [];
  }
  const plan = after ?? 'Analytics';
  return [
    { text: `plan ${before ?? 'Analytics'} → ${plan} (${PLAN_MEANINGS[plan] ?? 'unknown plan'})`, warning: plan !== 'Analytics' },
    // Log Analytics, "Select a table plan": a table's plan can be changed once a week.
    { text: 'Azure changes a table\'s plan at most once a week: another plan change of this table deployed within seven days fails', warning: true },
  ];
}

function describeTable(resource: TerraformResourceEntry): ReviewNote[] {
  const retention = resource.arguments.retention_in_days;
  const total = resource.arguments.total_retention_in_days;
  return [{
    text: `plan ${stringArgument(resource, 'plan') ?? 'Analytics'}, interactive retention ${days(retention)}, total retention ${days(total)}`
      + (Array.isArray(resource.arguments.column) ? `, ${resource.arguments.column.length} columns` : ''),
  }];
}

/**
 * Tables: built-in tables' settings (`azurerm_log_analytics_workspace_table`) and custom tables: retention, total
 * retention, plan, columns.
 */
export const tableMeaning: ResourceMeaning = {
  group: 'tables',
  subject: (resource) => `${resource.type.endsWith('_custom_log') ? 'custom table' : 'table'} ${inlineCode(nameOf(resource))}`,
  summary: (resource, _context, kind) => kind === 'added' ? describeTable(resource)
    : [{ text: resource.type.endsWith('_custom_log') ? 'removing a custom table deletes it and every row in it'
      : 'its plan and retention return to the workspace defaults', warning: true }],
  changed: (base, head) => ({
    notes: [
      ...planNote(stringArgument(base, 'plan'), stringArgument(head, 'plan')),
      ...retentionNote('interactive retention', base.arguments.retention_in_days, head.arguments.retention_in_days,
        'older rows leave interactive queries sooner'),
      ...retentionNote('total retention', base.arguments.total_retention_in_days, head.arguments.total_retention_in_days,
        'older rows are deleted sooner'),
      ...columnNotes('', (base.arguments.column as Array<{ name: string; type: string }> | undefined) ?? [],
        (head.arguments.column as Array<{ name: string; type: string }> | undefined) ?? []),
    ],
    details: [],
    covered: ['plan', 'retention_in_days', 'total_retention_in_days', 'column'],
  }),
};
