import { ConnectorMetadata } from '../../../model/connectors/connector-metadata';
import { PolicyForwarder, PolicyInput, PolicyResource } from '../../../model/checks/policy-input';

/** A resource as the stack would synthesize it, at `test/<name>`. */
export function resource(resourceType: string, name: string, attributes: Record<string, unknown>): PolicyResource {
  return { resourceType, resourceAddress: `${resourceType}.${name}`, constructPath: `test/${name}`, attributes };
}

/** A reference to another resource's attribute, as Terraform JSON writes it. */
export function reference(target: PolicyResource, attribute = 'id'): string {
  return `\${${target.resourceAddress}.${attribute}}`;
}

/** Plain policy input from resources, connectors and declared forwarders. */
export function policyInput(resources: PolicyResource[], connectors: ConnectorMetadata[] = [], forwarders: PolicyForwarder[] = []): PolicyInput {
  return { resources, connectors, forwarders };
}

/** An NSG security rule block with the given settings over an inbound TCP allow to port 22 from 10.1.2.3. */
export function securityRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'AllowSsh', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*',
    destination_port_range: '22', destination_port_ranges: null, destination_address_prefix: '*',
    source_address_prefix: '10.1.2.3', source_address_prefixes: null, ...overrides,
  };
}

/** A connector's metadata with a catalog entry of the given support. */
export function connector(connectorId: string, support: ConnectorMetadata['catalogEntry']['support'],
  ingestionPath: ConnectorMetadata['catalogEntry']['ingestionPath'] = 'logs-ingestion-api'): ConnectorMetadata {
  return {
    constructPath: `test/${connectorId}`,
    workspace: 'azurerm_log_analytics_workspace.Workspace',
    catalogEntry: {
      connectorId, title: connectorId, publisher: support.tier === 'Microsoft' ? 'Microsoft' : 'Contoso', ingestionPath,
      tables: [`${connectorId}_CL`], prerequisites: [], support,
    },
    resources: [],
    details: {},
  };
}
