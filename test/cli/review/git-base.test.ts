import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runInit } from '../../../cli/init';
import { runReviewCommand } from '../../../cli/review';
import { capture, edit, NODE_MODULES, repository, reviewTemporaryFolders, shortCommit } from './review-repository';

describe('sentinel-cdk review --base <git ref>', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  test('a YAML project from `sentinel-cdk init`: a facility and a transform changed in the working tree, reviewed against main', () => {
    const root = repository((folder) => {
      expect(runInit([folder], capture())).toBe(0);
      symlinkSync(NODE_MODULES, path.join(folder, 'node_modules'), 'dir');
    });
    roots.push(root);
    edit(path.join(root, 'sentinel.yaml'), /facilityNames: \[auth, authpriv\]/, 'facilityNames: [auth, authpriv, cron]');
    edit(path.join(root, 'transforms', 'linux-auth.kql'), 'source\n', 'source\n| where SyslogMessage !has "pam_unix(cron:session)"\n');
    const before = reviewTemporaryFolders();

    const io = capture();
    const code = runReviewCommand(['--base', 'main'], io, root);
    const markdown = io.out.join('\n');
    expect(io.err).toEqual([]);
    expect(code).toBe(0);
    const commit = shortCommit(root, 'main');
    expect(markdown).toContain(`**Base** \`main\` (${commit}) → **head** the working tree`);
    expect(markdown).toMatch(/facility `cron` added: its events are now collected/);
    expect(markdown).toContain('+| where SyslogMessage !has "pam_unix(cron:session)"');
    expect(markdown).toContain('```mermaid\nflowchart LR');
    // The extracted tree and both syntheses are removed.
    expect(reviewTemporaryFolders()).toEqual(before);
  });

  test('a change to a parser\'s query: the saved search is reported as replaced, from the two syntheses alone', () => {
    const root = repository((folder) => {
      expect(runInit([folder], capture())).toBe(0);
      symlinkSync(NODE_MODULES, path.join(folder, 'node_modules'), 'dir');
      cpSync(path.join(__dirname, '../../../solutions/syslog'), path.join(folder, 'solutions', 'linux-auth'), { recursive: true });
      edit(path.join(folder, 'sentinel.yaml'), '{ shippedSolution: syslog,', '{ solution: solutions/linux-auth,');
    }, 'tighten-parser');
    roots.push(root);
    edit(path.join(root, 'solutions', 'linux-auth', 'parsers', 'LinuxAuthEvent.yaml'), '| where Facility in ("auth", "authpriv");',
      '| where Facility in ("auth", "authpriv") and isnotempty(SyslogMessage);');

    const io = capture();
    const code = runReviewCommand(['--base', 'main'], io, root);
    const markdown = io.out.join('\n');
    expect(io.err).toEqual([]);
    expect(code).toBe(0);
    expect(markdown).toMatch(/🟠 \*\*replaced \(destroyed and created again\)\*\* .*LinuxAuthEvent/);
    expect(markdown).toContain('replaced: `query` cannot change in place in azurerm, so Terraform destroys it and creates it again');
  });

  test('a cdktf.json project in a subfolder of the repository, whose app is plain cdktf: the base commit is synthesized by running its app', () => {
    const writeSettings = (folder: string, settings: object) => writeFileSync(path.join(folder, 'settings.json'), JSON.stringify(settings, null, 2));
    const root = repository((folder) => {
      const project = path.join(folder, 'infra');
      mkdirSync(project);
      writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ language: 'javascript', app: 'node main.js' }));
      writeFileSync(path.join(project, 'main.js'), RAW_CDKTF_APP);
      writeSettings(project, { facilityNames: ['auth'], minimumLevel: 'Warning', transformKql: 'source' });
    });
    roots.push(root);
    const project = path.join(root, 'infra');
    symlinkSync(NODE_MODULES, path.join(root, 'node_modules'), 'dir');
    writeSettings(project, { facilityNames: ['auth', 'daemon'], minimumLevel: 'Notice', transformKql: 'source | where ProcessName != "CRON"' });

    const io = capture();
    const code = runReviewCommand(['--base', 'main', '--output', 'review.md'], io, project);
    expect(io.err).toEqual([]);
    expect(code).toBe(0);
    const markdown = readFileSync(path.join(project, 'review.md'), 'utf8');
    expect(markdown).toContain('syslog source `syslog`: facility `daemon` added: its events are now collected');
    expect(markdown).toContain('syslog source `syslog`: minimum level lowered from Warning to Notice: now also collects Notice');
    expect(markdown).toContain(' source\n+| where ProcessName != "CRON"');
  });

  test('a change that adds the project: a base without sentinel.yaml, or without the project\'s folder, reviews every stack as added', () => {
    const root = repository((folder) => writeFileSync(path.join(folder, 'README.md'), '# SOC\n'));
    roots.push(root);
    symlinkSync(NODE_MODULES, path.join(root, 'node_modules'), 'dir');
    rmSync(path.join(root, '.gitignore'));
    expect(runInit([root], capture())).toBe(0);
    const before = reviewTemporaryFolders();

    const io = capture();
    expect(runReviewCommand(['--base', 'main'], io, root)).toBe(0);
    const markdown = io.out.join('\n');
    expect(io.err).toEqual([]);
    expect(markdown).toContain(`**Base** \`main\` (${shortCommit(root, 'main')}), which has neither \`sentinel.yaml\` nor \`cdktf.json\` yet`);
    expect(markdown).toMatch(/\| `sentinel-prod` \(new stack\) \| [1-9]\d* \| 0 \| 0 \|/);
    expect(reviewTemporaryFolders()).toEqual(before);

    const project = path.join(root, 'soc');
    mkdirSync(project);
    expect(runInit([project], capture())).toBe(0);
    const inSubfolder = capture();
    expect(runReviewCommand(['--base', 'main'], inSubfolder, project)).toBe(0);
    expect(inSubfolder.err).toEqual([]);
    expect(inSubfolder.out.join('\n')).toContain(`(${shortCommit(root, 'main')}), where \`soc\` does not exist yet`);
  });
});

/** A cdktf app written with the provider classes alone, as a project that does not use the constructs would. */
const RAW_CDKTF_APP = `const { App, TerraformStack } = require('cdktf');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { LogAnalyticsWorkspace } = require('@cdktf/provider-azurerm/lib/log-analytics-workspace');
const { MonitorDataCollectionRule } = require('@cdktf/provider-azurerm/lib/monitor-data-collection-rule');
const settings = require('./settings.json');

const levels = ['Debug', 'Info', 'Notice', 'Warning', 'Error', 'Critical', 'Alert', 'Emergency'];
const app = new App();
const stack = new TerraformStack(app, 'soc-raw');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
const workspace = new LogAnalyticsWorkspace(stack, 'Workspace', {
  name: 'soc-raw', location: 'westeurope', resourceGroupName: 'rg-soc', retentionInDays: 90,
});
new MonitorDataCollectionRule(stack, 'Rule', {
  name: 'dcr-syslog', location: 'westeurope', resourceGroupName: 'rg-soc',
  destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: workspace.id }] },
  dataSources: { syslog: [{
    name: 'syslog', streams: ['Microsoft-Syslog'], facilityNames: settings.facilityNames,
    logLevels: levels.slice(levels.indexOf(settings.minimumLevel)),
  }] },
  dataFlow: [{ streams: ['Microsoft-Syslog'], destinations: ['workspace'], transformKql: settings.transformKql }],
});
app.synth();
`;
