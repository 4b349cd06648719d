import { loadTopology } from '../../emulator/topology/load-topology';
import { mermaidFlowchart, TopologyEdge, TopologyGraph, topologyGraph, TopologyNode } from '../../emulator/topology/topology-graph';

/** How a node or an edge of the review's diagram changed. */
export type DiagramStatus = 'added' | 'changed' | 'removed' | 'unchanged';

/** Colors of the statuses: GitHub's own green, amber and red; removed parts also dashed. */
const CLASS_DEFINITIONS = [
  '  classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#1f2328',
  '  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#1f2328',
  '  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray: 5 5,color:#1f2328',
];
const LINK_STYLES: Readonly<Record<'added' | 'removed', string>> = {
  added: 'stroke:#1a7f37,stroke-width:2px',
  removed: 'stroke:#cf222e,stroke-width:2px',
};

/** The diagram of one stack, or why it could not be drawn. */
export interface ReviewDiagram {
  /** Mermaid source, or undefined when neither revision has an ingestion topology. */
  readonly mermaid?: string;
  /** Why a revision's topology could not be read (its resources are still reviewed). */
  readonly problems: string[];
}

/** The graph of one revision's stack, or the reason it has none. */
function graphOf(document: Record<string, unknown> | undefined, stackName: string, revision: string, problems: string[]): TopologyGraph {
  if (document === undefined) {
    return { nodes: [], edges: [] };
  }
  try {
    return topologyGraph(loadTopology(document, { stackName, httpsBaseUrl: 'https://127.0.0.1' }));
  } catch (error) {
    problems.push(`${revision}: the ingestion topology could not be read (${(error as Error).message}); its resources are reviewed all the same`);
    return { nodes: [], edges: [] };
  }
}

/** A Mermaid node ID from a node's key: its kind and name, letters, digits and `_` only, unique. */
function sanitizedIds(nodes: readonly TopologyNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of nodes) {
    const name = node.key.slice(node.key.indexOf(':') + 1).replace(/\b[a-z0-9_]+\.(?=[A-Za-z0-9_-]+)/g, '');
    const base = `${node.kind}_${name}`.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+$/, '').slice(0, 60) || node.kind;
    let id = node.kind === 'devices' ? 'devices' : base;
    for (let suffix = 2; used.has(id); suffix += 1) {
      id = `${base}_${suffix}`;
    }
    used.add(id);
    ids.set(node.key, id);
  }
  return ids;
}

/**
 * Base's graph with the addresses of moved resources (same Azure resource, new Terraform address) written as in head,
 * so a moved rule or table is one node, not one removed and one added.
 */
function withMovedAddresses(graph: TopologyGraph, moved: ReadonlyMap<string, string>): TopologyGraph {
  if (moved.size === 0) {
    return graph;
  }
  const rename = (key: string) => key.replace(/^([a-z]+:)([^/]+)/, (_, kind: string, address: string) => `${kind}${moved.get(address) ?? address}`);
  return {
    nodes: graph.nodes.map((node) => ({ ...node, key: rename(node.key) })),
    edges: graph.edges.map((edge) => ({ ...edge, from: rename(edge.from), to: rename(edge.to) })),
  };
}

const edgeKey = (edge: TopologyEdge) => `${edge.from}\u0000${edge.to}\u0000${edge.label ?? ''}`;

/**
 * The ingestion topology of a stack in base and head as one Mermaid flowchart (sources → forwarders → rules →
 * tables → workspace): parts only in head styled added (green), only in base removed (red, dashed, drawn with dotted
 * arrows), in both but changed (`isChanged`) amber. Reads any synthesized Terraform: a stack the emulator cannot
 * emulate still gets the parts it understands.
 */
export function reviewDiagram(stackName: string, base: Record<string, unknown> | undefined, head: Record<string, unknown> | undefined,
  isChanged: (node: TopologyNode) => boolean, moved: ReadonlyMap<string, string> = new Map()): ReviewDiagram {
  const problems: string[] = [];
  const before = withMovedAddresses(graphOf(base, stackName, 'base', problems), moved);
  const after = graphOf(head, stackName, 'head', problems);
  const beforeKeys = new Set(before.nodes.map((node) => node.key));
  const afterKeys = new Set(after.nodes.map((node) => node.key));
  const nodes = [...after.nodes, ...before.nodes.filter((node) => !afterKeys.has(node.key))];
  if (!nodes.some((node) => node.kind === 'source' || node.kind === 'forwarder' || node.kind === 'rule')) {
    return { problems };
  }
  const status = (node: TopologyNode): DiagramStatus => !beforeKeys.has(node.key) ? 'added' : !afterKeys.has(node.key) ? 'removed'
    : isChanged(node) ? 'changed' : 'unchanged';
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  const keys = new Set(nodes.map((node) => node.key));
  const edges = [...after.edges, ...before.edges.filter((edge) => !afterEdges.has(edgeKey(edge)))]
    .filter((edge) => keys.has(edge.from) && keys.has(edge.to));
  const edgeStatus = (edge: TopologyEdge) => !beforeEdges.has(edgeKey(edge)) ? 'added' : !afterEdges.has(edgeKey(edge)) ? 'removed' : 'unchanged';
  const ids = sanitizedIds(nodes);
  const lines = mermaidFlowchart({ nodes, edges }, {
    nodeId: (node) => ids.get(node.key) as string,
    arrow: (edge) => (edgeStatus(edge) === 'removed' ? '-.->' : '-->'),
  });
  const classLines = (['added', 'changed', 'removed'] as const).flatMap((name) => {
    const members = nodes.filter((node) => status(node) === name).map((node) => ids.get(node.key));
    return members.length === 0 ? [] : [`  class ${members.join(',')} ${name}`];
  });
  const linkLines = (['added', 'removed'] as const).flatMap((name) => {
    const indexes = edges.map((edge, index) => (edgeStatus(edge) === name ? index : -1)).filter((index) => index >= 0);
    return indexes.length === 0 ? [] : [`  linkStyle ${indexes.join(',')} ${LINK_STYLES[name]}`];
  });
  return { mermaid: [...lines, ...CLASS_DEFINITIONS, ...classLines, ...linkLines].join('\n'), problems };
}
