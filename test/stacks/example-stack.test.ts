import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { ExampleStack } from '../../stacks/example-stack';
import { synthesizeExample } from '../../stacks/main';
import { SynthesizedStack, synthWithMetadata, warningsOf } from '../support/synth';

describe('the example stack', () => {
  test('synthesizes without warnings, as in the snapshot', () => {
    const stack = new ExampleStack(Testing.app(), 'sentinel-example');
    const synthesized = Testing.synth(stack, true);
    expect(warningsOf(stack)).toEqual([]);
    expect(JSON.parse(synthesized)).toMatchSnapshot();
  });

  test('has a connector of every ingestion path, and its forwarder carries Syslog and CEF', () => {
    const stack = new ExampleStack(Testing.app(), 'sentinel-example');
    const sentinel = synthWithMetadata(stack)['//']?.sentinel;
    expect(sentinel?.connectors?.map((connector) => connector.catalogEntry.ingestionPath).sort()).toEqual([
      'azure-functions', 'cef-ama', 'codeless-connector', 'custom-logs-ama', 'logs-ingestion-api', 'service-to-service',
      'service-to-service', 'syslog-ama',
    ]);
    expect(sentinel?.forwarders).toEqual([expect.objectContaining({
      forwarderName: 'fwd-contoso-weu', vmSize: 'Standard_F4s_v2', instanceCount: 1,
      connectors: ['sentinel-example/Sentinel/LinuxAuth', 'sentinel-example/Sentinel/SecurityAppliances'],
    })]);
  });

  test('`npm start` writes cdk.tf.json with the workspace, onboarding, endpoint, rules and table', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'sentinel-cdk-'));
    try {
      const written = synthesizeExample(outdir);
      expect(written).toBe(path.join(outdir, 'stacks', 'sentinel-example', 'cdk.tf.json'));
      const synthesized = JSON.parse(readFileSync(written, 'utf8')) as SynthesizedStack;
      expect(Object.keys(synthesized.resource)).toEqual(expect.arrayContaining([
        'azurerm_log_analytics_workspace',
        'azurerm_sentinel_log_analytics_workspace_onboarding',
        'azurerm_monitor_data_collection_endpoint',
        'azurerm_monitor_data_collection_rule',
        'azurerm_log_analytics_workspace_table_custom_log',
      ]));
      // One rule per agent and REST connector: Syslog, CEF, custom logs, Logs Ingestion, Functions, Codeless.
      expect(Object.keys(synthesized.resource.azurerm_monitor_data_collection_rule)).toHaveLength(6);
      expect(Object.keys(synthesized.resource.azurerm_log_analytics_workspace_table_custom_log)).toHaveLength(4);
      // No path of the machine that synthesized it: the state lives beside cdktf.json.
      expect(JSON.stringify(synthesized)).not.toContain(outdir);
      expect(JSON.stringify(synthesized)).not.toContain(process.cwd());
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
