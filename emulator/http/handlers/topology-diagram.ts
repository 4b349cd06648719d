import { INGESTION_PATH_TITLES, IngestionPath } from '../../../model/connectors/connector-catalog-entry';
import { EmulatorTopology } from '../../topology/load-topology';

/**
 * Text for a Mermaid label: Mermaid decodes `#name;` and `#code;` entities in labels, so every character that could
 * end the label, start markup or an entity is written as one; line breaks become spaces.
 */
export function escapeMermaidLabel(value: string): string {
  return value.replace(/[#"<>&`]/g, (character) => `#${character.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

/** The fields of a recorded connector (ConnectorMetadata) the diagram reads, each optional: it is JSON from disk. */
interface RecordedConnector {
  readonly resources?: readonly string[];
  readonly workspace?: string;
  readonly catalogEntry?: { readonly title?: string; readonly ingestionPath?: string; readonly tables?: readonly string[] };
}

/**
 * The topology as a Mermaid flowchart, left to right: sources (devices that send syslog and CEF, and each connector
 * that is not fed by a forwarder), log forwarders with the emulator's listeners, data collection rules, tables, and
 * workspaces. Node IDs are generated; every label is escaped with {@link escapeMermaidLabel}.
 */
export function topologyDiagram(topology: EmulatorTopology,
  listeners: ReadonlyArray<{ readonly key: string; readonly udp: string; readonly tcp: string }>): string {
  const lines = ['flowchart LR'];
  const edges = new Set<string>();
  const node = (id: string, open: string, label: string, close: string) => lines.push(`  ${id}${open}"${label}"${close}`);
  const edge = (from: string, to: string, label?: string) =>
    edges.add(label === undefined ? `  ${from} --> ${to}` : `  ${from} -->|"${escapeMermaidLabel(label)}"| ${to}`);

  const workspaceIds = new Map(topology.workspaces.map((workspace, index) => [workspace.address, `workspace${index}`]));
  const tableIds = new Map<string, string>();
  const tableId = (workspaceAddress: string, tableName: string) => {
    const key = `${workspaceAddress}\u0000${tableName}`;
    let id = tableIds.get(key);
    if (id === undefined) {
      id = `table${tableIds.size}`;
      tableIds.set(key, id);
      node(id, '[(', escapeMermaidLabel(tableName), ')]');
      const workspace = workspaceIds.get(workspaceAddress);
      if (workspace !== undefined) {
        edge(id, workspace);
      }
    }
    return id;
  };
  const ruleIds = new Map(topology.rules.map((rule, index) => [rule.address, `rule${index}`]));

  lines.push('  subgraph sources["Sources"]');
  if (topology.forwarders.length > 0) {
    lines.push('    devices["Syslog and CEF devices"]');
  }
  const connectors = topology.connectors as readonly RecordedConnector[];
  const sourceLines: string[] = [];
  connectors.forEach((connector, index) => {
    const rules = (connector.resources ?? []).filter((address) => ruleIds.has(address));
    const fedByForwarder = rules.length > 0 && rules.every((address) =>
      (topology.rules.find((rule) => rule.address === address)?.syslogSources.length ?? 0) > 0);
    if (fedByForwarder) {
      return;
    }
    const id = `source${index}`;
    const ingestionPath = connector.catalogEntry?.ingestionPath ?? '';
    lines.push(`    ${id}["${escapeMermaidLabel(connector.catalogEntry?.title ?? 'connector')}<br/>`
      + `<small>${escapeMermaidLabel(INGESTION_PATH_TITLES[ingestionPath as IngestionPath] ?? ingestionPath)}</small>"]`);
    if (rules.length > 0) {
      rules.forEach((address) => sourceLines.push(`${id}\u0000${ruleIds.get(address) as string}`));
    } else {
      const workspace = topology.workspaces.find((candidate) => candidate.address === connector.workspace) ?? topology.workspaces[0];
      for (const tableName of connector.catalogEntry?.tables ?? []) {
        sourceLines.push(`${id}\u0000${workspace === undefined ? '' : `${workspace.address}\u0001${tableName}`}`);
      }
    }
  });
  lines.push('  end');

  topology.forwarders.forEach((forwarder, index) => {
    const listener = listeners.find((candidate) => candidate.key === forwarder.key);
    const id = `forwarder${index}`;
    node(id, '[', `Forwarder ${escapeMermaidLabel(forwarder.forwarderName)}`
      + (listener === undefined ? '' : `<br/><small>udp ${escapeMermaidLabel(listener.udp)}, tcp ${escapeMermaidLabel(listener.tcp)}</small>`), ']');
    edge('devices', id);
    forwarder.ruleAddresses.forEach((address) => {
      const rule = ruleIds.get(address);
      if (rule !== undefined) {
        edge(id, rule);
      }
    });
  });
  topology.rules.forEach((rule) => {
    const id = ruleIds.get(rule.address) as string;
    node(id, '{{', `DCR ${escapeMermaidLabel(rule.ruleName)}`, '}}');
    for (const flow of rule.dataFlows) {
      if (flow.tableName !== undefined && flow.workspaceAddress !== undefined) {
        edge(id, tableId(flow.workspaceAddress, flow.tableName), flow.transformKql === undefined ? undefined : 'transform');
      }
    }
  });
  for (const entry of sourceLines) {
    const [source, target] = entry.split('\u0000');
    if (target.includes('\u0001')) {
      const [workspaceAddress, tableName] = target.split('\u0001');
      edge(source, tableId(workspaceAddress, tableName));
    } else if (target !== '') {
      edge(source, target);
    }
  }
  topology.workspaces.forEach((workspace) => {
    node(workspaceIds.get(workspace.address) as string, '[(', `Workspace ${escapeMermaidLabel(workspace.workspaceName)}`, ')]');
  });
  return [...lines, ...edges].join('\n');
}
