import { DeploymentPrecondition, DeploymentRequirement, azapiResourceType, literalText, property, workspaceKey } from '../deployment-precondition';
import { GraphResource } from '../terraform-graph';
import { customTablesNamed } from './rule-writes-custom-table';

const DATA_CONNECTORS = 'microsoft.securityinsights/dataconnectors';
const DATA_CONNECTOR_DEFINITIONS = 'microsoft.securityinsights/dataconnectordefinitions';

function isOfType(resource: GraphResource, type: string): boolean {
  return resource.type === 'azapi_resource' && azapiResourceType(resource) === type;
}

/**
 * A Codeless Connector Platform poller (`dataConnectors` of kind RestApiPoller) names its connector definition, the
 * data collection rule and endpoint it sends to, and its table; Sentinel checks them when the connection is created.
 * The rule and endpoint are named by attributes (the immutable ID, the ingestion URL) that only references give, so
 * they are edges whenever the body refers to them; the definition and the table are named by literal names.
 */
export const CODELESS_CONNECTOR: DeploymentPrecondition = {
  id: 'codeless-connector',
  title: 'a codeless connector\'s poller is created after its connector definition and the table it fills',
  azureAnswer: 'Sentinel refuses the data connector: its connector definition (connectorDefinitionName) or its destination table (dataType) does not exist',
  source: 'Microsoft Sentinel docs, "Create a codeless connector" (deploy the table, the DCR, the connector definition, then the data connector) and the RestApiPoller reference (2024-09-01)',
  requirements(graph) {
    return graph.resources.filter((resource) => isOfType(resource, DATA_CONNECTORS)).flatMap((poller) => {
      const body = poller.arguments.body;
      if (literalText(property(body, 'kind'))?.toLowerCase() !== 'restapipoller') {
        return [];
      }
      const workspace = workspaceKey(graph, poller.arguments.parent_id);
      const requirements: DeploymentRequirement[] = [];
      const definitionName = literalText(property(body, 'properties', 'connectorDefinitionName'));
      const definitions = definitionName === undefined ? [] : graph.resources.filter((resource) => isOfType(resource, DATA_CONNECTOR_DEFINITIONS)
        && literalText(resource.arguments.name)?.toLowerCase() === definitionName.toLowerCase()
        && workspaceKey(graph, resource.arguments.parent_id) === workspace);
      if (definitions.length > 0) {
        requirements.push({ dependent: poller.address, required: definitions.map((definition) => definition.address),
          reason: `uses the connector definition "${definitionName}"` });
      }
      const tableName = literalText(property(body, 'properties', 'dataType'));
      const tables = tableName === undefined ? [] : customTablesNamed(graph, tableName, workspace);
      if (tables.length > 0) {
        requirements.push({ dependent: poller.address, required: tables.map((table) => table.address), reason: `fills the table "${tableName}"` });
      }
      return requirements;
    });
  },
};
