import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, Stats, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Custom text logs as the Azure Monitor Agent reads them ("Collect logs from a text file with Azure Monitor Agent"):
 * each `logFiles` source watches the files that match its `filePatterns` and sends every line appended to them, one
 * record a line. Here the patterns are read under a root folder (`--log-root DIR`: `/var/log/app/*.log` is
 * `DIR/var/log/app/*.log`), and nothing outside it is ever opened: a pattern with `..`, or a file whose real path
 * (symbolic links followed) leaves the root, is refused and counted.
 *
 * - Files present at start are read from their end: lines appended after start are sent (the agent collects new
 *   entries, not a file's history). Files that appear later are read from their beginning.
 * - A line is sent when its end of line arrives (`\n`, with a `\r` before it dropped); a last line without one waits
 *   for it, and is sent as it is when its file is rotated away.
 * - Rotation: files are followed by identity, not name. A file renamed away has its rest read (then it is let go, or
 *   followed on under its new name when the pattern still matches it), and the new file at the old name is read from
 *   its beginning; a file truncated in place (copy-truncate) is read again from its beginning.
 */

/** One `logFiles` data source of a rule. */
export interface TextLogSource {
  readonly ruleImmutableId: string;
  readonly name: string;
  readonly streams: readonly string[];
  readonly filePatterns: readonly string[];
}

/** A line read, as the agent sends it. */
export interface TextLogLine {
  /** The file's path as the agent sees it: the pattern's folder, not the root's. */
  readonly filePath: string;
  readonly text: string;
}

/** Counters of a source. */
export interface TextLogStatistics {
  readonly source: string;
  filesWatched: number;
  linesRead: number;
  /** Matches of the last look refused because they lead outside the root. */
  refused: number;
  /** The last error met reading a file, if any. */
  lastError?: string;
}

/** How often the files are looked at. */
const POLL_INTERVAL_MS = 200;
/** Bytes read from one file in one look: a huge file is read over several looks, and nothing else waits. */
const MAX_READ_BYTES_PER_LOOK = 4 * 1024 * 1024;
/** A line longer than this is sent in pieces of this size (the agent's bound UNCONFIRMED). */
const MAX_LINE_BYTES = 64 * 1024;

interface Tracked {
  agentPath: string;
  readonly fd: number;
  offset: number;
  pending: Buffer;
}

/** A pattern under the root, checked: its segments, with `..` refused. */
export function patternSegments(pattern: string): string[] | string {
  const normalized = pattern.replace(/\\/g, '/').replace(/^([A-Za-z]):/, '$1');
  const segments = normalized.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) {
    return `the pattern ${pattern} climbs out of its folder (..); it is not read`;
  }
  if (segments.length === 0) {
    return `the pattern ${pattern} names no file`;
  }
  return segments;
}

