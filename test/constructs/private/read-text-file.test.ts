import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readTextFile } from '../../../constructs/private/read-text-file';
import { projectPath } from '../../../stacks/config/project-path';

describe('readTextFile', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'read-text-file-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('reads UTF-8 and drops a byte order mark', () => {
    writeFileSync(path.join(directory, 'bom.kql'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('source | where x == "é"')]));
    expect(readTextFile(path.join(directory, 'bom.kql'), 1000)).toEqual({ text: 'source | where x == "é"' });
  });

  test('refuses bytes that are not UTF-8 at their line and column, instead of replacing them', () => {
    writeFileSync(path.join(directory, 'latin1.kql'), Buffer.concat([Buffer.from('source\n| where x == "'), Buffer.from([0xe9]), Buffer.from('"')]));
    expect(readTextFile(path.join(directory, 'latin1.kql'), 1000)).toEqual({ line: 2, column: 15,
      problem: 'is not UTF-8: byte 0xe9 at offset 21 (save the file as UTF-8)' });
    // Overlong forms and surrogates are not UTF-8 either.
    writeFileSync(path.join(directory, 'overlong.txt'), Buffer.from([0x61, 0xc0, 0xaf]));
    expect(readTextFile(path.join(directory, 'overlong.txt'), 1000)).toMatchObject({ line: 1, column: 2 });
    writeFileSync(path.join(directory, 'surrogate.txt'), Buffer.from([0xed, 0xa0, 0x80]));
    expect(readTextFile(path.join(directory, 'surrogate.txt'), 1000)).toMatchObject({ line: 1, column: 1 });
  });

  test('refuses a file over the bound without reading it, a folder, and a FIFO without waiting for a writer', () => {
    const large = path.join(directory, 'large.json');
    writeFileSync(large, '');
    truncateSync(large, 600 * 1024 * 1024);
    expect(readTextFile(large, 32 * 1024 * 1024)).toEqual({ problem: 'is 600 MiB, more than the 32 MiB a file may have' });
    expect(readTextFile(directory, 1000)).toEqual({ problem: 'is a folder, not a file' });
    const fifo = path.join(directory, 'fifo.kql');
    execFileSync('mkfifo', [fifo]);
    expect(readTextFile(fifo, 1000)).toEqual({ problem: 'is not a regular file' });
    expect(readTextFile(path.join(directory, 'missing.kql'), 1000)).toEqual({ problem: 'does not exist' });
  });
});

describe('projectPath', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'project-path-'));
    execFileSync('mkdir', ['-p', path.join(root, 'project', 'transforms')]);
    writeFileSync(path.join(root, 'project', 'transforms', 'a.kql'), 'source');
    writeFileSync(path.join(root, 'outside.kql'), 'secret');
    symlinkSync(path.join(root, 'outside.kql'), path.join(root, 'project', 'transforms', 'link.kql'));
    symlinkSync(path.join(root, 'project', 'transforms', 'a.kql'), path.join(root, 'project', 'inside-link.kql'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('accepts a file inside the config folder, also through a link that stays inside', () => {
    const project = path.join(root, 'project');
    expect(projectPath(project, 'transforms/a.kql')).toEqual({ path: path.join(project, 'transforms', 'a.kql') });
    expect(projectPath(project, 'inside-link.kql')).toEqual({ path: path.join(project, 'transforms', 'a.kql') });
  });

  test('refuses ../, absolute paths and links that leave the folder, without reading them', () => {
    const project = path.join(root, 'project');
    const outside = { problem: 'is outside the folder of the config file: a file or folder it names must be inside that folder' };
    expect(projectPath(project, '../outside.kql')).toEqual(outside);
    expect(projectPath(project, '/etc/passwd')).toEqual(outside);
    expect(projectPath(project, 'transforms/link.kql')).toEqual({ problem: `${outside.problem} (after symbolic links)` });
    expect(projectPath(project, 'transforms/none.kql')).toEqual({ problem: 'does not exist' });
    expect(projectPath(project, 'a\0b')).toEqual({ problem: 'holds a NUL character' });
  });
});
