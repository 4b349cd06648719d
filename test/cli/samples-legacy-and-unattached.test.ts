import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { addAzurermProvider } from '../../constructs/azurerm-provider';
import { CefConnector } from '../../constructs/connectors/cef-connector';
import { LegacyDataCollectorConnector } from '../../constructs/connectors/legacy-data-collector-connector';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';
import { runSamples } from '../../emulator/samples';

/** A stack with a sender of the retired Data Collector API, and a CEF connector that no forwarder applies. */
function synthesize(outdir: string): void {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'soc-legacy');
  addAzurermProvider(stack);
  const workspace = new SentinelWorkspace(stack, 'Sentinel', { workspaceName: 'contoso-legacy', resourceGroupName: 'rg', location: 'westeurope' });
  new LegacyDataCollectorConnector(stack, 'ContosoAudit', {
    workspace, connectorId: 'ContosoAudit', title: 'Contoso audit (legacy)', logType: 'ContosoAudit',
  });
  workspace.addConnector(CefConnector, 'Firewalls', { facilityNames: ['local4'], minimumLevel: 'Warning' });
  app.synth();
}

describe('samples of other ingestion paths', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'samples-legacy-'));
    synthesize(path.join(root, 'out'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('records of a Data Collector API connector go to /api/logs with a SharedKey signature and land in <Log-Type>_CL', async () => {
    const samples = path.join(root, 'legacy-samples');
    mkdirSync(path.join(samples, 'ContosoAudit'), { recursive: true });
    writeFileSync(path.join(samples, 'ContosoAudit', 'records.json'), JSON.stringify([
      { Computer: 'web-01', Duration: 12.5, Succeeded: true },
      { Computer: 'web-02', EventTime: '2026-11-20T08:00:00Z', RequestId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    ]));
    const written = await runSamples({ outDir: path.join(root, 'out'), samplesDir: samples, update: true });
    expect(written.connectors.find((connector) => connector.name === 'ContosoAudit')).toMatchObject({ status: 'updated', inputs: 2, rows: 2 });
    const rows = readFileSync(path.join(samples, 'ContosoAudit', 'expected.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(rows).toEqual([
      { sample: 'records.json[0]', table: 'ContosoAudit_CL', row: expect.objectContaining({
        TimeGenerated: '<received>', SourceSystem: 'RestAPI', Type: 'ContosoAudit_CL', Computer_s: 'web-01', Duration_d: 12.5, Succeeded_b: true,
      }) },
      { sample: 'records.json[1]', table: 'ContosoAudit_CL', row: expect.objectContaining({
        TimeGenerated: '<received>', Computer_s: 'web-02', EventTime_t: '2026-11-20T08:00:00.000Z', RequestId_g: '0f8fad5b-d9cb-469f-a165-70867728950e',
      }) },
    ]);
    // The workspace ID is derived from the resource address: the same at every run, so it is compared as is.
    expect(rows[0].row.TenantId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await runSamples({ outDir: path.join(root, 'out'), samplesDir: samples });
    expect(again.passed).toBe(true);
  });

  test('fails on syslog samples of a connector that no log forwarder applies', async () => {
    const samples = path.join(root, 'unattached-samples');
    mkdirSync(path.join(samples, 'Firewalls'), { recursive: true });
    writeFileSync(path.join(samples, 'Firewalls', 'cef.syslog'), '<164>CEF:0|Contoso|Firewall|2.1|100|Port scan|7|src=10.1.2.3\n');
    const report = await runSamples({ outDir: path.join(root, 'out'), samplesDir: samples });
    expect(report.passed).toBe(false);
    expect(report.connectors.find((connector) => connector.name === 'Firewalls')).toMatchObject({
      status: 'failed',
      problems: ['no log forwarder of the stack applies the connector\'s rule (soc-legacy/Sentinel/Firewalls/Rule); attach the connector to an AmaForwarder'],
    });
  });
});
