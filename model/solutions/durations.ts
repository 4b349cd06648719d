/** Minutes in an hour and in a day. */
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** The Azure-Sentinel shorthand: a whole number of minutes, hours or days (`30m`, `5h`, `1d`). */
const SHORTHAND = /^(\d+)([mhd])$/;

/** The ISO 8601 durations Sentinel uses: days, hours and minutes (`P1D`, `PT5H`, `P1DT12H`, `PT90M`). */
const ISO_8601 = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** A duration in whole minutes, from the shorthand or ISO 8601; undefined when it is neither (or empty). */
export function durationInMinutes(value: string): number | undefined {
  const shorthand = SHORTHAND.exec(value);
  if (shorthand !== null) {
    const unit = { m: 1, h: MINUTES_PER_HOUR, d: MINUTES_PER_DAY }[shorthand[2] as 'm' | 'h' | 'd'];
    return Number(shorthand[1]) * unit;
  }
  const iso = ISO_8601.exec(value);
  if (iso === null || value === 'P' || value.endsWith('T')) {
    return undefined;
  }
  const [days, hours, minutes] = [iso[1], iso[2], iso[3]].map((part) => Number(part ?? 0));
  return days * MINUTES_PER_DAY + hours * MINUTES_PER_HOUR + minutes;
}

/**
 * A number of minutes as ISO 8601, in the canonical form the Sentinel API returns (.NET `XmlConvert` of a TimeSpan:
 * `P1D`, `PT5H`, `P1DT12H`, `PT1H30M`), so that Terraform sees no difference between what it sent and what it reads.
 */
export function isoDuration(minutes: number): string {
  const days = Math.floor(minutes / MINUTES_PER_DAY);
  const hours = Math.floor((minutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const rest = minutes % MINUTES_PER_HOUR;
  const time = `${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
  if (minutes === 0) {
    return 'PT0M';
  }
  return `P${days > 0 ? `${days}D` : ''}${time === '' ? '' : `T${time}`}`;
}

/** A range of durations in minutes, with the wording of its bounds. */
export interface DurationRange {
  readonly minimumMinutes: number;
  readonly maximumMinutes: number;
  /** e.g. `from 5 minutes to 14 days`. */
  readonly description: string;
}

/** Query frequency and period of a Scheduled rule (azurerm and the Sentinel API: PT5M to P14D). */
export const QUERY_DURATION_RANGE: DurationRange = { minimumMinutes: 5, maximumMinutes: 14 * MINUTES_PER_DAY, description: 'from 5 minutes to 14 days' };

/** Suppression after an alert (azurerm: PT5M to PT24H). */
export const SUPPRESSION_DURATION_RANGE: DurationRange = { minimumMinutes: 5, maximumMinutes: MINUTES_PER_DAY, description: 'from 5 minutes to 24 hours' };

/** How far back alerts are grouped into one incident (the Sentinel portal offers 5 minutes to 7 days). */
export const GROUPING_LOOKBACK_RANGE: DurationRange = { minimumMinutes: 5, maximumMinutes: 7 * MINUTES_PER_DAY, description: 'from 5 minutes to 7 days' };

/** Converts a duration to canonical ISO 8601, or says why it cannot: not a duration, or out of range. */
export function convertDuration(value: string, range: DurationRange): { iso: string; minutes: number } | { problem: string } {
  const minutes = durationInMinutes(value);
  if (minutes === undefined) {
    return { problem: `"${value}" is not a duration; expected minutes, hours or days (30m, 5h, 1d) or ISO 8601 (PT30M, PT5H, P1D)` };
  }
  if (minutes < range.minimumMinutes || minutes > range.maximumMinutes) {
    return { problem: `"${value}" is out of range; expected a duration ${range.description}` };
  }
  return { iso: isoDuration(minutes), minutes };
}
