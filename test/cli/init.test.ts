import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CommandIo } from '../../cli/command-io';
import { schemaPathFrom } from '../../cli/init';
import { main } from '../../cli/main';
import { synthesizeConfigFile } from '../../stacks/config/synthesize-config';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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

  const own = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

  test('writes a starter project that synthesizes as it is, without warnings, and a package.json with the tested versions', () => {
    const { io, stdout } = capture();
    expect(main(['init', directory], io)).toBe(0);
    expect(stdout.slice(0, 5)).toEqual(['sentinel.yaml', 'transforms/linux-auth.kql', 'cdktf.json', 'package.json', '.gitignore']
      .map((file) => `Wrote ${path.join(directory, file)}`));

    const config = readFileSync(path.join(directory, 'sentinel.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    const cdktf = JSON.parse(readFileSync(path.join(directory, 'cdktf.json'), 'utf8')) as { app: string; projectId: string };
    // The project's own sentinel-cdk, never one that npx would download by name.
    expect(cdktf.app).toBe('npx --no-install sentinel-cdk synth');
    expect(cdktf.projectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(path.join(directory, '.gitignore'), 'utf8')).toContain('*.tfstate');
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
    expect(manifest).toEqual({
      name: path.basename(directory).toLowerCase(), version: '0.1.0', private: true,
      dependencies: { 'cdktf': own.devDependencies.cdktf, 'constructs': own.devDependencies.constructs, '@cdktf/provider-azurerm': own.devDependencies['@cdktf/provider-azurerm'] },
      devDependencies: { 'cdktf-cli': own.devDependencies['cdktf-cli'] },
      scripts: { synth: 'cdktf synth', diff: 'cdktf diff', emulator: 'cdktf synth && sentinel-cdk emulator', review: 'sentinel-cdk review --base main' },
    });
    // Pinned, as this release is tested.
    expect(Object.values(manifest.dependencies as Record<string, string>).every((version) => /^\d+\.\d+\.\d+$/.test(version))).toBe(true);
    expect(stdout).toContain(`package.json does not list sentinel-cdk: add it as you install it, e.g. \`npm install --save-dev ./sentinel-cdk-${own.version}.tgz\``);

    const synthesis = synthesizeConfigFile(path.join(directory, 'sentinel.yaml'), path.join(directory, 'cdktf.out'));
    expect(synthesis.stacks.map((stack) => stack.name)).toEqual(['sentinel-prod']);
    expect(synthesis.warnings).toEqual([]);
    const terraform = JSON.parse(readFileSync(synthesis.stacks[0].terraformPath, 'utf8')) as {
      resource: Record<string, Record<string, { data_flow?: Array<{ transform_kql?: string }> }>>;
    };
    const [rule] = Object.values(terraform.resource.azurerm_monitor_data_collection_rule);
    expect(rule.data_flow?.[0].transform_kql).toBe(readFileSync(path.join(directory, 'transforms', 'linux-auth.kql'), 'utf8').trim());
  });

  test('in an existing repository: adds what package.json lacks, keeps everything else, appends the missing .gitignore lines', () => {
    const written = { name: 'contoso-soc', version: '3.1.0', private: true, license: 'UNLICENSED',
      scripts: { lint: 'eslint .', synth: 'make synth' }, devDependencies: { 'sentinel-cdk': 'file:vendor/sentinel-cdk-0.1.0.tgz', 'constructs': '10.3.0' } };
    writeFileSync(path.join(directory, 'package.json'), `${JSON.stringify(written, null, 4)}\n`);
    writeFileSync(path.join(directory, '.gitignore'), 'node_modules\n*.log\n/cdktf.out');
    writeFileSync(path.join(directory, 'README.md'), '# SOC\n');
    const { io, stdout } = capture();
    expect(main(['init', directory], io)).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
    expect(manifest).toEqual({
      ...written,
      scripts: { lint: 'eslint .', synth: 'make synth', diff: 'cdktf diff', emulator: 'cdktf synth && sentinel-cdk emulator', review: 'sentinel-cdk review --base main' },
      dependencies: { 'cdktf': own.devDependencies.cdktf, '@cdktf/provider-azurerm': own.devDependencies['@cdktf/provider-azurerm'] },
      devDependencies: { ...written.devDependencies, 'cdktf-cli': own.devDependencies['cdktf-cli'] },
    });
    // Its indentation is kept.
    expect(readFileSync(path.join(directory, 'package.json'), 'utf8')).toMatch(/^\{\n {4}"name"/);
    expect(stdout).toContain(`Kept constructs@10.3.0 of package.json; this release of sentinel-cdk is tested with ${own.devDependencies.constructs}`);
    expect(stdout).toContain('Kept the script "synth" of package.json (sentinel-cdk would run `cdktf synth`)');
    expect(readFileSync(path.join(directory, '.gitignore'), 'utf8')).toBe(
      'node_modules\n*.log\n/cdktf.out\n# sentinel-cdk\n*.tfstate\n*.tfstate.*\n.terraform/\n*.tfvars\n*.tfvars.json\n');
    expect(readFileSync(path.join(directory, 'README.md'), 'utf8')).toBe('# SOC\n');
    // Once more: nothing is missing any more, and the starter files are there, so init refuses and writes nothing.
    const again = capture();
    expect(main(['init', directory], again.io)).toBe(1);
  });

  test('refuses to overwrite, and writes nothing, when a file it would write exists (a dangling symbolic link included)', () => {
    writeFileSync(path.join(directory, 'cdktf.json'), '{}');
    symlinkSync(path.join(tmpdir(), 'nowhere', 'sentinel.yaml'), path.join(directory, 'sentinel.yaml'));
    const { io, stderr } = capture();
    expect(main(['init', directory], io)).toBe(1);
    expect(stderr).toEqual([`sentinel-cdk init: ${path.join(directory, 'sentinel.yaml')}, ${path.join(directory, 'cdktf.json')} already exist; nothing was `
      + 'written. Move them away first, or run init in another folder']);
    expect(readFileSync(path.join(directory, 'cdktf.json'), 'utf8')).toBe('{}');
    expect(existsSync(path.join(tmpdir(), 'nowhere'))).toBe(false);
    expect(existsSync(path.join(directory, 'package.json'))).toBe(false);
  });

  test('refuses a package.json that is not JSON, or is a symbolic link, and a folder that is a file', () => {
    writeFileSync(path.join(directory, 'package.json'), '{ "name": ');
    const { io, stderr } = capture();
    expect(main(['init', directory], io)).toBe(1);
    expect(stderr[0]).toMatch(new RegExp(`^sentinel-cdk init: ${escape(path.join(directory, 'package.json'))} is not valid JSON \\(.*\\); nothing was written$`));
    expect(existsSync(path.join(directory, 'sentinel.yaml'))).toBe(false);

    rmSync(path.join(directory, 'package.json'));
    writeFileSync(path.join(directory, 'elsewhere.json'), '{}');
    symlinkSync(path.join(directory, 'elsewhere.json'), path.join(directory, 'package.json'));
    const linked = capture();
    expect(main(['init', directory], linked.io)).toBe(1);
    expect(linked.stderr).toEqual([`sentinel-cdk init: ${path.join(directory, 'package.json')} is not a regular file; nothing was written (init edits regular files only)`]);

    const file = path.join(directory, 'elsewhere.json');
    const notFolder = capture();
    expect(main(['init', file], notFolder.io)).toBe(1);
    expect(notFolder.stderr).toEqual([`sentinel-cdk init: ${file} is not a folder; give a folder to set the project up in`]);
  });

  test('--typescript writes a main.ts stack and tsconfig.json instead of sentinel.yaml, whose stack synthesizes', () => {
    const { io, stdout } = capture();
    expect(main(['init', directory, '--typescript'], io)).toBe(0);
    expect(stdout.slice(0, 5)).toEqual(['main.ts', 'tsconfig.json', 'cdktf.json', 'package.json', '.gitignore'].map((file) => `Wrote ${path.join(directory, file)}`));
    expect(existsSync(path.join(directory, 'sentinel.yaml'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(directory, 'cdktf.json'), 'utf8')).app).toBe('npx --no-install tsc -p . && node dist/main.js');
    expect(JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')).devDependencies).toEqual({
      'cdktf-cli': own.devDependencies['cdktf-cli'], 'typescript': own.devDependencies.typescript, '@types/node': own.devDependencies['@types/node'],
    });
    expect(readFileSync(path.join(directory, '.gitignore'), 'utf8')).toContain('\ndist/\n');
  });

  test('points the schema line at the installed package that the project sees, else where npm will install it', () => {
    const installed = path.join(directory, 'node_modules', 'sentinel-cdk');
    expect(schemaPathFrom(path.join(directory, 'soc'), installed)).toBe('../node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    expect(schemaPathFrom(directory, installed)).toBe('./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    expect(schemaPathFrom(tmpdir(), installed)).toBe('./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
    expect(schemaPathFrom(directory, path.join(tmpdir(), 'sentinel-cdk-sources'))).toBe('./node_modules/sentinel-cdk/schemas/sentinel.schema.json');
  });
});
