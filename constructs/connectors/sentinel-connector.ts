import { TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { checkConnectorCatalogEntry } from '../../model/connectors/check-connector-catalog-entry';
import { ConnectorCatalogEntry } from '../../model/connectors/connector-catalog-entry';
import { ConnectorMetadata } from '../../model/connectors/connector-metadata';
import { recordInStackMetadata } from '../private/stack-metadata';
import { ConfigurationError } from '../private/validation';
import { ISentinelWorkspace } from '../sentinel-workspace';

export type { ConnectorMetadata } from '../../model/connectors/connector-metadata';


/** A data connector of a Sentinel workspace. */
export interface ISentinelConnector extends IConstruct {
  /** The workspace the connector fills. */
  readonly workspace: ISentinelWorkspace;
  /** What the connector is, who supports it, what it fills. */
  readonly catalogEntry: ConnectorCatalogEntry;
  /** The metadata recorded in the synthesized Terraform. */
  connectorMetadata(): ConnectorMetadata;
}

/** Properties every connector takes. */
export interface SentinelConnectorProps {
  /** The Sentinel workspace the connector fills. */
  readonly workspace: ISentinelWorkspace;
}

/** The Terraform address of a resource: `<type>.<name>`. */
export function terraformAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/**
 * The base of every connector: checks its catalog entry against the catalog schema, registers it with its
 * workspace and records it in the synthesized Terraform.
 */
export abstract class SentinelConnector extends Construct implements ISentinelConnector {
  public readonly workspace: ISentinelWorkspace;
  public readonly catalogEntry: ConnectorCatalogEntry;

  protected constructor(scope: Construct, id: string, workspace: ISentinelWorkspace, catalogEntry: ConnectorCatalogEntry) {
    super(scope, id);
    const problems = checkConnectorCatalogEntry(catalogEntry);
    if (problems.length > 0) {
      throw new ConfigurationError(this, 'catalogEntry', problems.join('; '));
    }
    this.workspace = workspace;
    this.catalogEntry = catalogEntry;
    workspace.registerConnector(this);
    recordInStackMetadata(this, 'connectors', () => this.connectorMetadata());
  }

  public connectorMetadata(): ConnectorMetadata {
    const resources = this.node.findAll()
      .filter((child): child is TerraformResource => child instanceof TerraformResource)
      .map(terraformAddress);
    const workspaceResource = this.workspace.node.tryFindChild('Resource');
    return {
      constructPath: this.node.path,
      workspace: workspaceResource instanceof TerraformResource ? terraformAddress(workspaceResource) : this.workspace.workspaceResourceId,
      catalogEntry: this.catalogEntry,
      resources,
      details: this.connectorDetails(),
    };
  }

  /** Settings worth showing beside the catalog entry. */
  protected connectorDetails(): Record<string, unknown> {
    return {};
  }
}
