import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInit } from '../../../cli/init';
import { runReviewCommand } from '../../../cli/review';
import { POLICY_ERRORS_ENVIRONMENT_VARIABLE } from '../../../model/checks/policy-error-mode';
import { expectGolden } from './golden';
import { capture, edit, NODE_MODULES, repository, reviewTemporaryFolders, shortCommit } from './review-repository';

/** The folder of this package's sources, which the cdktf.json apps of these tests load through {@link REGISTER_TYPESCRIPT}. */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * A `node -r` preload that compiles the package's TypeScript with @swc/core (as jest does), so that a `cdktf.json` app
 * run in a child process uses the real constructs and policy of this checkout, not a build of them.
 */
const REGISTER_TYPESCRIPT = `const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
`;

/**
 * A cdktf app on the constructs with the Sentinel policy applied: a workspace and an administration network security
 * group whose SSH rule admits the sources in `settings.json`.
 */
const ADMINISTRATION_APP = `const { App, TerraformStack } = require('cdktf');
const { NetworkSecurityGroup } = require('@cdktf/provider-azurerm/lib/network-security-group');
const { addAzurermProvider } = require(${JSON.stringify(path.join(PACKAGE_ROOT, 'constructs', 'azurerm-provider'))});
const { applySentinelPolicy } = require(${JSON.stringify(path.join(PACKAGE_ROOT, 'constructs', 'policy'))});
const { SentinelWorkspace } = require(${JSON.stringify(path.join(PACKAGE_ROOT, 'constructs', 'sentinel-workspace'))});
const settings = require('./settings.json');

const app = new App();
const stack = new TerraformStack(app, 'soc-admin');
addAzurermProvider(stack);
new SentinelWorkspace(stack, 'Sentinel', {
  workspaceName: 'soc-admin', resourceGroupName: 'rg-soc', location: 'westeurope', retentionInDays: settings.retentionInDays,
});
new NetworkSecurityGroup(stack, 'Administration', {
  name: 'nsg-administration', location: 'westeurope', resourceGroupName: 'rg-soc',
  securityRule: [{
    name: 'AllowSsh', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*',
    destinationPortRange: '22', sourceAddressPrefix: settings.sshSource, destinationAddressPrefix: '*',
  }],
});
applySentinelPolicy(stack);
app.synth();
`;

interface AdministrationSettings {
  readonly sshSource: string;
  readonly retentionInDays: number;
}

/** What a project of {@link ADMINISTRATION_APP} holds, with its settings. */
function writeAdministrationProject(folder: string, settings: AdministrationSettings): void {
  writeFileSync(path.join(folder, 'cdktf.json'), JSON.stringify({ language: 'javascript', app: 'node -r ./register-typescript.js main.js' }));
  writeFileSync(path.join(folder, 'register-typescript.js'), REGISTER_TYPESCRIPT);
  writeFileSync(path.join(folder, 'main.js'), ADMINISTRATION_APP);
  writeAdministrationSettings(folder, settings);
}

