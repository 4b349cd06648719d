import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { LegacyDataCollectorConnector } from '../../../constructs/connectors/legacy-data-collector-connector';
import { WorkspaceTransformationRule } from '../../../constructs/workspace-transformation-rule';
import { RunningEmulator, startEmulator } from '../../../emulator/start-emulator';
import { ExampleStack } from '../../../stacks/example-stack';
import { buildSignature } from '../../e2e/clients/data-collector-client';

/**
 * Issue 20, part 3: the workspace transformation rule applies to what reaches a table without a rule of its own. Of
 * the emulator's paths that is the HTTP Data Collector API's; syslog through the agent, text files, pollers and the
 * Logs Ingestion API come with their own rule.
 */

function synthesize(outdir: string, flows: Array<{ streams: string[]; transformKql: string }>): void {
  const app = new App({ outdir });
  const stack = new ExampleStack(app, 'transforms');
  new LegacyDataCollectorConnector(stack, 'Legacy', {
    workspace: stack.workspace, connectorId: 'LegacyApp', title: 'Legacy sender', logType: 'LegacyApp',
  });
  new WorkspaceTransformationRule(stack, 'WorkspaceTransforms', { workspace: stack.workspace, dataFlows: flows });
  app.synth();
}

describe('the workspace transformation rule in the emulator', () => {
  let outdir: string;
  let emulator: RunningEmulator;
  let ca: string;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'workspace-transforms-'));
    synthesize(outdir, [
      { streams: ['Microsoft-Table-LegacyApp_CL'], transformKql: 'source | where level_s != "debug" | extend message_s = strcat("[", level_s, "] ", message_s)' },
      { streams: ['Microsoft-Table-Syslog'], transformKql: 'source | where SyslogMessage !has "noise"' },
      { streams: ['Microsoft-Table-Late_CL'], transformKql: 'source | where team_s == "soc"' },
    ]);
    emulator = await startEmulator({ outDir: outdir, ports: { syslog: 0, https: 0 } });
    ca = readFileSync(emulator.certificatePath, 'utf8');
  }, 120_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  function postLegacy(records: unknown[], logType = 'LegacyApp'): Promise<number> {
    const workspace = emulator.topology.workspaces.find((candidate) => candidate.localAuthenticationEnabled) ?? emulator.topology.workspaces[0];
    const body = Buffer.from(JSON.stringify(records));
    const date = new Date().toUTCString();
    return new Promise((resolve, reject) => {
      const outgoing = request(`${emulator.httpsUrl}/api/logs?api-version=2016-04-01`, {
        method: 'POST', ca,
        headers: {
          'content-type': 'application/json', 'x-ms-date': date, 'log-type': logType, 'content-length': String(body.length),
          authorization: buildSignature(workspace.customerId, workspace.primarySharedKey, date, body.length, 'POST', 'application/json', '/api/logs'),
        },
      }, (response) => { response.resume(); response.on('end', () => resolve(response.statusCode ?? 0)); });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  test('the Data Collector API\'s rows go through the flow of their table: filtered and changed', async () => {
    expect(await postLegacy([{ level: 'debug', message: 'hidden' }, { level: 'error', message: 'disk full' }])).toBe(200);
    expect(emulator.query('LegacyApp_CL | project level_s, message_s').rows).toEqual([{ level_s: 'error', message_s: '[error] disk full' }]);
    expect(emulator.stats().dataCollector).toEqual({ rowsWritten: 1, rowsFiltered: 1 });
  });

  test('syslog through the agent has a rule of its own: the workspace transformation of Syslog does not apply', async () => {
    const udp = emulator.forwarders[0].udp;
    const { createSocket } = await import('node:dgram');
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.send('<38>Dec  7 12:00:00 host sshd: accepted noise-line', udp.port, udp.host, () => resolve()));
    socket.close();
    await emulator.waitFor('Syslog | where SyslogMessage has "noise-line"', (result) => result.rows.length === 1);
  });

  test('a flow over a column its table does not have yet: the rows are written as they came, and the problem is said', async () => {
    expect(await postLegacy([{ level: 'info' }], 'Late')).toBe(200);
    expect(emulator.query('Late_CL | project level_s').rows).toEqual([{ level_s: 'info' }]);
    expect(emulator.stats().dataCollector.lastTransformationProblem).toMatch(
      /^azurerm_monitor_data_collection_rule\.WorkspaceTransforms_[0-9A-F]+ data_flow\[2\] cannot run on Late_CL as it is: .*team_s/);
    // A Log-Type no flow reads is untouched.
    expect(await postLegacy([{ level: 'debug' }], 'Other')).toBe(200);
    expect(emulator.query('Other_CL | count').rows).toEqual([{ Count: 1 }]);
  });
});

describe('workspace transformations are checked when the emulator starts', () => {
  test('a transformation Azure refuses on a table the workspace declares stops the start, naming the rule and the flow', async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'workspace-transforms-bad-'));
    try {
      synthesize(outdir, [{ streams: ['Microsoft-Table-Syslog'], transformKql: 'source | where SyslogMessage !has "noise"' }]);
      // The construct checks at synth; a hand-edited cdk.tf.json is what the emulator may meet.
      const file = path.join(outdir, 'stacks', 'transforms', 'cdk.tf.json');
      const document = JSON.parse(readFileSync(file, 'utf8'));
      const rules = document.resource.azurerm_monitor_data_collection_rule;
      const address = Object.keys(rules).find((name) => name.startsWith('WorkspaceTransforms')) as string;
      rules[address].data_flow[0].transform_kql = 'source | summarize count() by Computer';
      require('node:fs').writeFileSync(file, JSON.stringify(document));
      await expect(startEmulator({ outDir: outdir })).rejects.toThrow(new RegExp(`azurerm_monitor_data_collection_rule\\.${address} data_flow\\[0\\]: `));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