function wildcard(segment: string): RegExp | undefined {
  if (!/[*?]/.test(segment)) {
    return undefined;
  }
  return new RegExp(`^${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** Watches the files of every source under `root` and hands each line to `onLine`. */
export class TextLogFiles {
  private readonly root: string;
  private readonly tracked = new Map<string, Tracked>();
  private readonly statistics: TextLogStatistics[];
  private readonly timer: NodeJS.Timeout;
  private first = true;

  constructor(root: string, private readonly sources: readonly TextLogSource[],
    private readonly onLine: (source: TextLogSource, line: TextLogLine) => void) {
    let real: string;
    try {
      real = realpathSync(root);
    } catch {
      throw new Error(`--log-root ${root}: no such folder`);
    }
    if (!statSync(real).isDirectory()) {
      throw new Error(`--log-root ${root}: not a folder`);
    }
    this.root = real;
    this.statistics = sources.map((source) => ({ source: source.name, filesWatched: 0, linesRead: 0, refused: 0 }));
    this.look();
    this.first = false;
    this.timer = setInterval(() => this.look(), POLL_INTERVAL_MS);
    this.timer.unref();
  }

  /** Counters per source. */
  public stats(): TextLogStatistics[] {
    return this.statistics.map((entry) => ({ ...entry }));
  }

  /** Reads what has been appended now (tests call it instead of waiting for the next look). */
  public look(): void {
    this.sources.forEach((source, index) => {
      const statistics = this.statistics[index];
      statistics.refused = 0;
      const files = new Set<string>();
      for (const pattern of source.filePatterns) {
        const segments = patternSegments(pattern);
        if (typeof segments === 'string') {
          statistics.lastError = segments;
          continue;
        }
        for (const file of this.matches(segments, statistics)) {
          files.add(file);
        }
      }
      statistics.filesWatched = files.size;
      const prefix = `${source.ruleImmutableId}\u0000${source.name}\u0000`;
      const current = new Map<string, { file: string; stats: Stats }>();
      for (const file of files) {
        try {
          const stats = statSync(file);
          current.set(`${prefix}${stats.dev}:${stats.ino}`, { file, stats });
        } catch {
          // Gone since it matched: the next look sees.
        }
      }
      // A file that left the pattern (renamed away, or deleted) first: the rest of it, then it is let go; so a rotated
      // file's last lines come before the first lines of the file that replaced it.
      for (const [key, tracked] of this.tracked) {
        if (key.startsWith(prefix) && !current.has(key)) {
          this.drain(source, tracked, statistics, true);
          closeSync(tracked.fd);
          this.tracked.delete(key);
        }
      }
      for (const [key, { file, stats }] of current) {
        this.read(source, key, file, stats, statistics);
      }
    });
  }

  /** The files under the root that match the segments, as real paths inside the root. */
  private matches(segments: readonly string[], statistics: TextLogStatistics): string[] {
    let folders = [this.root];
    for (const [index, segment] of segments.entries()) {
      const last = index === segments.length - 1;
      const pattern = wildcard(segment);
      const next: string[] = [];
      for (const folder of folders) {
        const names = pattern === undefined ? [segment] : safeReaddir(folder).filter((name) => pattern.test(name));
        for (const name of names) {
          const candidate = path.join(folder, name);
          let real: string;
          let stats: Stats;
          try {
            real = realpathSync(candidate);
            stats = statSync(real);
          } catch {
            continue;
          }
          if (real !== this.root && !real.startsWith(`${this.root}${path.sep}`)) {
            statistics.refused++;
            statistics.lastError = `${candidate.slice(this.root.length) || '/'} leads outside --log-root; it is not read`;
            continue;
          }
          if (last ? stats.isFile() : stats.isDirectory()) {
            next.push(real);
          }
        }
      }
      folders = next;
    }
    return folders;
  }

  /**
   * Reads what was appended to `file`. Files are followed by their identity (device and inode), not their name: a
   * file renamed to another name the pattern matches goes on where it was, and a new file at an old name is new.
   */
  private read(source: TextLogSource, key: string, file: string, stats: Stats, statistics: TextLogStatistics): void {
    try {
      const agentPath = `/${path.relative(this.root, file).split(path.sep).join('/')}`;
      let tracked = this.tracked.get(key);
      if (tracked === undefined) {
        const fd = openSync(file, 'r');
        tracked = { agentPath, fd, offset: this.first ? fstatSync(fd).size : 0, pending: Buffer.alloc(0) };
        this.tracked.set(key, tracked);
      }
      tracked.agentPath = agentPath;
      if (stats.size < tracked.offset) {
        // Truncated in place (copy-truncate): read again from the beginning.
        tracked.offset = 0;
        tracked.pending = Buffer.alloc(0);
      }
      this.drain(source, tracked, statistics, false);
    } catch (error) {
      statistics.lastError = `${file.slice(this.root.length)}: ${(error as Error).message.split(this.root).join('')}`;
    }
  }

  /** Reads from the offset to the end (bounded), sending each complete line; `flush` sends a last partial line too. */
  private drain(source: TextLogSource, tracked: Tracked, statistics: TextLogStatistics, flush: boolean): void {
    const buffer = Buffer.alloc(64 * 1024);
    let budget = MAX_READ_BYTES_PER_LOOK;
    for (;;) {
      const read = readSync(tracked.fd, buffer, 0, Math.min(buffer.length, budget), tracked.offset);
      if (read <= 0) {
        break;
      }
      tracked.offset += read;
      budget -= read;
      let data = Buffer.concat([tracked.pending, buffer.subarray(0, read)]);
      for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a)) {
        this.send(source, tracked, data.subarray(0, newline), statistics);
        data = data.subarray(newline + 1);
      }
      while (data.length > MAX_LINE_BYTES) {
        this.send(source, tracked, data.subarray(0, MAX_LINE_BYTES), statistics);
        data = data.subarray(MAX_LINE_BYTES);
      }
      tracked.pending = Buffer.from(data);
      if (budget <= 0) {
        break;
      }
    }
    if (flush && tracked.pending.length > 0) {
      this.send(source, tracked, tracked.pending, statistics);
      tracked.pending = Buffer.alloc(0);
    }
  }

  private send(source: TextLogSource, tracked: Tracked, bytes: Buffer, statistics: TextLogStatistics): void {
    const line = bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
    statistics.linesRead++;
    this.onLine(source, { filePath: tracked.agentPath, text: line.toString('utf8') });
  }

  /** Stops looking and closes the files. */
  public close(): void {
    clearInterval(this.timer);
    for (const tracked of this.tracked.values()) {
      closeSync(tracked.fd);
    }
    this.tracked.clear();
  }
}

function safeReaddir(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}
