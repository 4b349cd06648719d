import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { addAzurermProvider } from '../../constructs/azurerm-provider';
import { CefConnector } from '../../constructs/connectors/cef-connector';
import { LogsIngestionConnector } from '../../constructs/connectors/logs-ingestion-connector';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';
import { CommandIo } from '../../cli/command-io';
import { main } from '../../cli/main';

function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), readStdin: () => '', stdinIsTerminal: () => false };
  return { code: main(argv, io), stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('sentinel-cdk connectors', () => {
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'connectors-'));
    const app = new App({ outdir });
    for (const name of ['soc-prod', 'soc-empty']) {
      const stack = new TerraformStack(app, name);
      addAzurermProvider(stack);
      const workspace = new SentinelWorkspace(stack, 'Sentinel', { workspaceName: `${name}-ws`, resourceGroupName: 'rg', location: 'westeurope' });
      if (name === 'soc-prod') {
        workspace.addConnector(CefConnector, 'Firewalls', { facilityNames: ['local4'], minimumLevel: 'Warning' });
        workspace.addConnector(LogsIngestionConnector, 'ContosoApp', {
          connectorId: 'ContosoApp', title: 'Contoso application', publisher: 'Contoso',
          support: { name: 'Contoso SOC', email: 'soc@contoso.com' }, prerequisites: ['An app registration for the sender'],
          streamName: 'Custom-ContosoApp', streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
          tableName: 'ContosoApp_CL', tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Message', type: 'string' }],
        });
      }
    }
    app.synth();
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('lists each stack\'s connectors with path, tables, support, contact and prerequisites, from the Terraform JSON', () => {
    const result = run(['connectors', '--out', outdir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'Stack soc-empty: 0 connectors',
      '',
      'Stack soc-prod: 2 connectors',
      '',
      'CONNECTOR                          INGESTION PATH      TABLES             SUPPORT              CONTACT',
      '---------------------------------  ------------------  -----------------  -------------------  ----------------------------------------------------',
      'Common Event Format (CEF) via AMA  CEF via AMA         CommonSecurityLog  Microsoft supported  Microsoft Corporation, https://support.microsoft.com',
      'Contoso application                Logs Ingestion API  ContosoApp_CL      Partner supported    Contoso SOC, soc@contoso.com',
      '',
      'Prerequisites:',
      '  Common Event Format (CEF) via AMA (soc-prod/Sentinel/Firewalls)',
      '    - A Linux log forwarder with the Azure Monitor Agent (Azure VM, scale set or Arc-enabled server)',
      '    - Devices send CEF over syslog to the forwarder on UDP or TCP 514',
      '    - No facility collected by both a Syslog and a CEF rule on the same forwarder',
      '  Contoso application (soc-prod/Sentinel/ContosoApp)',
      '    - An app registration for the sender',
    ].join('\n'));
  });

  test('prints one stack as JSON', () => {
    const result = run(['connectors', '--out', outdir, '--stack', 'soc-prod', '--json']);
    expect(result.code).toBe(0);
    const [stack] = JSON.parse(result.stdout) as Array<{ stackName: string; connectors: Array<{ catalogEntry: { connectorId: string } }> }>;
    expect(stack.stackName).toBe('soc-prod');
    expect(stack.connectors.map((connector) => connector.catalogEntry.connectorId)).toEqual(['CefAma', 'ContosoApp']);
  });

  test('fails with exit code 2 on a missing output or an unknown stack', () => {
    expect(run(['connectors', '--out', path.join(outdir, 'nope')])).toMatchObject({
      code: 2, stderr: expect.stringContaining('does not exist; synthesize first (`npx cdktf synth` or `npm start`), or pass --out'),
    });
    expect(run(['connectors', '--out', outdir, '--stack', 'soc-test'])).toMatchObject({
      code: 2, stderr: expect.stringContaining('no stack "soc-test" in'),
    });
  });
});
