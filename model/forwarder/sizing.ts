/**
 * Sizing of Azure Monitor Agent log forwarders from the expected events per second.
 *
 * Microsoft's only published figure (Azure Monitor, "Azure Monitor Agent performance benchmark"): a Linux
 * forwarder should target 10,000 EPS, with a warning at 20,000; the benchmark ran 10,000 syslog EPS for 7 days on a
 * Standard_F8s_v2 (8 vCPU, 16 GiB) at 51% CPU on average. Microsoft publishes no per-size table, so smaller sizes
 * here scale that figure by vCPU count: an estimate, recorded as such in the synthesized metadata.
 */

/** Microsoft's design point for one Linux AMA forwarder. */
export const FORWARDER_DESIGN_EVENTS_PER_SECOND = 10_000;

/** Above this rate per forwarder, Microsoft's guidance warns. */
export const FORWARDER_WARNING_EVENTS_PER_SECOND = 20_000;

/** A VM size with the events per second one forwarder of that size is planned for. */
export interface ForwarderSize {
  readonly vmSize: string;
  readonly vCpus: number;
  readonly memoryGiB: number;
  readonly plannedEventsPerSecond: number;
}

/** Sizes from the smallest; the largest is Microsoft's benchmark machine. */
export const FORWARDER_SIZES: readonly ForwarderSize[] = [
  { vmSize: 'Standard_F2s_v2', vCpus: 2, memoryGiB: 4, plannedEventsPerSecond: 2_500 },
  { vmSize: 'Standard_F4s_v2', vCpus: 4, memoryGiB: 8, plannedEventsPerSecond: 5_000 },
  { vmSize: 'Standard_F8s_v2', vCpus: 8, memoryGiB: 16, plannedEventsPerSecond: FORWARDER_DESIGN_EVENTS_PER_SECOND },
];

/** Headroom added to the expected rate for bursts, unless the user sets one. */
export const DEFAULT_HEADROOM_PERCENT = 20;

/** The outcome of sizing, with the figures behind it. */
export interface ForwarderSizing {
  readonly vmSize: string;
  readonly instanceCount: number;
  /** The rate sized for: expected rate plus headroom, rounded up. */
  readonly plannedEventsPerSecond: number;
  readonly expectedEventsPerSecond: number;
  readonly headroomPercent: number;
  /** Events per second each instance is planned for. */
  readonly eventsPerSecondPerInstance: number;
  /** How the choice was made, for the metadata and the docs. */
  readonly basis: string;
}

/**
 * Chooses the size and count: the smallest size whose planned rate covers the expected rate plus headroom; beyond
 * one Standard_F8s_v2, as many of those as needed. High availability asks for at least two instances.
 */
export function sizeForwarder(expectedEventsPerSecond: number, headroomPercent = DEFAULT_HEADROOM_PERCENT,
  highAvailability = false): ForwarderSizing {
  if (!Number.isFinite(expectedEventsPerSecond) || expectedEventsPerSecond <= 0) {
    throw new RangeError(`expectedEventsPerSecond must be a positive number, got ${expectedEventsPerSecond}`);
  }
  if (!Number.isFinite(headroomPercent) || headroomPercent < 0 || headroomPercent > 400) {
    throw new RangeError(`headroomPercent must be from 0 to 400, got ${headroomPercent}`);
  }
  const planned = Math.ceil(expectedEventsPerSecond * (1 + headroomPercent / 100));
  const largest = FORWARDER_SIZES[FORWARDER_SIZES.length - 1];
  const fitting = FORWARDER_SIZES.find((size) => size.plannedEventsPerSecond >= planned);
  const size = fitting ?? largest;
  const instanceCount = Math.max(fitting === undefined ? Math.ceil(planned / largest.plannedEventsPerSecond) : 1, highAvailability ? 2 : 1);
  return {
    vmSize: size.vmSize,
    instanceCount,
    plannedEventsPerSecond: planned,
    expectedEventsPerSecond,
    headroomPercent,
    eventsPerSecondPerInstance: Math.ceil(planned / instanceCount),
    basis: `${expectedEventsPerSecond} EPS + ${headroomPercent}% headroom = ${planned} EPS; ${size.vmSize} planned for `
      + `${size.plannedEventsPerSecond} EPS per instance (Microsoft benchmark: ${FORWARDER_DESIGN_EVENTS_PER_SECOND} EPS on `
      + `${largest.vmSize}; smaller sizes scaled by vCPU, an estimate)`
      + (highAvailability ? '; at least 2 instances for high availability' : ''),
  };
}
