import { inlineCode } from './markdown-text';
import { nameOf, ResourceMeaning } from './resource-meaning';
import { ReviewNote } from './review-change';

function dailyCap(value: unknown): string {
  return typeof value === 'number' && value >= 0 ? `${value} GB a day` : 'no daily cap';
}

function workspaceNotes(before: Record<string, unknown>, after: Record<string, unknown>): ReviewNote[] {
  const notes: ReviewNote[] = [];
  if (before.sku !== after.sku) {
    notes.push({ text: `pricing tier (SKU) ${inlineCode(String(before.sku ?? 'unset'))} → ${inlineCode(String(after.sku ?? 'unset'))}` });
  }
  if (before.reservation_capacity_in_gb_per_day !== after.reservation_capacity_in_gb_per_day) {
    notes.push({ text: `commitment tier ${String(before.reservation_capacity_in_gb_per_day ?? 'none')} → `
      + `${String(after.reservation_capacity_in_gb_per_day ?? 'none')} GB a day` });
  }
  if (before.daily_quota_gb !== after.daily_quota_gb) {
    const capRemoved = typeof after.daily_quota_gb !== 'number' || after.daily_quota_gb < 0;
    notes.push({ text: `daily cap ${dailyCap(before.daily_quota_gb)} → ${dailyCap(after.daily_quota_gb)}`
      + (capRemoved ? ': ingestion and its cost are no longer capped' : ': ingestion stops for the day at the cap'), warning: true });
  }
  if (before.retention_in_days !== after.retention_in_days) {
    const lowered = typeof before.retention_in_days === 'number' && typeof after.retention_in_days === 'number'
      && after.retention_in_days < before.retention_in_days;
    notes.push({ text: `retention ${String(before.retention_in_days ?? 'default')} → ${String(after.retention_in_days ?? 'default')} days`
      + (lowered ? ': rows of tables without their own retention are deleted sooner' : ''), warning: lowered });
  }
  if (before.local_authentication_enabled !== after.local_authentication_enabled) {
    notes.push(after.local_authentication_enabled === true
      ? { text: 'shared-key authentication turned on: the workspace keys can send data (HTTP Data Collector API)', warning: true }
      : { text: 'shared-key authentication turned off: senders that sign with the workspace keys are refused' });
  }
  return notes;
}

/** Log Analytics workspaces: SKU, commitment tier, daily cap, retention, shared-key authentication. */
export const workspaceMeaning: ResourceMeaning = {
  group: 'workspace',
  subject: (resource) => `workspace ${inlineCode(nameOf(resource))}`,
  summary: (resource, _context, kind) => kind === 'removed'
    ? [{ text: 'removing the workspace deletes it with every table and row (recoverable for 14 days, as a soft-deleted workspace)', warning: true }]
    : [{ text: `SKU ${String(resource.arguments.sku ?? 'default')}, retention ${String(resource.arguments.retention_in_days ?? 'default')} days, `
      + dailyCap(resource.arguments.daily_quota_gb) }],
  changed: (base, head) => ({
    notes: workspaceNotes(base.arguments, head.arguments),
    details: [],
    covered: ['sku', 'reservation_capacity_in_gb_per_day', 'daily_quota_gb', 'retention_in_days', 'local_authentication_enabled'],
  }),
};

/** The Sentinel onboarding of a workspace. */
export const sentinelOnboardingMeaning: ResourceMeaning = {
  group: 'workspace',
  subject: () => 'Microsoft Sentinel onboarding',
  summary: (_resource, _context, kind) => kind === 'removed'
    ? [{ text: 'offboards Microsoft Sentinel from the workspace: its connectors, rules and incidents stop', warning: true }]
    : [{ text: 'onboards Microsoft Sentinel on the workspace' }],
};
