import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, formatConfigProblem } from '../../../stacks/config/config-error';
import { OutputFolderError, synthesizeConfigFile } from '../../../stacks/config/synthesize-config';

/**
 * Named regressions of hostile configs (a pull request that edits only sentinel.yaml, a .kql file or a solution): each
 * synthesizes to nothing dangerous or fails with a positioned message, and a file outside the project is never read.
 */
const EXAMPLE = readFileSync('examples/sentinel.yaml', 'utf8');
const SECRET = 'SECRET-OUTSIDE-THE-PROJECT';

let root: string;
let project: string;
let cases = 0;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'hostile-config-'));
  writeFileSync(path.join(root, 'outside.kql'), `source | extend Leak = "${SECRET}"`);
  mkdirSync(path.join(root, 'outside-solution'));
  writeFileSync(path.join(root, 'outside-solution', 'solution.yaml'), `name: ${SECRET}\n`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh project with the example config, edited by `edit`. */
function projectWith(edit: (config: string) => string, files: Record<string, string | Buffer> = {}): string {
  project = path.join(root, `project-${cases++}`);
  cpSync('examples', project, { recursive: true });
  writeFileSync(path.join(project, 'sentinel.yaml'), edit(EXAMPLE));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), content);
  }
  return path.join(project, 'sentinel.yaml');
}

function problemsOf(config: string, out = path.join(project, 'cdktf.out')): string[] {
  try {
    synthesizeConfigFile(config, out);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    const formatted = error.problems.map((problem) => formatConfigProblem({ ...problem, file: path.basename(problem.file) }));
    expect(formatted.join('\n')).not.toContain(SECRET);
    expect(formatted.join('\n')).not.toMatch(/\n\s+at /);
    return formatted;
  }
  return [];
}

function stackJson(out: string): string {
  return readFileSync(path.join(out, 'stacks', 'sentinel-example', 'cdk.tf.json'), 'utf8');
}

const tagLine = (tags: string) => (config: string) => config.replace('tags: { workload: sentinel }', `tags: ${tags}`);

