import { INGESTION_PATH_TITLES, IngestionPath } from '../../model/connectors/connector-catalog-entry';
import { EmulatorTopology } from './load-topology';

/** What a node of the topology graph stands for, from the devices on the left to the workspaces on the right. */
export type TopologyNodeKind = 'devices' | 'source' | 'forwarder' | 'rule' | 'table' | 'workspace';

/** A node of the ingestion topology: devices, a connector as a source, a forwarder, a rule, a table or a workspace. */
export interface TopologyNode {
  /**
   * Identity of the node that holds across two syntheses of the same app: `rule:<address>`, `table:<workspace
   * address>/<table name>`, `source:<construct path>`, ... (the review command pairs the nodes of two revisions by it).
   */
  readonly key: string;
  readonly kind: TopologyNodeKind;
  /** Mermaid node ID, numbered in drawing order (`source1`, `forwarder0`, `rule2`, `table0`, `workspace0`). */
  readonly id: string;
  /** Mermaid label markup; every value from the stack is escaped with {@link escapeMermaidLabel}. */
  readonly label: string;
  /** Terraform addresses of the resources the node stands for (a connector's resources, a rule, a forwarder's machine). */
  readonly addresses: readonly string[];
  /** Construct path of what the node stands for, when the stack records one. */
  readonly constructPath?: string;
}

/** An arrow of the topology graph, between node keys. */
export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

