import { ConnectorMetadata } from '../connectors/connector-metadata';
import { PolicyInput, PolicyViolation, resourcesOfType, violationAt } from './policy-input';
import { isTerraformExpression, literalBoolean } from './terraform-values';

/**
 * Shared-key authentication on: a Log Analytics workspace whose `local_authentication_enabled` is true or left out
 * (azurerm 4 turns it on by default), or a connector of the legacy HTTP Data Collector API, which needs the
 * workspace key.
 */
export function checkSharedKeyAuthentication(input: PolicyInput): PolicyViolation[] {
  const workspaces = resourcesOfType(input, 'azurerm_log_analytics_workspace').flatMap((workspace) => {
    const value = workspace.attributes.local_authentication_enabled;
    if (isTerraformExpression(value) || literalBoolean(value) === false) {
      return [];
    }
    const found = value === undefined ? 'is not set, and azurerm turns shared keys on by default' : 'is true';
    return [violationAt(workspace, `local_authentication_enabled ${found}: anyone holding the workspace key can write to it; `
      + 'expected local_authentication_enabled: false (the toolkit\'s default) once no sender uses the HTTP Data Collector API')];
  });
  const legacy = input.connectors.filter(isLegacyDataCollectorConnector).map((connector) => ({
    constructPath: connector.constructPath,
    message: `the connector "${connector.catalogEntry.connectorId}" sends ${connector.catalogEntry.tables.join(', ')} through the `
      + 'HTTP Data Collector API with the workspace key; expected a Logs Ingestion API connector with Entra ID authentication',
  }));
  return [...workspaces, ...legacy];
}

function isLegacyDataCollectorConnector(connector: ConnectorMetadata): boolean {
  return connector.catalogEntry.ingestionPath === 'data-collector-api';
}
