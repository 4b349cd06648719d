import { TerraformResourceEntry, wholeReference } from '../../emulator/topology/terraform-document';
import { kqlDiff, unifiedLineDiff } from './kql-diff';
import { inlineCode, shownValue } from './markdown-text';
import { Interpretation, nameOf, ResourceMeaning, ReviewContext, stringArgument } from './resource-meaning';
import { ReviewDetail, ReviewNote } from './review-change';
import { sameValue } from './resource-pairs';

function displayNameOf(resource: TerraformResourceEntry): string {
  return stringArgument(resource, 'display_name') ?? nameOf(resource);
}

/** A query changed, as a note and a KQL diff. */
function queryChange(subject: string, before: unknown, after: unknown): Interpretation {
  if (before === after || typeof before !== 'string' || typeof after !== 'string') {
    return { notes: [], details: [], covered: [] };
  }
  return {
    notes: [{ text: 'query changed (KQL diff in Details)' }],
    details: [{ title: `${subject}: query`, language: 'diff', text: kqlDiff(before, after) }],
    covered: ['query'],
  };
}

/** Changes of named scalar arguments, as `label before → after`. */
function fieldNotes(base: TerraformResourceEntry, head: TerraformResourceEntry, labels: Readonly<Record<string, string>>): ReviewNote[] {
  return Object.entries(labels).filter(([field]) => !sameValue(base.arguments[field], head.arguments[field]))
    .map(([field, label]) => ({ text: `${label} ${shownValue(base.arguments[field])} → ${shownValue(head.arguments[field])}` }));
}

const ANALYTIC_RULE_FIELDS = {
  display_name: 'name', severity: 'severity', query_frequency: 'runs every', query_period: 'looks back', trigger_operator: 'trigger',
  trigger_threshold: 'threshold', tactics: 'tactics', techniques: 'techniques', suppression_enabled: 'suppression',
};

function analyticRuleInterpretation(subject: string, base: TerraformResourceEntry, head: TerraformResourceEntry): Interpretation {
  const notes: ReviewNote[] = [];
  if (base.arguments.enabled !== head.arguments.enabled) {
    notes.push(head.arguments.enabled === false ? { text: 'disabled: it raises no more alerts', warning: true } : { text: 'enabled' });
  }
  const query = queryChange(subject, base.arguments.query, head.arguments.query);
  return {
    notes: [...notes, ...fieldNotes(base, head, ANALYTIC_RULE_FIELDS), ...query.notes],
    details: query.details,
    covered: ['enabled', 'query', ...Object.keys(ANALYTIC_RULE_FIELDS)],
  };
}

/** Analytic rules (scheduled and NRT): enabled, query, severity, schedule, trigger, tactics. */
export const analyticRuleMeaning: ResourceMeaning = {
  group: 'content',
  subject: (resource) => `${resource.type.endsWith('_nrt') ? 'NRT analytic rule' : 'analytic rule'} ${inlineCode(displayNameOf(resource))}`,
  summary: (resource, _context, kind) => [{
    text: kind === 'removed' ? 'its alerts stop' : `severity ${String(resource.arguments.severity ?? '?')}`
      + (resource.arguments.enabled === false ? ', disabled' : ', enabled'),
  }],
  changed: (base, head) => analyticRuleInterpretation(analyticRuleMeaning.subject(head, EMPTY_CONTEXT), base, head),
};

const EMPTY_CONTEXT: ReviewContext = { base: new Map(), head: new Map() };

/** Parsers (functions), hunting queries and other saved searches. */
export const savedSearchMeaning: ResourceMeaning = {
  group: 'content',
  subject: (resource) => {
    const alias = stringArgument(resource, 'function_alias');
    return alias !== undefined ? `parser ${inlineCode(alias)}`
      : stringArgument(resource, 'category') === 'Hunting Queries' ? `hunting query ${inlineCode(displayNameOf(resource))}`
        : `saved search ${inlineCode(displayNameOf(resource))}`;
  },
  changed: (base, head) => {
    const query = queryChange(savedSearchMeaning.subject(head, EMPTY_CONTEXT), base.arguments.query, head.arguments.query);
    return { ...query, notes: [...fieldNotes(base, head, { display_name: 'name', function_parameters: 'parameters' }), ...query.notes],
      covered: [...query.covered, 'display_name', 'function_parameters'] };
  },
};

