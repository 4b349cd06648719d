import { DeploymentPrecondition, DeploymentRequirement, azapiResourceType, literalText } from '../deployment-precondition';
import { GraphResource, TerraformGraph, visitStrings } from '../terraform-graph';

/**
 * The Terraform types of the ARM resource types this toolkit writes or reads, by `<namespace>/<type>[/<child type>]`
 * lower-cased. A literal resource ID of one of these names a resource of the document by its type and name.
 */
const TERRAFORM_TYPES_OF_ARM_TYPES: Readonly<Record<string, readonly string[]>> = {
  'microsoft.resources/resourcegroups': ['azurerm_resource_group'],
  'microsoft.operationalinsights/workspaces': ['azurerm_log_analytics_workspace'],
  'microsoft.operationalinsights/workspaces/tables': ['azurerm_log_analytics_workspace_table', 'azurerm_log_analytics_workspace_table_custom_log'],
  'microsoft.operationalinsights/workspaces/savedsearches': ['azurerm_log_analytics_saved_search'],
  'microsoft.insights/datacollectionrules': ['azurerm_monitor_data_collection_rule'],
  'microsoft.insights/datacollectionendpoints': ['azurerm_monitor_data_collection_endpoint'],
  'microsoft.insights/workbooks': ['azurerm_application_insights_workbook'],
  'microsoft.compute/virtualmachines': ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine'],
  'microsoft.compute/virtualmachinescalesets': ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set',
    'azurerm_orchestrated_virtual_machine_scale_set'],
  'microsoft.network/virtualnetworks': ['azurerm_virtual_network'],
  'microsoft.network/virtualnetworks/subnets': ['azurerm_subnet'],
  'microsoft.network/networksecuritygroups': ['azurerm_network_security_group'],
  'microsoft.network/networkinterfaces': ['azurerm_network_interface'],
  'microsoft.network/publicipaddresses': ['azurerm_public_ip'],
  'microsoft.network/loadbalancers': ['azurerm_lb'],
  'microsoft.network/loadbalancers/probes': ['azurerm_lb_probe'],
  'microsoft.network/loadbalancers/backendaddresspools': ['azurerm_lb_backend_address_pool'],
  'microsoft.securityinsights/alertrules': ['azurerm_sentinel_alert_rule_scheduled', 'azurerm_sentinel_alert_rule_nrt',
    'azurerm_sentinel_alert_rule_fusion', 'azurerm_sentinel_alert_rule_ms_security_incident', 'azurerm_sentinel_alert_rule_machine_learning_behavior_analytics',
    'azurerm_sentinel_alert_rule_threat_intelligence', 'azurerm_sentinel_alert_rule_anomaly_built_in', 'azurerm_sentinel_alert_rule_anomaly_duplicate'],
  'microsoft.securityinsights/watchlists': ['azurerm_sentinel_watchlist'],
  'microsoft.securityinsights/watchlists/watchlistitems': ['azurerm_sentinel_watchlist_item'],
  'microsoft.securityinsights/automationrules': ['azurerm_sentinel_automation_rule'],
  'microsoft.web/sites': ['azurerm_linux_function_app', 'azurerm_windows_function_app'],
  'microsoft.web/serverfarms': ['azurerm_service_plan'],
  'microsoft.storage/storageaccounts': ['azurerm_storage_account'],
  'microsoft.keyvault/vaults': ['azurerm_key_vault'],
  'microsoft.logic/workflows': ['azurerm_logic_app_workflow'],
  'microsoft.managedidentity/userassignedidentities': ['azurerm_user_assigned_identity'],
};

/** A resource ID inside a text; IDs stop at characters no ID holds (quotes, spaces, commas, brackets). */
const RESOURCE_ID = /\/subscriptions\/[^/\s"',\]}]+\/resourceGroups\/[^/\s"',\]}]+(?:\/providers\/[^\s"',\]}]+)?/gi;

/** What an ARM resource ID names: its type (`microsoft.network/virtualnetworks/subnets`), name and resource group. */
export interface ArmResourceName {
  readonly type: string;
  readonly name: string;
  readonly resourceGroupName: string;
}

/** The type and name an ARM resource ID names (for an extension resource, the last provider's resource). */
export function armResourceNameOf(id: string): ArmResourceName | undefined {
  const segments = id.split('/').filter((segment) => segment !== '');
  const groupIndex = segments.findIndex((segment) => segment.toLowerCase() === 'resourcegroups');
  if (groupIndex < 0 || groupIndex + 1 >= segments.length) {
    return undefined;
  }
  const resourceGroupName = segments[groupIndex + 1];
  const providerIndex = segments.map((segment) => segment.toLowerCase()).lastIndexOf('providers');
  if (providerIndex < 0) {
    return segments.length === groupIndex + 2 ? { type: 'microsoft.resources/resourcegroups', name: resourceGroupName, resourceGroupName } : undefined;
  }
  const rest = segments.slice(providerIndex + 1);
  if (rest.length < 3 || rest.length % 2 === 0) {
    return undefined;
  }
  const types = rest.filter((_, index) => index > 0 && index % 2 === 1);
  return { type: [rest[0], ...types].join('/').toLowerCase(), name: rest[rest.length - 1], resourceGroupName };
}

/** The resources of the document an ARM resource ID may name. */
function resourcesNamed(graph: TerraformGraph, named: ArmResourceName): GraphResource[] {
  const types = TERRAFORM_TYPES_OF_ARM_TYPES[named.type] ?? [];
  return graph.resources.filter((resource) => {
    const typed = types.includes(resource.type) || (resource.type === 'azapi_resource' && azapiResourceType(resource) === named.type);
    if (!typed || literalText(resource.arguments.name)?.toLowerCase() !== named.name.toLowerCase()) {
      return false;
    }
    const group = literalText(resource.arguments.resource_group_name);
    return group === undefined || group.toLowerCase() === named.resourceGroupName.toLowerCase();
  });
}

/**
 * A resource that names another by a literal resource ID (a rule's endpoint, an association's rule and machine, a role
 * assignment's scope, a watchlist item's watchlist, an automation rule's analytic rules, the workspace's default rule)
 * needs that resource to exist: ARM resolves the ID when it creates the first one. A reference is an edge; a literal
 * ID of a resource created in the same stack is not.
 */
export const RESOURCE_ID_REFERENCE: DeploymentPrecondition = {
  id: 'resource-id-reference',
  title: 'a resource is created after the resources it names by resource ID',
  azureAnswer: 'Azure refuses the resource: the resource its ID names is not found (ResourceNotFound, InvalidDataCollectionEndpoint, LinkedInvalidPropertyId, ...)',
  source: 'Azure Resource Manager, "Resolve errors for resource not found" (a resource that references another is deployed after it); azurerm docs of each argument that takes an ID',
  requirements(graph) {
    return graph.resources.flatMap((resource) => {
      const { name: _name, ...rest } = resource.arguments;
      const requirements: DeploymentRequirement[] = [];
      const seen = new Set<string>();
      visitStrings(rest, (text) => {
        for (const match of text.matchAll(RESOURCE_ID)) {
          const named = armResourceNameOf(match[0]);
          const candidates = named === undefined ? [] : resourcesNamed(graph, named).filter((candidate) => candidate.address !== resource.address);
          const key = candidates.map((candidate) => candidate.address).join(',');
          if (candidates.length > 0 && !seen.has(key)) {
            seen.add(key);
            requirements.push({ dependent: resource.address, required: candidates.map((candidate) => candidate.address), reason: `names ${match[0]}` });
          }
        }
      });
      return requirements;
    });
  },
};
