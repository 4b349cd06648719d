import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const own = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

/** What a team writes in its own repository: a strict TypeScript stack importing from sentinel-cdk and its own cdktf. */
const STACK = `
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { addAzurermProvider, AmaForwarder, DataCollectionEndpoint, LogsIngestionConnector, SentinelWorkspace, SyslogConnector } from 'sentinel-cdk';

const app = new App({ outdir: 'cdktf.out-ts' });
const stack = new TerraformStack(app, 'soc-code');
addAzurermProvider(stack);
const workspace = new SentinelWorkspace(stack, 'Sentinel', { workspaceName: 'soc-code', resourceGroupName: 'rg-soc-code', location: 'westeurope' });
const network = new VirtualNetwork(stack, 'Network', { name: 'vnet', location: workspace.location, resourceGroupName: workspace.resourceGroupName, addressSpace: ['10.9.0.0/16'] });
const subnet = new Subnet(stack, 'Subnet', { name: 'fwd', resourceGroupName: workspace.resourceGroupName, virtualNetworkName: network.name, addressPrefixes: ['10.9.1.0/24'] });
const key = new TerraformVariable(stack, 'ssh_key', { type: 'string' });
const forwarder = new AmaForwarder(stack, 'Forwarder', {
  workspace, forwarderName: 'fwd-code', subnetId: subnet.id, sourceAddressPrefixes: ['10.0.0.0/8'], adminSshPublicKeys: [key.stringValue],
  expectedEventsPerSecond: 500,
});
forwarder.attachConnector(workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth'], minimumLevel: 'Info' }));
const endpoint: DataCollectionEndpoint = new DataCollectionEndpoint(stack, 'Endpoint', { workspace });
workspace.addConnector(LogsIngestionConnector, 'App', {
  connectorId: 'ContosoApp', title: 'Contoso application', publisher: 'Contoso', support: { name: 'SOC', email: 'soc@contoso.com' },
  dataCollectionEndpoint: endpoint, streamName: 'Custom-App',
  streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
  tableName: 'App_CL', tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
});
app.synth();
`;

/**
 * The path of a platform team: a repository of its own with a package.json and a .gitignore, the packed package
 * installed from its tarball, `sentinel-cdk init`, `npm install`, `npx cdktf synth`; a strict TypeScript stack on the
 * team's own cdktf; the emulator on it, fed by logger and curl and queried back. Needs the npm registry (or npm's cache,
 * which `npm ci` filled), as a team's CI does.
 */