/** The ingestion topology as nodes (sources first, in drawing order) and arrows. */
export interface TopologyGraph {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

/** The address and ports the emulator listens on for a forwarder, shown in its node. */
export interface ForwarderListenerLabel {
  readonly key: string;
  readonly udp: string;
  readonly tcp: string;
}

/**
 * Text for a Mermaid label: Mermaid decodes `#name;` and `#code;` entities in labels, so every character that could
 * end the label, start markup or an entity is written as one; line breaks become spaces.
 */
export function escapeMermaidLabel(value: string): string {
  return value.replace(/[#"<>&`]/g, (character) => `#${character.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

/** The fields of a recorded connector (ConnectorMetadata) the graph reads, each optional: it is JSON from disk. */
interface RecordedConnector {
  readonly constructPath?: string;
  readonly resources?: readonly string[];
  readonly workspace?: string;
  readonly catalogEntry?: { readonly title?: string; readonly ingestionPath?: string; readonly tables?: readonly string[] };
}

/** Collects nodes and de-duplicated edges in drawing order. */
class GraphBuilder {
  public readonly nodes: TopologyNode[] = [];
  private readonly edges = new Map<string, TopologyEdge>();

  public add(node: TopologyNode): void {
    this.nodes.push(node);
  }

  public connect(from: string, to: string, label?: string): void {
    const edge = label === undefined ? { from, to } : { from, to, label };
    this.edges.set(`${from}\u0000${to}\u0000${label ?? ''}`, edge);
  }

  public graph(): TopologyGraph {
    return { nodes: this.nodes, edges: [...this.edges.values()] };
  }
}

/**
 * The topology as a graph, left to right: sources (devices that send syslog and CEF, and each connector that is not
 * fed by a forwarder), log forwarders (with the emulator's listeners when given), data collection rules, tables, and
 * workspaces. The emulator's Data connectors page and the review command draw it.
 */
export function topologyGraph(topology: EmulatorTopology, listeners: readonly ForwarderListenerLabel[] = []): TopologyGraph {
  const builder = new GraphBuilder();
  const workspaceKeys = new Map(topology.workspaces.map((workspace) => [workspace.address, `workspace:${workspace.address}`]));
  const ruleKeys = new Map(topology.rules.map((rule) => [rule.address, `rule:${rule.address}`]));
  const tableKeys = new Set<string>();
  const tableKey = (workspaceAddress: string, tableName: string) => {
    const key = `table:${workspaceAddress}/${tableName}`;
    if (!tableKeys.has(key)) {
      builder.add({ key, kind: 'table', id: `table${tableKeys.size}`, label: escapeMermaidLabel(tableName), addresses: [] });
      tableKeys.add(key);
      const workspace = workspaceKeys.get(workspaceAddress);
      if (workspace !== undefined) {
        builder.connect(key, workspace);
      }
    }
    return key;
  };

  if (topology.forwarders.length > 0) {
    builder.add({ key: 'devices', kind: 'devices', id: 'devices', label: 'Syslog and CEF devices', addresses: [] });
  }
  const sourceTargets = addConnectorSources(builder, topology, ruleKeys);

  topology.forwarders.forEach((forwarder, index) => {
    const listener = listeners.find((candidate) => candidate.key === forwarder.key);
    const key = `forwarder:${forwarder.key}`;
    builder.add({
      key, kind: 'forwarder', id: `forwarder${index}`, addresses: [forwarder.key],
      label: `Forwarder ${escapeMermaidLabel(forwarder.forwarderName)}` + (listener === undefined ? ''
        : `<br/><small>udp ${escapeMermaidLabel(listener.udp)}, tcp ${escapeMermaidLabel(listener.tcp)}</small>`),
    });
    builder.connect('devices', key);
    forwarder.ruleAddresses.filter((address) => ruleKeys.has(address)).forEach((address) => builder.connect(key, ruleKeys.get(address) as string));
  });
  topology.rules.forEach((rule, index) => {
    const key = ruleKeys.get(rule.address) as string;
    builder.add({
      key, kind: 'rule', id: `rule${index}`, label: `DCR ${escapeMermaidLabel(rule.ruleName)}`, addresses: [rule.address],
      ...(rule.constructPath === undefined ? {} : { constructPath: rule.constructPath }),
    });
    for (const flow of rule.dataFlows) {
      if (flow.tableName !== undefined && flow.workspaceAddress !== undefined) {
        builder.connect(key, tableKey(flow.workspaceAddress, flow.tableName), flow.transformKql === undefined ? undefined : 'transform');
      }
    }
  });
  for (const { source, ruleKey, table } of sourceTargets) {
    if (ruleKey !== undefined) {
      builder.connect(source, ruleKey);
    } else if (table !== undefined) {
      builder.connect(source, tableKey(table.workspaceAddress, table.tableName));
    }
  }
  topology.workspaces.forEach((workspace, index) => {
    builder.add({
      key: workspaceKeys.get(workspace.address) as string, kind: 'workspace', id: `workspace${index}`,
      label: `Workspace ${escapeMermaidLabel(workspace.workspaceName)}`, addresses: [workspace.address],
    });
  });
  return builder.graph();
}

/** Where a connector drawn as a source sends: its rules, or straight into its catalog tables. */
interface SourceTarget {
  readonly source: string;
  readonly ruleKey?: string;
  readonly table?: { readonly workspaceAddress: string; readonly tableName: string };
}

/**
 * Adds a source node for each connector that a forwarder does not feed, and returns where each sends: its rules, or
 * (service-to-service connectors) the tables of its catalog entry in its workspace.
 */
function addConnectorSources(builder: GraphBuilder, topology: EmulatorTopology, ruleKeys: ReadonlyMap<string, string>): SourceTarget[] {
  const targets: SourceTarget[] = [];
  (topology.connectors as readonly RecordedConnector[]).forEach((connector, index) => {
    const rules = (connector.resources ?? []).filter((address) => ruleKeys.has(address));
    const fedByForwarder = rules.length > 0 && rules.every((address) =>
      (topology.rules.find((rule) => rule.address === address)?.syslogSources.length ?? 0) > 0);
    if (fedByForwarder) {
      return;
    }
    const key = `source:${connector.constructPath ?? index}`;
    const ingestionPath = connector.catalogEntry?.ingestionPath ?? '';
    builder.add({
      key, kind: 'source', id: `source${index}`, addresses: connector.resources ?? [],
      label: `${escapeMermaidLabel(connector.catalogEntry?.title ?? 'connector')}<br/>`
        + `<small>${escapeMermaidLabel(INGESTION_PATH_TITLES[ingestionPath as IngestionPath] ?? ingestionPath)}</small>`,
      ...(connector.constructPath === undefined ? {} : { constructPath: connector.constructPath }),
    });
    if (rules.length > 0) {
      rules.forEach((address) => targets.push({ source: key, ruleKey: ruleKeys.get(address) as string }));
      return;
    }
    const workspace = topology.workspaces.find((candidate) => candidate.address === connector.workspace) ?? topology.workspaces[0];
    for (const tableName of connector.catalogEntry?.tables ?? []) {
      targets.push(workspace === undefined ? { source: key } : { source: key, table: { workspaceAddress: workspace.address, tableName } });
    }
  });
  return targets;
}

/** How {@link mermaidFlowchart} draws a graph: node IDs, and the arrow of each edge. */
export interface MermaidFlowchartOptions {
  /** The Mermaid ID of a node. @default - the node's own `id` */
  readonly nodeId?: (node: TopologyNode) => string;
  /** The arrow of an edge, e.g. `-.->` for a dotted one. @default '-->' */
  readonly arrow?: (edge: TopologyEdge) => string;
}

const SHAPES: Readonly<Record<TopologyNodeKind, readonly [string, string]>> = {
  devices: ['[', ']'], source: ['[', ']'], forwarder: ['[', ']'], rule: ['{{', '}}'], table: ['[(', ')]'], workspace: ['[(', ')]'],
};

/**
 * A topology graph as a Mermaid `flowchart LR`: the devices and connector sources in a "Sources" subgraph, the other
 * nodes in the graph's order, then the edges. Edge labels are escaped; node labels are escaped by the graph.
 */
export function mermaidFlowchart(graph: TopologyGraph, options: MermaidFlowchartOptions = {}): string[] {
  const nodeId = options.nodeId ?? ((node: TopologyNode) => node.id);
  const ids = new Map(graph.nodes.map((node) => [node.key, nodeId(node)]));
  const nodeLine = (node: TopologyNode, indent: string) => {
    const [open, close] = SHAPES[node.kind];
    return `${indent}${ids.get(node.key)}${open}"${node.label}"${close}`;
  };
  const isSource = (node: TopologyNode) => node.kind === 'devices' || node.kind === 'source';
  const edgeLines = graph.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to)).map((edge) => {
    const arrow = options.arrow?.(edge) ?? '-->';
    return edge.label === undefined ? `  ${ids.get(edge.from)} ${arrow} ${ids.get(edge.to)}`
      : `  ${ids.get(edge.from)} ${arrow}|"${escapeMermaidLabel(edge.label)}"| ${ids.get(edge.to)}`;
  });
  return [
    'flowchart LR',
    '  subgraph sources["Sources"]',
    ...graph.nodes.filter(isSource).map((node) => nodeLine(node, '    ')),
    '  end',
    ...graph.nodes.filter((node) => !isSource(node)).map((node) => nodeLine(node, '  ')),
    ...edgeLines,
  ];
}
