import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { contentGuid } from '../../model/solutions/content-guid';
import { Workbook } from '../../model/solutions/workbook';
import { ISentinelWorkspace } from '../sentinel-workspace';
import { optionalTerraformLiteral, terraformLiteral } from './terraform-literal';

/** The workbook category Sentinel lists under Workbooks. */
export const SENTINEL_WORKBOOK_CATEGORY = 'sentinel';

/**
 * A workbook (`azurerm_application_insights_workbook`) in the workspace's resource group, linked to the workspace
 * (`source_id`) and of the category `sentinel`, which is where Sentinel's Workbooks page looks. Its name must be a
 * GUID: one is derived from the workspace, the solution and the file, so each workspace gets its own workbook.
 */
export function addWorkbook(scope: Construct, id: string, workbook: Workbook, template: Record<string, unknown>,
  workspace: ISentinelWorkspace, solutionName: string, workspaceKey: string): ApplicationInsightsWorkbook {
  return new ApplicationInsightsWorkbook(scope, id, {
    name: contentGuid('workbook', workspaceKey, solutionName, workbook.file.split('/').slice(-1)[0]),
    resourceGroupName: workspace.resourceGroupName,
    location: workspace.location,
    displayName: terraformLiteral(workbook.displayName),
    description: optionalTerraformLiteral(workbook.description),
    category: SENTINEL_WORKBOOK_CATEGORY,
    // azurerm compares source_id as the service returns it, in lower case; a mixed-case ID would show a change each plan.
    sourceId: Fn.lower(workspace.workspaceResourceId),
    // Already Terraform literals: the template's strings were escaped before parameters (which may be references) went in.
    dataJson: JSON.stringify(template),
    dependsOn: workspace.sentinelDependency,
  });
}
