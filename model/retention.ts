/** Workspace retention: from 30 to 730 days (Log Analytics). */
export const WORKSPACE_RETENTION_RANGE = { min: 30, max: 730 } as const;

/** Sentinel includes this many days of retention at no extra cost, so it is the default. */
export const SENTINEL_INCLUDED_RETENTION_IN_DAYS = 90;

/** Interactive (analytics) retention of one table: 4 to 730 days. */
export const TABLE_RETENTION_RANGE = { min: 4, max: 730 } as const;

/**
 * Total retention of one table, long-term retention included: 4 to 730 days, or whole years up to 12
 * (azurerm 4.55 `total_retention_in_days`).
 */
export const TABLE_TOTAL_RETENTION_RANGE = { min: 4, max: 730 } as const;

/** Whole-year values of total retention beyond two years: 3 to 12 years. */
export const TABLE_TOTAL_RETENTION_YEARS: readonly number[] = [1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383];

/**
 * Table plans of Log Analytics. `Basic` has a fixed interactive retention; `Auxiliary` exists only for
 * DCR-based custom tables.
 */
export const TABLE_PLANS = ['Analytics', 'Basic', 'Auxiliary'] as const;

/** A table plan. */
export type TablePlan = (typeof TABLE_PLANS)[number];

/** Checks an integer number of days against a range; returns a message when it is outside. */
export function checkDaysInRange(value: number, range: { readonly min: number; readonly max: number }): string | undefined {
  if (Number.isInteger(value) && value >= range.min && value <= range.max) {
    return undefined;
  }
  return `must be a whole number of days from ${range.min} to ${range.max}, got ${value}`;
}

/** Checks a table's total retention; returns a message when azurerm would refuse it. */
export function checkTotalRetention(value: number): string | undefined {
  if (checkDaysInRange(value, TABLE_TOTAL_RETENTION_RANGE) === undefined || TABLE_TOTAL_RETENTION_YEARS.includes(value)) {
    return undefined;
  }
  return `must be from ${TABLE_TOTAL_RETENTION_RANGE.min} to ${TABLE_TOTAL_RETENTION_RANGE.max} days or one of ` +
    `${TABLE_TOTAL_RETENTION_YEARS.join(', ')} (3 to 12 years), got ${value}`;
}

/**
 * Checks a table's interactive retention for its plan: 4 to 730 days, and none at all on the Basic plan, whose
 * interactive retention is fixed. Returns a message when azurerm would refuse it.
 */
export function checkInteractiveRetention(plan: TablePlan, value: number): string | undefined {
  if (plan === 'Basic') {
    return 'the Basic plan has a fixed interactive retention; remove retentionInDays (set totalRetentionInDays for long-term retention)';
  }
  return checkDaysInRange(value, TABLE_RETENTION_RANGE);
}
