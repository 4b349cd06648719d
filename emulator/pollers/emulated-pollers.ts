import { EmulatedPoller } from '../topology/load-topology';
import { PollerSettingsError, readPollerSettings } from './poller-settings';
import { PollOutcome, PollerSink, RestApiPoller } from './rest-api-poller';

/** A poller as the page and `/emulator/pollers` show it. */
export interface PollerStatus {
  readonly name: string;
  readonly address: string;
  /** `idle`: it cannot poll (the reason says why); `waiting` for its next poll; `polling`; `failed`: its last poll stopped on an error. */
  readonly state: 'idle' | 'waiting' | 'polling' | 'failed';
  readonly reason?: string;
  readonly apiEndpoint?: string;
  readonly queryWindowInMin?: number;
  readonly nextWindowStart?: string;
  readonly nextPollAt?: string;
  readonly polls: number;
  readonly eventsRead: number;
  readonly rowsWritten: number;
  readonly lastPoll?: PollOutcome & { readonly at: string };
  readonly lastError?: string;
}

/** Options of {@link EmulatedPollers}. */
export interface EmulatedPollersOptions {
  /** `--poll-origin NAME=URL`, by poller name. */
  readonly origins: Readonly<Record<string, string>>;
  /** `--var NAME=VALUE` and `TF_VAR_NAME`, by variable name. */
  readonly variables: Readonly<Record<string, string>>;
  readonly now: () => Date;
  /** The sink of a poller's events: its rule's stream. */
  readonly sinkOf: (immutableId: string, stream: string) => PollerSink | string;
  /** Whether polls also run every `queryWindowInMin` by themselves. @default true */
  readonly schedule?: boolean;
}

interface Entry {
  readonly poller: EmulatedPoller;
  readonly runner?: RestApiPoller;
  readonly reason?: string;
  state: PollerStatus['state'];
  polls: number;
  eventsRead: number;
  rowsWritten: number;
  lastPoll?: PollOutcome & { at: string };
  lastError?: string;
  running?: Promise<PollOutcome>;
  timer?: NodeJS.Timeout;
  nextPollAt?: Date;
  intervalMs?: number;
}

/** The codeless pollers of the stack: each polls its API (given with `--poll-origin`) and writes through its rule. */
export class EmulatedPollers {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(pollers: readonly EmulatedPoller[], private readonly options: EmulatedPollersOptions) {
    for (const poller of pollers) {
      this.entries.set(poller.name, this.entry(poller));
    }
  }

  private entry(poller: EmulatedPoller): Entry {
    const idle = (reason: string): Entry => ({ poller, reason, state: 'idle', polls: 0, eventsRead: 0, rowsWritten: 0 });
    const origin = this.options.origins[poller.name];
    if (origin === undefined) {
      return idle(`no API to poll: give --poll-origin ${poller.name}=URL (a local API standing in for ${poller.apiEndpoint ?? 'its apiEndpoint'})`);
    }
    let settings;
    try {
      settings = readPollerSettings(poller.name, poller.properties, { variables: this.options.variables, origin });
    } catch (error) {
      if (error instanceof PollerSettingsError) {
        return idle(`${poller.address}: ${error.message}`);
      }
      throw error;
    }
    const sink = this.options.sinkOf(settings.dcr.immutableId, settings.dcr.streamName);
    if (typeof sink === 'string') {
      return idle(`${poller.address}: ${sink}`);
    }
    const entry: Entry = {
      poller, runner: new RestApiPoller(settings, this.options.now, sink), state: 'waiting', polls: 0, eventsRead: 0, rowsWritten: 0,
      intervalMs: settings.request.queryWindowInMin * 60_000,
    };
    if (this.options.schedule !== false) {
      this.scheduleNext(entry);
    }
    return entry;
  }

  private scheduleNext(entry: Entry): void {
    if (this.closed || entry.intervalMs === undefined) {
      return;
    }
    entry.nextPollAt = new Date(Date.now() + entry.intervalMs);
    entry.timer = setTimeout(() => {
      void this.run(entry).finally(() => this.scheduleNext(entry));
    }, entry.intervalMs);
    entry.timer.unref();
  }

  /** The names of the stack's pollers. */
  public names(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * Runs one poll of `name` now (after the one running, if any). Undefined for a poller the stack does not have;
   * a string (why) for one that cannot poll.
   */
  public async pollNow(name: string): Promise<PollOutcome | string | undefined> {
    const entry = this.entries.get(name);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.runner === undefined) {
      return entry.reason ?? 'the poller cannot poll';
    }
    return this.run(entry);
  }

  private run(entry: Entry): Promise<PollOutcome> {
    const previous = entry.running ?? Promise.resolve(undefined);
    const running = previous.then(async () => {
      entry.state = 'polling';
      const outcome = await (entry.runner as RestApiPoller).poll();
      entry.polls++;
      entry.eventsRead += outcome.events;
      entry.rowsWritten += outcome.rowsWritten;
      entry.lastPoll = { ...outcome, at: this.options.now().toISOString() };
      if (outcome.error !== undefined) {
        entry.lastError = outcome.error;
      }
      entry.state = outcome.error === undefined ? 'waiting' : 'failed';
      return outcome;
    });
    entry.running = running;
    void running.finally(() => {
      if (entry.running === running) {
        entry.running = undefined;
      }
    });
    return running;
  }

  /** Every poller's state, for the page and `/emulator/pollers`. */
  public status(): PollerStatus[] {
    return [...this.entries.values()].map((entry) => ({
      name: entry.poller.name,
      address: entry.poller.address,
      state: entry.state,
      ...(entry.reason === undefined ? {} : { reason: entry.reason }),
      ...(entry.poller.apiEndpoint === undefined ? {} : { apiEndpoint: entry.poller.apiEndpoint }),
      ...(entry.intervalMs === undefined ? {} : { queryWindowInMin: entry.intervalMs / 60_000 }),
      ...(entry.runner === undefined ? {} : { nextWindowStart: entry.runner.nextWindowStart.toISOString() }),
      ...(entry.nextPollAt === undefined ? {} : { nextPollAt: entry.nextPollAt.toISOString() }),
      polls: entry.polls,
      eventsRead: entry.eventsRead,
      rowsWritten: entry.rowsWritten,
      ...(entry.lastPoll === undefined ? {} : { lastPoll: entry.lastPoll }),
      ...(entry.lastError === undefined ? {} : { lastError: entry.lastError }),
    }));
  }

  /** Stops the schedules; a poll under way finishes on its own (its requests are bounded by their timeouts). */
  public close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
    }
  }
}
