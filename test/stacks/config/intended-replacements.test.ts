import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizeConfigFile } from '../../../stacks/config/synthesize-config';

const WORKSPACE = [
  'workspaces:',
  '  soc:',
  '    workspaceName: contoso-soc',
  '    resourceGroupName: rg-soc',
  '    location: westeurope',
  '    customTables:',
  '      AppTable: { tableName: App_CL, columns: [{ name: TimeGenerated, type: datetime }, { name: Message, type: string }] }',
];

describe('intendedReplacements of a workspace', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'intended-replacements-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('are recorded under //.sentinel.intendedReplacements with the construct path and the reason, for the review', () => {
    const configPath = path.join(directory, 'intended.yaml');
    writeFileSync(configPath, [...WORKSPACE, '    intendedReplacements:', '      - { path: AppTable, reason: App_CL moves to the EU workspace; rows exported first }'].join('\n'));
    const [stack] = synthesizeConfigFile(configPath, path.join(directory, 'intended')).stacks;
    const terraform = JSON.parse(readFileSync(stack.terraformPath, 'utf8')) as { '//': { sentinel: { intendedReplacements: unknown } } };
    expect(terraform['//'].sentinel.intendedReplacements).toEqual([
      { constructPath: 'soc/AppTable', reason: 'App_CL moves to the EU workspace; rows exported first' },
    ]);
  });

  test('fails on a path that names no construct of the stack, at the path', () => {
    const configPath = path.join(directory, 'unknown.yaml');
    writeFileSync(configPath, [...WORKSPACE, '    intendedReplacements:', '      - { path: AppTabel, reason: renamed }'].join('\n'));
    expect(() => synthesizeConfigFile(configPath, path.join(directory, 'unknown'))).toThrow(
      `${configPath}:9:17: workspaces.soc.intendedReplacements[0].path: "AppTabel" names no construct in stack soc; expected a construct path inside the stack, starting with one of`);
  });
});
