import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface SchemaNode { $ref?: string; properties?: Record<string, unknown>; definitions?: Record<string, SchemaNode> }

/** The table of sentinel.yaml's keys in the README: every key named in its first column, and where it goes. */
function readmeKeys(): Map<string, string> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- sentinel.yaml keys:');
  const end = readme.indexOf('<!-- end of sentinel.yaml keys -->');
  expect(start).toBeGreaterThan(0);
  const keys = new Map<string, string>();
  for (const line of readme.slice(start, end).split('\n').filter((row) => /^\| `/.test(row))) {
    const [names, where] = line.split('|').slice(1, 3);
    for (const name of names.match(/`[^`]+`/g) ?? []) {
      keys.set(name.slice(1, -1), where.trim());
    }
  }
  return keys;
}

describe('the README lists every key of sentinel.yaml', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'sentinel.schema.json'), 'utf8')) as SchemaNode;
  const resolve = (node: SchemaNode): SchemaNode => (node.$ref === undefined ? node : schema.definitions?.[node.$ref.split('/').pop() as string] as SchemaNode);
  const topLevel = Object.keys(resolve(schema).properties ?? {});
  const workspace = Object.keys(schema.definitions?.WorkspaceConfig.properties ?? {});
  const listed = readmeKeys();

  test('the same keys as the schema, top level and per workspace, no more and no fewer', () => {
    expect([...listed.keys()].sort()).toEqual([...new Set([...topLevel, ...workspace])].sort());
  });

  test('each where the schema has it', () => {
    for (const key of topLevel) {
      expect([key, listed.get(key)]).toEqual([key, expect.stringContaining('top level')]);
    }
    for (const key of workspace) {
      expect([key, listed.get(key)]).toEqual([key, expect.stringContaining('workspace')]);
    }
    for (const [key, where] of listed) {
      expect([key, where.includes('top level')]).toEqual([key, topLevel.includes(key)]);
      expect([key, where.includes('workspace')]).toEqual([key, workspace.includes(key)]);
    }
  });
});
