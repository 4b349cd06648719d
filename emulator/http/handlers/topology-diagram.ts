import { EmulatorTopology } from '../../topology/load-topology';
import { ForwarderListenerLabel, mermaidFlowchart, topologyGraph } from '../../topology/topology-graph';

export { escapeMermaidLabel } from '../../topology/topology-graph';

/**
 * The topology as a Mermaid flowchart, left to right: sources (devices that send syslog and CEF, and each connector
 * that is not fed by a forwarder), log forwarders with the emulator's listeners, data collection rules, tables, and
 * workspaces (see {@link topologyGraph}). Node IDs are generated; every label is escaped.
 */
export function topologyDiagram(topology: EmulatorTopology, listeners: readonly ForwarderListenerLabel[]): string {
  return mermaidFlowchart(topologyGraph(topology, listeners)).join('\n');
}
