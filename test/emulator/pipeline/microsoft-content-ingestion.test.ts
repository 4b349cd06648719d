import { DataCollectionEndpoint } from '../../../constructs/data-collection-endpoint';
import { DataCollectionRule } from '../../../constructs/data-collection-rule';
import { IngestionPipeline } from '../../../emulator/pipeline/ingestion-pipeline';
import { WorkspaceStore } from '../../../emulator/store/table-store';
import { loadTopology } from '../../../emulator/topology/load-topology';
import { builtInTable } from '../../../model/tables/builtin-tables';
import { StreamColumnType } from '../../../model/tables/table-schema';
import { readTestdataDataCollectionRule } from '../../support/shared-testdata';
import { newWorkspaceStack, synthWithMetadata } from '../../support/synth';

const NOW = new Date('2024-05-01T10:00:00Z');

describe('Microsoft\'s Cisco Meraki rule (sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json) in the emulator', () => {
  const file = readTestdataDataCollectionRule('sentinel-content/dcr/CiscoMerakiEventsViaRESTAPI/dcr.json');
  const { stack, workspace } = newWorkspaceStack();
  new DataCollectionRule(stack, 'Meraki', {
    workspace, dataCollectionEndpoint: new DataCollectionEndpoint(stack, 'Endpoint', { workspace }),
    streamDeclarations: Object.fromEntries(Object.entries(file.properties.streamDeclarations).map(([stream, { columns }]) => [stream,
      columns.map(({ name, type }) => ({ name, type: type.toLowerCase() as StreamColumnType }))])),
    dataFlows: file.properties.dataFlows.map(({ streams, outputStream, transformKql }) => ({ streams, outputStream, transformKql })),
  });
  const topology = loadTopology(synthWithMetadata(stack) as unknown as Record<string, unknown>, { stackName: 'test', httpsBaseUrl: 'https://127.0.0.1:0' });
  const store = new WorkspaceStore(topology.workspaces[0].tables.values());
  const pipeline = new IngestionPipeline(topology, new Map([[topology.workspaces[0].address, store]]), () => NOW);
  const rule = topology.rules[0];

  test('an IDS alert lands in ASimNetworkSessionLogs with the table\'s columns only, as Azure stores it', () => {
    const alert = {
      ts: '2024-04-30T12:10:00Z', eventType: 'IDS Alert', deviceMac: '00:11:22:33:44:55', clientMac: 'aa:bb:cc:dd:ee:ff',
      srcIp: '10.0.0.5:51234', destIp: '198.51.100.7:443', protocol: 'tcp/ip', priority: '1', classification: 'Trojan',
      blocked: true, message: 'MALWARE-CNC', signature: '1:2000:1', sigSource: 'snort', ruleId: 'meraki:intrusion/snort/GID/1/SID/2000',
      clientName: 'laptop', clientIp: '10.0.0.5', uri: '', canonicalName: '', destinationPort: 443, fileHash: '', fileType: '',
      fileSizeBytes: 0, disposition: '', action: '',
    };
    pipeline.ingestRecords(rule.immutableId, 'Custom-CiscoMeraki_IDS', [alert]);
    const rows = [...store.table('ASimNetworkSessionLogs').rows()];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      TimeGenerated: new Date('2024-04-30T12:10:00Z'), SrcIpAddr: '10.0.0.5', SrcPortNumber: 51234, DstIpAddr: '198.51.100.7',
      DstPortNumber: 443, NetworkProtocol: 'TCP', DvcAction: 'Deny', EventSeverity: 'Medium', EventVendor: 'Cisco',
    });
    // What the transformation passes through and the table lacks (the synth warnings of SCDK012) is not stored.
    const columns = new Set(builtInTable('ASimNetworkSessionLogs')?.columns.map((column) => column.name));
    for (const dropped of ['signature', 'clientIp', 'clientName', 'destinationPort', 'fileHash']) {
      expect(columns.has(dropped)).toBe(false);
      expect(rows[0]).not.toHaveProperty(dropped);
    }
    expect(Object.keys(rows[0]).every((name) => columns.has(name))).toBe(true);
  });
});