describe('a team\'s own repository installs the packed package', () => {
  let work: string;
  let repository: string;
  let emulator: ChildProcess | undefined;
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const npm = (args: string[], cwd = repository) => run('npm', [...args, '--prefer-offline'], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  const npx = (args: string[]) => run('npx', ['--no-install', ...args], { cwd: repository, env, maxBuffer: 64 * 1024 * 1024 });

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'consumer-'));
    repository = path.join(work, 'contoso-soc');
    await run('mkdir', [repository]);
    // `npm test` built dist/ just before; prepack would build it again.
    await npm(['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
    writeFileSync(path.join(repository, 'package.json'), `${JSON.stringify({ name: 'contoso-soc', version: '1.0.0', private: true, scripts: { lint: 'echo lint' } }, null, 2)}\n`);
    writeFileSync(path.join(repository, '.gitignore'), 'node_modules\n.env\n');
  }, 120_000);

  afterAll(async () => {
    emulator?.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  test('the tarball holds the built package only', async () => {
    const { stdout } = await run('tar', ['-tzf', path.join(work, `sentinel-cdk-${own.version}.tgz`)], { maxBuffer: 16 * 1024 * 1024 });
    const files = stdout.trim().split('\n').map((file) => file.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/sentinel-cdk.js', 'dist/index.js', 'dist/index.d.ts',
      'dist/cli/main.js', 'schemas/sentinel.schema.json', 'solutions/syslog/solution.yaml', 'dist/emulator/http/page/index.html']));
    const outside = files.filter((file) => !/^(dist|bin|schemas|solutions)\//.test(file) && !['package.json', 'README.md', 'LICENSE'].includes(file));
    expect(outside).toEqual([]);
    expect(files.filter((file) => /^dist\/(bench|test)\//.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')))).toEqual([]);
  });

  test('install, init, npm install, cdktf synth, a strict TypeScript stack on the team\'s cdktf, the emulator fed and queried', async () => {
    await npm(['install', '--save-dev', path.join(work, `sentinel-cdk-${own.version}.tgz`)]);
    const init = await npx(['sentinel-cdk', 'init']);
    expect(init.stdout).toContain('Added to package.json: cdktf@');
    const manifest = JSON.parse(readFileSync(path.join(repository, 'package.json'), 'utf8'));
    expect(manifest.scripts.lint).toBe('echo lint');
    expect(manifest.dependencies).toEqual({
      'cdktf': own.devDependencies.cdktf, 'constructs': own.devDependencies.constructs, '@cdktf/provider-azurerm': own.devDependencies['@cdktf/provider-azurerm'],
    });
    expect(readFileSync(path.join(repository, '.gitignore'), 'utf8')).toMatch(/^node_modules\n\.env\n# sentinel-cdk\ncdktf\.out\//);

    // Installs what init added, and TypeScript for the team's own stack.
    await npm(['install', '--save-dev', `typescript@${own.devDependencies.typescript}`]);
    // One cdktf: the team's app hosts our constructs.
    const cdktfOfPackage = realpathSync(require.resolve('cdktf/package.json', { paths: [path.join(repository, 'node_modules', 'sentinel-cdk')] }));
    expect(cdktfOfPackage).toBe(realpathSync(path.join(repository, 'node_modules', 'cdktf', 'package.json')));
    expect(existsSync(path.join(repository, 'node_modules', 'sentinel-cdk', 'node_modules', 'cdktf'))).toBe(false);

    await npx(['cdktf', 'synth']);
    const yamlStack = JSON.parse(readFileSync(path.join(repository, 'cdktf.out', 'stacks', 'sentinel-prod', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(yamlStack.resource)).toEqual(expect.arrayContaining(['azurerm_log_analytics_workspace', 'azurerm_monitor_data_collection_rule']));

    writeFileSync(path.join(repository, 'stack.ts'), STACK);
    await npx(['tsc', '--strict', '--noUnusedLocals', '--target', 'ES2022', '--module', 'commonjs', '--esModuleInterop', '--skipLibCheck', 'stack.ts']);
    await run('node', ['stack.js'], { cwd: repository, env });
    expect(readdirSync(path.join(repository, 'cdktf.out-ts', 'stacks'))).toEqual(['soc-code']);

    // The emulator on the team's stack, on free ports of 127.0.0.1.
    const printed = await new Promise<string>((resolve, reject) => {
      emulator = spawn('node', [path.join('node_modules', '.bin', 'sentinel-cdk'), 'emulator', '--out', 'cdktf.out-ts', '--syslog-port', '0', '--https-port', '0'],
        { cwd: repository, env });
      let text = '';
      emulator.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('Try: ')) {
          setTimeout(() => resolve(text), 100);
        }
      });
      emulator.on('exit', (code) => reject(new Error(`the emulator exited with ${code}: ${text}`)));
    });
    const hints = printed.split('\n').filter((line) => /^(Try: | {5})\S/.test(line)).map((line) => line.slice(5));
    const logger = hints.find((hint) => hint.startsWith('logger ')) as string;
    const curl = hints.find((hint) => hint.startsWith('curl ')) as string;
    expect(logger).toMatch(/-p auth\.info /);
    await run('sh', ['-c', logger]);
    expect((await run('sh', ['-c', `${curl} -s -o /dev/null -w '%{http_code}'`])).stdout).toBe('204');
    const query = async (kql: string) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const rows = JSON.parse((await npx(['sentinel-cdk', 'query', '--out', 'cdktf.out-ts', '--format', 'json', kql])).stdout) as unknown[];
        if (rows.length > 0) {
          return rows;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    };
    expect(await query('Syslog | project ProcessName, SyslogMessage')).toEqual([
      { ProcessName: 'sshd', SyslogMessage: 'Accepted publickey for alice from 10.1.2.3 port 52344 ssh2' },
    ]);
    expect(await query('App_CL | project Message')).toEqual([{ Message: 'example' }]);
    emulator?.removeAllListeners('exit');
    const stopped = new Promise<number | null>((resolve) => emulator?.once('exit', resolve));
    emulator?.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => { timer = setTimeout(() => resolve('still running'), 10_000); });
    expect(await Promise.race([stopped, deadline])).toBe(0);
    clearTimeout(timer);
    emulator = undefined;
  }, 420_000);
});