function prettyJson(value: unknown): string {
  if (typeof value !== 'string') {
    return '';
  }
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/** Workbooks: their content as a JSON diff. */
export const workbookMeaning: ResourceMeaning = {
  group: 'content',
  subject: (resource) => `workbook ${inlineCode(displayNameOf(resource))}`,
  changed: (base, head) => {
    const notes = fieldNotes(base, head, { display_name: 'name' });
    const details: ReviewDetail[] = [];
    if (base.arguments.data_json !== head.arguments.data_json) {
      notes.push({ text: 'content changed (diff in Details)' });
      details.push({ title: `${workbookMeaning.subject(head, EMPTY_CONTEXT)}: content`, language: 'diff',
        text: unifiedLineDiff(prettyJson(base.arguments.data_json), prettyJson(head.arguments.data_json)) });
    }
    return { notes, details, covered: ['display_name', 'data_json'] };
  },
};

/** Watchlists. */
export const watchlistMeaning: ResourceMeaning = {
  group: 'content',
  subject: (resource) => `watchlist ${inlineCode(nameOf(resource))}`,
  summary: (resource, _context, kind) => [{ text: kind === 'removed' ? 'rules and queries that read it find nothing'
    : `${inlineCode(displayNameOf(resource))}, search key ${inlineCode(String(resource.arguments.item_search_key ?? '?'))}` }],
  changed: (base, head) => ({
    notes: fieldNotes(base, head, { display_name: 'name', item_search_key: 'search key', description: 'description' }),
    details: [], covered: ['display_name', 'item_search_key', 'description'],
  }),
};

/** The watchlist of an item and the item's search key value, from the side the item is on. */
function itemIdentity(resource: TerraformResourceEntry, resources: ReadonlyMap<string, TerraformResourceEntry>): string {
  const watchlist = resources.get(wholeReference(resource.arguments.watchlist_id)?.address ?? '');
  const key = watchlist === undefined ? undefined : stringArgument(watchlist, 'item_search_key');
  const properties = (resource.arguments.properties ?? {}) as Record<string, unknown>;
  const row = key !== undefined && properties[key] !== undefined ? `${key}=${String(properties[key])}` : nameOf(resource);
  return `${watchlist === undefined ? 'watchlist' : `watchlist ${inlineCode(nameOf(watchlist))}`} row ${inlineCode(row)}`;
}

/** Watchlist items, named by their watchlist and search key. */
export const watchlistItemMeaning: ResourceMeaning = {
  group: 'content',
  subject: (resource, context) => itemIdentity(resource, context.head.has(`${resource.type}.${resource.name}`) ? context.head : context.base),
  changed: (base, head) => {
    const before = (base.arguments.properties ?? {}) as Record<string, unknown>;
    const after = (head.arguments.properties ?? {}) as Record<string, unknown>;
    const columns = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((column) => !sameValue(before[column], after[column]));
    return {
      notes: columns.map((column) => ({ text: `${inlineCode(column)} ${shownValue(before[column])} → ${shownValue(after[column])}` })),
      details: [], covered: ['properties'],
    };
  },
};

/** Automation rules. */
export const automationRuleMeaning: ResourceMeaning = {
  group: 'content',
  subject: (resource) => `automation rule ${inlineCode(displayNameOf(resource))}`,
  changed: (base, head) => {
    const notes: ReviewNote[] = base.arguments.enabled === head.arguments.enabled ? []
      : [head.arguments.enabled === false ? { text: 'disabled', warning: true } : { text: 'enabled' }];
    return { notes: [...notes, ...fieldNotes(base, head, { display_name: 'name', order: 'order', triggers_on: 'triggers on', triggers_when: 'triggers when' })],
      details: [], covered: ['enabled', 'display_name', 'order', 'triggers_on', 'triggers_when'] };
  },
};