function writeAdministrationSettings(folder: string, settings: AdministrationSettings): void {
  writeFileSync(path.join(folder, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** A repository of `sentinel-cdk init`'s project on main, checked out on a branch for the change. */
function initProjectRepository(): string {
  return repository((folder) => {
    expect(runInit([folder], capture())).toBe(0);
    symlinkSync(NODE_MODULES, path.join(folder, 'node_modules'), 'dir');
  }, 'open-the-forwarder');
}

/** The report with the base's commit, which changes with every run, replaced by a placeholder. */
function withoutCommit(markdown: string, root: string): string {
  return markdown.split(`(${shortCommit(root, 'main')})`).join('(<commit>)');
}

describe('sentinel-cdk review: what blocks the change, also when a revision does not synthesize', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  test('a YAML head with an unsuppressed policy error: synthesized with the errors recorded, listed as blocking at the top, exit code 2', () => {
    const root = initProjectRepository();
    roots.push(root);
    edit(path.join(root, 'sentinel.yaml'), '        expectedEventsPerSecond: 1000', '        expectedEventsPerSecond: 1000\n        publicIpEnabled: true');
    const before = reviewTemporaryFolders();

    const io = capture();
    const code = runReviewCommand(['--base', 'main'], io, root);
    const markdown = io.out.join('\n');
    expect(code).toBe(2);
    expect(process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE]).toBeUndefined();
    expect(reviewTemporaryFolders()).toEqual(before);
    expect(io.err).toEqual([expect.stringMatching(/^blocking: sentinel-prod: policy error \[Sentinel-FWD1\] at sentinel-prod\/Forwarder: azurerm_network_interface\.\S+ ip_configuration "internal" gives the forwarder/)]);
    // The blocking list comes first, right after the revisions; the finding is in the stack's table, marked new.
    const lines = markdown.split('\n');
    expect(lines.slice(3, 6)).toEqual(['', '> [!CAUTION]', '> **Blocking: 1 issue.** Fix, or suppress with a reason, before merging.']);
    expect(lines[6]).toMatch(/^> - sentinel-prod: policy error \[Sentinel-FWD1\] at sentinel-prod\/Forwarder: /);
    expect(markdown).toMatch(/\| ❌ error \| `Sentinel-FWD1` Log forwarder reachable from the internet \| `azurerm_linux_virtual_machine\.\S+` \| .* \*\*\(new\)\*\* \|/);
    expectGolden('recorded-policy-error.md', `${withoutCommit(markdown, root)}\n`);
  });

  test('a YAML head that opens SSH to the internet: the forwarder refuses it, and the report gives its position, exit code 2', () => {
    const root = initProjectRepository();
    roots.push(root);
    edit(path.join(root, 'sentinel.yaml'), '        sourceAddressPrefixes: [10.0.0.0/8]', '        sourceAddressPrefixes: [10.0.0.0/8]\n        sshSourceAddressPrefixes: [0.0.0.0/0]');

    const io = capture();
    expect(runReviewCommand(['--base', 'main', '--output', 'review.md'], io, root)).toBe(2);
    expect(process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE]).toBeUndefined();
    expect(io.out).toEqual(['Review written to review.md: head does not synthesize, 1 blocking issue']);
    const problem = 'sentinel.yaml:56:36: workspaces.sentinel-prod.forwarders.Forwarder.sshSourceAddressPrefixes[0]: "0.0.0.0/0" opens the '
      + 'forwarder to the whole internet; list the devices\' own prefixes';
    expect(io.err).toEqual(['blocking: head does not synthesize: sentinel.yaml has 1 problem', `  head: ${problem}`]);
    const markdown = readFileSync(path.join(root, 'review.md'), 'utf8');
    expect(markdown).toContain('> - head does not synthesize: sentinel.yaml has 1 problem\n');
    expect(markdown).toContain(`### Head does not synthesize\n\nIn the working tree, sentinel.yaml has 1 problem:\n\n\`\`\`text\n${problem}\n\`\`\`\n`);
  });

  test('a YAML head that is not a valid config: every positioned problem, exit code 2 (golden)', () => {
    const root = initProjectRepository();
    roots.push(root);
    edit(path.join(root, 'sentinel.yaml'), 'facilityNames: [auth, authpriv]', 'facilityNames: [auth, authpriv, kernel]');
    edit(path.join(root, 'sentinel.yaml'), 'retentionInDays: 90 ', 'retentionInDays: ninety ');
    edit(path.join(root, 'sentinel.yaml'), 'LinuxAuth: { use: linux-auth, forwarders: [Forwarder] }', 'LinuxAuth: { use: linux-auth, forwarders: [Forwarders] }');

    const io = capture();
    expect(runReviewCommand(['--base', 'main'], io, root)).toBe(2);
    const markdown = io.out.join('\n');
    expect(io.err[0]).toMatch(/^blocking: head does not synthesize: sentinel\.yaml has \d problems$/);
    expect(io.err.slice(1)).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}head: sentinel\.yaml:\d+:\d+: workspaces\.sentinel-prod\.retentionInDays: /)]));
    expect(markdown).toContain('The stacks are compared once both revisions synthesize.');
    expect(markdown).not.toContain('| Stack |');
    expectGolden('invalid-config.md', `${withoutCommit(markdown, root)}\n`);
  });

  test('a cdktf.json app that opens SSH to the internet in head: its policy records Sentinel-SSH1 in the child process, which blocks', () => {
    const root = repository((folder) => writeAdministrationProject(folder, { sshSource: '203.0.113.7', retentionInDays: 90 }), 'open-ssh');
    roots.push(root);
    symlinkSync(NODE_MODULES, path.join(root, 'node_modules'), 'dir');
    writeAdministrationSettings(root, { sshSource: 'Internet', retentionInDays: 90 });
    // Run as `cdktf synth` would, without the variable, the app fails on the policy error.
    const alone = spawnSync('node', ['-r', './register-typescript.js', 'main.js'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: path.join(root, 'cdktf.out') },
    });
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain('soc-admin/Administration: [Sentinel-SSH1] security rule "AllowSsh"');

    const io = capture();
    expect(runReviewCommand(['--base', 'main'], io, root)).toBe(2);
    expect(process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE]).toBeUndefined();
    const finding = 'soc-admin: policy error [Sentinel-SSH1] at soc-admin/Administration: security rule "AllowSsh" of '
      + 'azurerm_network_security_group.Administration admits inbound SSH (TCP 22) from "Internet"; expected the administrators\' own '
      + 'prefixes, or Azure Bastion. SSH reachable from the whole internet is scanned and brute-forced within minutes of deployment.';
    expect(io.err).toEqual([`blocking: ${finding}`]);
    const markdown = io.out.join('\n');
    expect(markdown).toContain(`> - ${finding}\n`);
    expect(markdown).toContain('| ❌ error | `Sentinel-SSH1` SSH open to the internet | `azurerm_network_security_group.Administration` |');
    expect(markdown).toContain('sources widened (`203.0.113.7` → `Internet`): now admits the whole internet');
  });

  test('a cdktf.json app that throws in head: the report names head, the app and the last lines it wrote, exit code 2', () => {
    const root = repository((folder) => writeAdministrationProject(folder, { sshSource: '203.0.113.7', retentionInDays: 90 }), 'shorter-retention');
    roots.push(root);
    symlinkSync(NODE_MODULES, path.join(root, 'node_modules'), 'dir');
    writeAdministrationSettings(root, { sshSource: '203.0.113.7', retentionInDays: 5 });

    const io = capture();
    expect(runReviewCommand(['--base', 'main', '--output', 'review.md'], io, root)).toBe(2);
    expect(io.out).toEqual(['Review written to review.md: head does not synthesize, 1 blocking issue']);
    const summary = 'the app of cdktf.json (node -r ./register-typescript.js main.js) failed with exit code 1';
    expect(io.err[0]).toBe(`blocking: head does not synthesize: ${summary}`);
    const markdown = readFileSync(path.join(root, 'review.md'), 'utf8');
    expect(markdown).toContain(`> - head does not synthesize: ${summary}\n`);
    expect(markdown).toContain(`### Head does not synthesize\n\nIn the working tree, ${summary}:\n\n\`\`\`text\n`);
    // The construct's own message, with the file of the app shown relative to the project.
    expect(markdown).toMatch(/\[soc-admin\/Sentinel\] retentionInDays: .*5/);
    expect(markdown).toContain('(main.js:');
    expect(markdown).not.toContain(root);
    expect(markdown).toContain('The stacks are compared once both revisions synthesize.');
  });

  test('a base that does not synthesize: the report names base and why it may fail, and head\'s policy errors still block, exit code 2', () => {
    const root = repository((folder) => {
      writeFileSync(path.join(folder, 'cdktf.json'), JSON.stringify({ language: 'javascript', app: 'node -e "process.exit(3)"' }));
    }, 'repair-the-app');
    roots.push(root);
    symlinkSync(NODE_MODULES, path.join(root, 'node_modules'), 'dir');
    writeAdministrationProject(root, { sshSource: 'Internet', retentionInDays: 90 });

    const io = capture();
    expect(runReviewCommand(['--base', 'main'], io, root)).toBe(2);
    const markdown = io.out.join('\n');
    const summary = 'the app of main:cdktf.json (node -e "process.exit(3)") failed with exit code 3';
    expect(io.err).toEqual([
      `blocking: base does not synthesize: ${summary}`,
      expect.stringMatching(/^blocking: soc-admin: policy error \[Sentinel-SSH1\] at soc-admin\/Administration: /),
      '  base: (it wrote nothing to standard error or standard output)',
    ]);
    const commit = shortCommit(root, 'main');
    expect(markdown).toContain(`### Base does not synthesize\n\nIn \`main\` (${commit}), ${summary}:\n\n\`\`\`text\n(it wrote nothing to standard error or standard output)\n\`\`\`\n\n`
      + 'The base is synthesized with the packages installed for head');
  });
});

