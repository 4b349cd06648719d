import { DeploymentPrecondition, azapiResourceType, blocks, literalText, onboardingOf, ruleWorkspaceKeys, workspaceArgumentOf, workspaceKey } from '../deployment-precondition';
import { GraphResource, TerraformGraph } from '../terraform-graph';

/** Streams of tables that exist only in a workspace onboarded to Sentinel (its solution tables). */
const SENTINEL_STREAMS = /^Microsoft-(CommonSecurityLog|SecurityEvent|WindowsEvent|ASim[A-Za-z]+)$/;

/** True for a resource of the Microsoft.SecurityInsights provider (everything Sentinel holds but the onboarding). */
function isSecurityInsightsResource(resource: GraphResource): boolean {
  if (resource.type === 'azurerm_sentinel_log_analytics_workspace_onboarding' || resource.type === 'azurerm_sentinel_watchlist_item') {
    return false;
  }
  if (resource.type.startsWith('azurerm_sentinel_')) {
    return true;
  }
  return (resource.type === 'azapi_resource' || resource.type === 'azapi_update_resource')
    && azapiResourceType(resource)?.startsWith('microsoft.securityinsights/') === true;
}

/** True for a data collection rule that writes a table only Sentinel's onboarding creates. */
function writesSentinelTable(rule: GraphResource): boolean {
  return blocks(rule.arguments.data_flow).some((flow) => {
    const output = literalText(flow.output_stream);
    const streams = Array.isArray(flow.streams) ? flow.streams : [];
    return (output !== undefined && SENTINEL_STREAMS.test(output))
      || (output === undefined && streams.some((stream) => typeof stream === 'string' && SENTINEL_STREAMS.test(stream)));
  });
}

/**
 * Sentinel's resources (analytic and automation rules, watchlists, data connectors, connector definitions) exist only
 * in an onboarded workspace, and a data collection rule into a Sentinel table (`Microsoft-CommonSecurityLog`, ...)
 * is refused before the onboarding.
 */
export const SENTINEL_ONBOARDING: DeploymentPrecondition = {
  id: 'sentinel-onboarding',
  title: 'Sentinel content, connectors and rules into Sentinel tables are created after the workspace\'s Sentinel onboarding',
  azureAnswer: 'Azure answers 400 (the workspace is not onboarded to Microsoft Sentinel) or the table of the stream does not exist yet',
  source: 'azurerm docs of every azurerm_sentinel_* resource (their examples take the workspace from azurerm_sentinel_log_analytics_workspace_onboarding.workspace_id); Microsoft.SecurityInsights REST reference',
  requirements(graph: TerraformGraph) {
    const content = graph.resources.filter(isSecurityInsightsResource).flatMap((resource) => {
      const onboarding = onboardingOf(graph, workspaceKey(graph, workspaceArgumentOf(resource)));
      return onboarding === undefined ? [] : [{ dependent: resource.address, required: [onboarding.address], reason: 'is Sentinel content of the workspace' }];
    });
    const rules = graph.ofType('azurerm_monitor_data_collection_rule').filter(writesSentinelTable).flatMap((rule) =>
      ruleWorkspaceKeys(graph, rule).flatMap((key) => {
        const onboarding = onboardingOf(graph, key);
        return onboarding === undefined ? [] : [{ dependent: rule.address, required: [onboarding.address], reason: 'writes a table that Sentinel\'s onboarding creates' }];
      }));
    return [...content, ...rules];
  },
};