describe('hostile configs', () => {
  test('Terraform template sequences in tag keys and %{ directives are refused where they are written', () => {
    expect(problemsOf(projectWith(tagLine('{ workload: sentinel, "${file(\\"/etc/hostname\\")}": x, y: "%{ if true }z%{ endif }" }')))).toEqual([
      'sentinel.yaml:59:33: workspaces.sentinel-example.tags.${file("/etc/hostname")}: a key cannot hold "${file("/etc/hostname")}": '
        + 'Terraform would evaluate it (write $${ or %%{ for a literal ${ or %{)',
      'sentinel.yaml:59:69: workspaces.sentinel-example.tags.y: "%{ if true }" is a Terraform template directive, which a config string '
        + 'cannot hold (write %%{ for a literal %{)',
      'sentinel.yaml:59:69: workspaces.sentinel-example.tags.y: "%{ endif }" is a Terraform template directive, which a config string '
        + 'cannot hold (write %%{ for a literal %{)',
    ]);
  });

  test('a .kql file is KQL: its ${ and %{ are text for Terraform, its BOM and CRLF line endings are dropped', () => {
    const config = projectWith((text) => text, {
      'transforms/contoso-web.kql': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(readFileSync('examples/transforms/contoso-web.kql', 'utf8')
        .replace(/\n/g, '\r\n').replace('source', 'source\r\n| extend Template = "${file(\\"x\\")} %{ if y }"'))]),
    });
    expect(problemsOf(config)).toEqual([]);
    const flows = Object.values((JSON.parse(stackJson(path.join(project, 'cdktf.out'))) as { resource: Record<string, Record<string, { data_flow?: Array<{ transform_kql?: string }> }>> })
      .resource.azurerm_monitor_data_collection_rule).flatMap((rule) => rule.data_flow ?? []);
    const web = flows.find((flow) => flow.transform_kql?.includes('Template')) as { transform_kql: string };
    expect(web.transform_kql).toContain('| extend Template = "$${file(\\"x\\")} %%{ if y }"');
    expect(web.transform_kql).not.toMatch(/[\r\uFEFF]/);
  });

  test('files and folders outside the config\'s folder are refused without being read, also through a symbolic link', () => {
    const config = projectWith((text) => text.replace('transforms/contoso-web.kql', '../outside.kql')
      .replace('shippedSolution: syslog, connectors', 'solution: ../outside-solution, connectors'));
    expect(problemsOf(config)).toEqual([
      'sentinel.yaml:122:27: workspaces.sentinel-example.connectors.ContosoWeb.transformKqlFile: "../outside.kql" is outside the folder '
        + 'of the config file: a file or folder it names must be inside that folder (transformKqlFile is relative to the folder of the config file)',
      expect.stringMatching(/^sentinel\.yaml:\d+:\d+: workspaces\.sentinel-example\.solutions\.SyslogSolution\.solution: "\.\.\/outside-solution" is outside/),
    ]);
    const linked = projectWith((text) => text.replace('transforms/contoso-web.kql', 'transforms/linked.kql').replace('shippedSolution: syslog', 'solution: /etc'));
    symlinkSync(path.join(root, 'outside.kql'), path.join(project, 'transforms', 'linked.kql'));
    expect(problemsOf(linked)).toEqual([
      expect.stringContaining('transformKqlFile: "transforms/linked.kql" is outside the folder of the config file: a file or folder it names must be inside that folder (after symbolic links)'),
      expect.stringContaining('solution: "/etc" is outside the folder of the config file'),
    ]);
  });

  test('names that are too long or that every JavaScript object has are refused at their key', () => {
    expect(problemsOf(projectWith((text) => text.replace('  sentinel-example:', `  ${'a'.repeat(300)}:`)))).toEqual([
      expect.stringMatching(/: is a stack name of 300 characters; at most 64 are accepted$/)]);
    expect(problemsOf(projectWith((text) => text.replace('  sentinel-example:', '  constructor:')))).toEqual([
      'sentinel.yaml:52:3: workspaces.constructor: "constructor" cannot be a stack name: every JavaScript object has a property of that name; choose another']);
    expect(problemsOf(projectWith((text) => text.replace('      LinuxAuth: { use', '      toString: { use').replace('connectors: { LinuxAuth: LinuxAuth }', 'connectors: { LinuxAuth: toString }')
      .replace('forwarder_admin_ssh_public_key:', 'hasOwnProperty:').replace('var.forwarder_admin_ssh_public_key', 'var.hasOwnProperty')))).toEqual([
      'sentinel.yaml:14:3: variables.hasOwnProperty: "hasOwnProperty" cannot be a name: every JavaScript object has a property of that name; choose another',
      'sentinel.yaml:102:7: workspaces.sentinel-example.connectors.toString: "toString" cannot be a name: every JavaScript object has a property of that name; choose another',
    ]);
  });

  test('Azure\'s limits: 50 tags and their lengths, regions, empty names, a forwarder of more instances than a scale set runs', () => {
    const many = `{ ${Array.from({ length: 51 }, (_, index) => `t${index}: v`).join(', ')} }`;
    expect(problemsOf(projectWith(tagLine(many)))).toEqual([expect.stringMatching(
      /^sentinel\.yaml:59:11: workspaces\.sentinel-example\.tags: 51 tags; Azure allows at most 50 on a resource \(https:\/\/learn\.microsoft\.com\/.*tag-resources#limitations\)$/)]);
    expect(problemsOf(projectWith(tagLine(`{ ${'n'.repeat(513)}: v, w: ${'v'.repeat(257)} }`)))).toEqual([
      expect.stringContaining('has 513 characters; Azure allows at most 512'), expect.stringContaining('has 257 characters; Azure allows at most 256')]);
    expect(problemsOf(projectWith((text) => text.replace('location: westeurope', 'location: westeurop')))).toEqual([
      expect.stringMatching(/^sentinel\.yaml:55:15: workspaces\.sentinel-example\.location: "westeurop" is not an Azure region \(did you mean "westeurope"\?\)$/)]);
    expect(problemsOf(projectWith((text) => text.replace('resourceGroupName: rg-contoso-sentinel', "resourceGroupName: ''")))).toEqual([
      'sentinel.yaml:54:24: workspaces.sentinel-example.resourceGroupName: must not be empty']);
    expect(problemsOf(projectWith((text) => text.replace('expectedEventsPerSecond: 3000', 'expectedEventsPerSecond: 1e12')))).toEqual([
      expect.stringMatching(/expectedEventsPerSecond: 1000000000000 events a second would need \d+ instances of Standard_F8s_v2; a forwarder has at most 100/)]);
  });

  test('custom tables: the reserved column names and at most 500 columns', () => {
    expect(problemsOf(projectWith((text) => text.replace('- { name: Method, type: string }', '- { name: Title, type: string }')))).toEqual([
      expect.stringMatching(/ContosoWeb: Table: columns\[2\]\.name: "Title" is a reserved column name that the tables API refuses/)]);
    const columns = Array.from({ length: 500 }, (_, index) => `          - { name: C${index}, type: string }`).join('\n');
    expect(problemsOf(projectWith((text) => text.replace('          - { name: Method, type: string }', columns)))).toEqual([
      expect.stringMatching(/ContosoWeb: Table: columns: has 505 columns; a Log Analytics table has at most 500/)]);
  });

  test('a reused output folder loses the stacks the config no longer has; a file or a foreign folder is refused', () => {
    const config = projectWith((text) => text);
    const out = path.join(project, 'out');
    mkdirSync(path.join(out, 'stacks', 'removed-stack'), { recursive: true });
    writeFileSync(path.join(out, 'manifest.json'), '{}');
    writeFileSync(path.join(out, 'stacks', 'removed-stack', 'cdk.tf.json'), '{}');
    mkdirSync(path.join(out, 'stacks', 'with-state'));
    writeFileSync(path.join(out, 'stacks', 'with-state', 'terraform.tfstate'), '{}');
    expect(problemsOf(config, out)).toEqual([]);
    expect(existsSync(path.join(out, 'stacks', 'removed-stack'))).toBe(false);
    expect(existsSync(path.join(out, 'stacks', 'with-state', 'terraform.tfstate'))).toBe(true);
    expect(existsSync(path.join(out, 'stacks', 'sentinel-example', 'cdk.tf.json'))).toBe(true);

    writeFileSync(path.join(project, 'a-file'), '');
    expect(() => synthesizeConfigFile(config, path.join(project, 'a-file'))).toThrow(new OutputFolderError(path.join(project, 'a-file'),
      'is a file; the output (--out) must be a folder'));
    expect(() => synthesizeConfigFile(config, path.join(project, 'transforms'))).toThrow(/holds files that are not a synthesis \(no manifest\.json\)/);
  });

  test('a solution reads only the files it lists, each bounded; its problems keep their own files and lines', () => {
    const solution = (extra: Record<string, string | Buffer>) => ({
      'own/solution.yaml': 'name: Own\npublisher: Contoso\nversion: 1.0.0\ndescription: Own content\nsupport: { tier: Community }\nparsers: [parsers/*.yaml]\n',
      ...extra,
    });
    const config = projectWith((text) => text.replace('shippedSolution: common-event-format, connectors: { CefAppliances: SecurityAppliances }', 'solution: own'),
      solution({ 'own/parsers/p.yaml': Buffer.concat([Buffer.from('id: x\nFunctionName: '), Buffer.from([0xff]), Buffer.from('\n')]) }));
    const large = path.join(project, 'own', 'unlisted.bin');
    writeFileSync(large, '');
    truncateSync(large, 600 * 1024 * 1024);
    expect(problemsOf(config)).toEqual(['p.yaml:2:15: is not UTF-8: byte 0xff at offset 20 (save the file as UTF-8)']);
  });

  test('kql check - reads a pipe whose writer is slow', () => {
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
    const output = execFileSync('bash', ['-c', '(echo source; sleep 0.5; echo "| where SeverityLevel == \\"err\\"") | node bin/sentinel-cdk.js kql check --input Microsoft-Syslog'],
      { encoding: 'utf8' });
    expect(output).toContain('Result columns (12):');
  });
});
