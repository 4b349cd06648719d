import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SolutionPackage } from '../../constructs/solutions/solution-package';
import { newWorkspaceStack, onlyResource, synth } from '../support/synth';

/** A small package in the shape of a Content Hub V3 `mainTemplate.json`, written for these tests. */
const TEMPLATE_FILE = path.join(__dirname, 'fixtures', 'content-hub', 'mainTemplate.json');

describe('SolutionPackage.fromContentHubTemplate', () => {
  test('deploys the package\'s own ARM template into the workspace\'s resource group, after the Sentinel onboarding', () => {
    const { stack, workspace } = newWorkspaceStack();
    const installed = SolutionPackage.fromContentHubTemplate(stack, 'ContosoVpn', {
      workspace, template: TEMPLATE_FILE, parameters: { retentionNote: '90 days' },
    });
    const deployment = onlyResource(synth(stack), 'azurerm_resource_group_template_deployment');
    expect(deployment).toMatchObject({
      name: 'contoso-sentinel-ContosoVpn',
      resource_group_name: '${azurerm_resource_group.Sentinel_ResourceGroup_3D1E09A4.name}',
      deployment_mode: 'Incremental',
      depends_on: ['azurerm_sentinel_log_analytics_workspace_onboarding.Sentinel_SentinelOnboarding_2D7913B4'],
    });
    expect(JSON.parse(deployment.parameters_content as string)).toEqual({
      'workspace': { value: 'contoso-sentinel' }, 'workspace-location': { value: 'westeurope' }, 'retentionNote': { value: '90 days' },
    });
    // The template goes as written, with its `${` kept literal for Terraform.
    const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    expect(JSON.parse(deployment.template_content as string)).toEqual(JSON.parse(JSON.stringify(template).replace(/\$\{/g, () => '$${')));
    expect(installed.solutionName).toBe('Contoso VPN');
    expect(installed.resourceTypes).toEqual([
      'Microsoft.OperationalInsights/workspaces/providers/contentPackages', 'Microsoft.OperationalInsights/workspaces/savedSearches',
    ]);
  });

  test('takes the template already parsed, and lets the stack override the workspace parameters', () => {
    const { stack, workspace } = newWorkspaceStack();
    const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    SolutionPackage.fromContentHubTemplate(stack, 'Vpn', {
      workspace, template, parameters: { 'retentionNote': 'none', 'workspace-location': 'northeurope' }, deploymentName: 'contoso-vpn',
    });
    const deployment = onlyResource(synth(stack), 'azurerm_resource_group_template_deployment');
    expect(deployment.name).toBe('contoso-vpn');
    expect(JSON.parse(deployment.parameters_content as string)['workspace-location']).toEqual({ value: 'northeurope' });
  });

  test('fails on a required parameter without a value and on a parameter the template does not declare, at once', () => {
    const { stack, workspace } = newWorkspaceStack();
    expect(() => SolutionPackage.fromContentHubTemplate(stack, 'Vpn', { workspace, template: TEMPLATE_FILE, parameters: { retention: 'x' } }))
      .toThrow('[test/Vpn] template: parameters.retention: the template declares no such parameter (it declares location, workspace-location, workspace, '
        + 'retentionNote); parameters.retentionNote: the template requires it and has no default; give a value');
  });

  test('fails on a file that is not an ARM template', () => {
    const { stack, workspace } = newWorkspaceStack();
    expect(() => SolutionPackage.fromContentHubTemplate(stack, 'Vpn', { workspace, template: { resources: {} } }))
      .toThrow('[test/Vpn] template: is not an ARM deployment template (expected "$schema": ".../deploymentTemplate.json#" and a "resources" array)');
    expect(() => SolutionPackage.fromContentHubTemplate(stack, 'Missing', { workspace, template: path.join(__dirname, 'fixtures', 'nope.json') }))
      .toThrow(/^\[test\/Missing\] template: cannot read .*nope\.json/);
  });
});
