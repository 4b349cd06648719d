import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CommandIo } from '../../cli/command-io';
import { schemaPathFrom } from '../../cli/init';
import { main } from '../../cli/main';
import { synthesizeConfigFile } from '../../stacks/config/synthesize-config';

function capture(): { io: CommandIo; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { io: { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), readStdin: () => '', stdinIsTerminal: () => false }, stdout, stderr };
}

describe('sentinel-cdk init', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'init-command-'));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  test('writes a starter project that synthesizes as it is, without warnings', () => {
    const { io, stdout } = capture();
    expect(main(['init', directory], io)).toBe(0);
    expect(stdout.slice(0, 4)).toEqual(['sentinel.yaml', 'transforms/linux-auth.kql', 'cdktf.json', '.gitignore']
      .map((file) => `Wrote ${path.join(directory, file)}`));

    const config = readFileSync(path.join(directory, 'sentinel.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    const cdktf = JSON.parse(readFileSync(path.join(directory, 'cdktf.json'), 'utf8')) as { app: string; projectId: string };
    expect(cdktf.app).toBe('npx sentinel-cdk synth');
    expect(cdktf.projectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(path.join(directory, '.gitignore'), 'utf8')).toContain('*.tfstate');

    const synthesis = synthesizeConfigFile(path.join(directory, 'sentinel.yaml'), path.join(directory, 'cdktf.out'));
    expect(synthesis.stacks.map((stack) => stack.name)).toEqual(['sentinel-prod']);
    expect(synthesis.warnings).toEqual([]);
    const terraform = JSON.parse(readFileSync(synthesis.stacks[0].terraformPath, 'utf8')) as {
      resource: Record<string, Record<string, { data_flow?: Array<{ transform_kql?: string }> }>>;
    };
    const [rule] = Object.values(terraform.resource.azurerm_monitor_data_collection_rule);
    expect(rule.data_flow?.[0].transform_kql).toBe(readFileSync(path.join(directory, 'transforms', 'linux-auth.kql'), 'utf8').trim());
  });

  test('refuses to overwrite, and writes nothing, when a file it would write exists', () => {
    writeFileSync(path.join(directory, 'cdktf.json'), '{}');
    const { io, stderr } = capture();
    expect(main(['init', directory], io)).toBe(1);
    expect(stderr).toEqual([`sentinel-cdk init: ${path.join(directory, 'cdktf.json')} already exists; nothing was written. Run init in `
      + 'an empty folder, or move it away first']);
    expect(readFileSync(path.join(directory, 'cdktf.json'), 'utf8')).toBe('{}');
    expect(() => readFileSync(path.join(directory, 'sentinel.yaml'))).toThrow();
  });

  test('points the schema line at the installed package that the project sees, else where npm will install it', () => {
    const installed = path.join(directory, 'node_modules', 'sentinel-cdk');
    expect(schemaPathFrom(path.join(directory, 'soc'), installed)).toBe('../node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    expect(schemaPathFrom(directory, installed)).toBe('./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    expect(schemaPathFrom(tmpdir(), installed)).toBe('./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    expect(schemaPathFrom(directory, path.join(tmpdir(), 'sentinel-cdk-sources'))).toBe('./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
  });
});