describe('sentinel-cdk review: a base whose YAML config does not synthesize', () => {
  test('names each problem at its position in the base commit, as <ref>:<file>:<line>:<column>', () => {
    const root = repository((folder) => {
      expect(runInit([folder], capture())).toBe(0);
      edit(path.join(folder, 'sentinel.yaml'), 'retentionInDays: 90 ', 'retentionInDays: ninety ');
    }, 'repair-the-config');
    try {
      symlinkSync(NODE_MODULES, path.join(root, 'node_modules'), 'dir');
      edit(path.join(root, 'sentinel.yaml'), 'retentionInDays: ninety ', 'retentionInDays: 90 ');

      const io = capture();
      expect(runReviewCommand(['--base', 'main', '--output', 'review.md'], io, root)).toBe(2);
      expect(io.out).toEqual(['Review written to review.md: base does not synthesize, 1 blocking issue']);
      expect(io.err).toEqual([
        'blocking: base does not synthesize: main:sentinel.yaml has 1 problem',
        '  base: main:sentinel.yaml:40:22: workspaces.sentinel-prod.retentionInDays: must be a number (got "ninety")',
      ]);
      expect(readFileSync(path.join(root, 'review.md'), 'utf8')).toContain(`### Base does not synthesize\n\nIn \`main\` (${shortCommit(root, 'main')}), `
        + 'main:sentinel.yaml has 1 problem:\n\n```text\nmain:sentinel.yaml:40:22: workspaces.sentinel-prod.retentionInDays: must be a number (got "ninety")\n```\n');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('sentinel-cdk review: failures of the review itself, exit code 1 and no report', () => {
  test('fails when --base is neither a folder nor a git ref, naming both', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'review-not-git-'));
    try {
      const io = capture();
      expect(runReviewCommand(['--base', 'no-such-ref', '--head', '.', '--output', 'review.md'], io, project)).toBe(1);
      expect(io.err).toEqual([`sentinel-cdk review: --base no-such-ref: neither a folder nor a commit of the git repository at ${project}`]);
      expect(io.out).toEqual([]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test('fails when --head is a folder that is not a synthesized output', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'review-not-synthesized-'));
    try {
      const io = capture();
      expect(runReviewCommand(['--base', '.', '--head', '.'], io, project)).toBe(1);
      expect(io.err).toEqual([`sentinel-cdk review: . is not a synthesized output: expected ${path.join('.', 'stacks', '<stack>', 'cdk.tf.json')}`]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
