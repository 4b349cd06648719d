import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { patternSegments, TextLogFiles, TextLogSource } from '../../../emulator/listeners/text-log-files';

/** Text files read as the Azure Monitor Agent reads them, under a root folder and never outside it. */

const source: TextLogSource = { ruleImmutableId: 'dcr-1', name: 'web/text-files', streams: ['Custom-Text-Web'], filePatterns: ['/var/log/web/access*.log'] };

describe('TextLogFiles', () => {
  let root: string;
  let logs: string;
  let files: TextLogFiles | undefined;
  let lines: Array<[string, string]>;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'log-root-'));
    logs = path.join(root, 'var', 'log', 'web');
    mkdirSync(logs, { recursive: true });
    lines = [];
  });

  afterEach(() => {
    files?.close();
    files = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  const start = (sources: TextLogSource[] = [source]) => {
    files = new TextLogFiles(root, sources, (_source, line) => lines.push([line.filePath, line.text]));
    return files;
  };

  test('what a file held at start is not sent; lines appended after are, with the path the agent sees', () => {
    writeFileSync(path.join(logs, 'access.log'), 'old line\n');
    const watcher = start();
    appendFileSync(path.join(logs, 'access.log'), 'first\r\nsecond\n');
    watcher.look();
    expect(lines).toEqual([['/var/log/web/access.log', 'first'], ['/var/log/web/access.log', 'second']]);
    expect(watcher.stats()).toEqual([{ source: 'web/text-files', filesWatched: 1, linesRead: 2, refused: 0 }]);
  });

  test('a last line without its end of line waits for it', () => {
    writeFileSync(path.join(logs, 'access.log'), '');
    const watcher = start();
    appendFileSync(path.join(logs, 'access.log'), 'half');
    watcher.look();
    expect(lines).toEqual([]);
    appendFileSync(path.join(logs, 'access.log'), ' and the rest\n');
    watcher.look();
    expect(lines).toEqual([['/var/log/web/access.log', 'half and the rest']]);
  });

  test('a file that appears later is read from its beginning; files the pattern does not match are not read', () => {
    const watcher = start();
    writeFileSync(path.join(logs, 'access-2.log'), 'new file\n');
    writeFileSync(path.join(logs, 'error.log'), 'not matched\n');
    watcher.look();
    expect(lines).toEqual([['/var/log/web/access-2.log', 'new file']]);
  });

  test('rotation by rename: the rest of the renamed file, then the new file from its beginning', () => {
    writeFileSync(path.join(logs, 'access.log'), '');
    const watcher = start();
    appendFileSync(path.join(logs, 'access.log'), 'before rotation\nlast, unfinished');
    watcher.look();
    appendFileSync(path.join(logs, 'access.log'), ' now finished\n');
    renameSync(path.join(logs, 'access.log'), path.join(logs, 'access.log.1'));
    writeFileSync(path.join(logs, 'access.log'), 'after rotation\n');
    watcher.look();
    expect(lines.map(([, text]) => text)).toEqual(['before rotation', 'last, unfinished now finished', 'after rotation']);
  });

  test('a file renamed to a name the pattern still matches goes on where it was', () => {
    writeFileSync(path.join(logs, 'access.log'), '');
    const watcher = start();
    appendFileSync(path.join(logs, 'access.log'), 'one\n');
    watcher.look();
    renameSync(path.join(logs, 'access.log'), path.join(logs, 'access-old.log'));
    appendFileSync(path.join(logs, 'access-old.log'), 'two\n');
    watcher.look();
    expect(lines).toEqual([['/var/log/web/access.log', 'one'], ['/var/log/web/access-old.log', 'two']]);
  });

  test('copy-truncate: a file cut in place is read again from its beginning', () => {
    writeFileSync(path.join(logs, 'access.log'), '');
    const watcher = start();
    appendFileSync(path.join(logs, 'access.log'), 'a long first line\n');
    watcher.look();
    truncateSync(path.join(logs, 'access.log'), 0);
    appendFileSync(path.join(logs, 'access.log'), 'b\n');
    watcher.look();
    expect(lines.map(([, text]) => text)).toEqual(['a long first line', 'b']);
  });

  test('nothing outside the root is read: a symbolic link out of it is refused, a pattern with .. is refused', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.log'), '');
      symlinkSync(path.join(outside, 'secret.log'), path.join(logs, 'access-link.log'));
      const watcher = start([source, { ...source, name: 'climber', filePatterns: ['/var/log/../../../../etc/*.log'] }]);
      appendFileSync(path.join(outside, 'secret.log'), 'secret\n');
      watcher.look();
      expect(lines).toEqual([]);
      const [linked, climber] = watcher.stats();
      expect(linked).toMatchObject({ filesWatched: 0, refused: 1, lastError: '/var/log/web/access-link.log leads outside --log-root; it is not read' });
      expect(climber.lastError).toBe('the pattern /var/log/../../../../etc/*.log climbs out of its folder (..); it is not read');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a root that does not exist is refused with its name', () => {
    expect(() => new TextLogFiles(path.join(root, 'missing'), [source], () => undefined)).toThrow(/--log-root .*missing: no such folder$/);
  });

  test('patterns: Windows paths are read under the root too; wildcards in folders', () => {
    expect(patternSegments('C:\\logs\\app\\*.log')).toEqual(['C', 'logs', 'app', '*.log']);
    mkdirSync(path.join(root, 'srv', 'a', 'logs'), { recursive: true });
    mkdirSync(path.join(root, 'srv', 'b', 'logs'), { recursive: true });
    const watcher = start([{ ...source, filePatterns: ['/srv/*/logs/app.log'] }]);
    writeFileSync(path.join(root, 'srv', 'a', 'logs', 'app.log'), 'from a\n');
    writeFileSync(path.join(root, 'srv', 'b', 'logs', 'app.log'), 'from b\n');
    watcher.look();
    expect(lines).toEqual([['/srv/a/logs/app.log', 'from a'], ['/srv/b/logs/app.log', 'from b']]);
  });
});
