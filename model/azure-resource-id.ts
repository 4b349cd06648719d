/** The parts of an Azure resource ID. */
export interface AzureResourceId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  /** Provider namespace and type, e.g. `Microsoft.OperationalInsights/workspaces`. */
  readonly resourceType: string;
  readonly name: string;
}

const RESOURCE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)$/i;

/**
 * Parses `/subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}` and checks its type.
 * Throws at once on a malformed ID, naming what was expected.
 */
export function parseAzureResourceId(resourceId: string, expectedType: string): AzureResourceId {
  const match = RESOURCE_ID.exec(resourceId);
  if (match === null || match[3].toLowerCase() !== expectedType.toLowerCase()) {
    throw new Error(
      `"${resourceId}" is not a ${expectedType} resource ID; expected ` +
      `/subscriptions/<subscription>/resourceGroups/<group>/providers/${expectedType}/<name>`,
    );
  }
  return { subscriptionId: match[1], resourceGroupName: match[2], resourceType: match[3], name: match[4] };
}
