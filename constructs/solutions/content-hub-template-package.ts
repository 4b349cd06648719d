import { readFileSync } from 'node:fs';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { Construct } from 'constructs';
import { ConfigurationError, isUnresolved } from '../private/validation';
import { ISentinelWorkspace } from '../sentinel-workspace';
import type { ISolutionPackage } from './solution-package';
import { terraformLiteral } from './terraform-literal';

/** Properties for {@link SolutionPackage.fromContentHubTemplate}. */
export interface ContentHubTemplateProps {
  /** The workspace to install the package in. */
  readonly workspace: ISentinelWorkspace;

  /** The package's ARM template (`Package/mainTemplate.json` of an Azure-Sentinel solution): parsed, or a file path. */
  readonly template: string | Readonly<Record<string, unknown>>;

  /**
   * Values of the template's parameters. `workspace` and `workspace-location` are set from the workspace when the
   * template declares them.
   *
   * @default - none beyond the workspace's
   */
  readonly parameters?: Readonly<Record<string, unknown>>;

  /**
   * Name of the resource group deployment.
   *
   * @default - the workspace name followed by the construct id
   */
  readonly deploymentName?: string;
}

/** The parameters a Content Hub template takes from the workspace it installs into. */
const WORKSPACE_PARAMETERS = (workspace: ISentinelWorkspace): Record<string, string> => ({
  'workspace': workspace.workspaceName,
  'workspace-location': workspace.location,
});

/** Deployment names: at most 64 letters, digits, `-`, `.`, `_`, `(` and `)` (Azure Resource Manager). */
const MAX_DEPLOYMENT_NAME_LENGTH = 64;

/**
 * A Content Hub package installed from its own ARM template, as the Content Hub installs it: one
 * `azurerm_resource_group_template_deployment` (incremental) in the workspace's resource group, after the Sentinel
 * onboarding. For packages a team takes as they are; their content is not checked, and Terraform tracks the
 * deployment, not each resource it creates (destroying the deployment leaves the content in place).
 */
export class ContentHubTemplatePackage extends Construct implements ISolutionPackage {
  public readonly workspace: ISentinelWorkspace;
  public readonly solutionName: string;
  /** The resource types the template deploys, for review. */
  public readonly resourceTypes: readonly string[];
  /** The `azurerm_resource_group_template_deployment`. */
  public readonly deployment: ResourceGroupTemplateDeployment;

  constructor(scope: Construct, id: string, props: ContentHubTemplateProps) {
    super(scope, id);
    this.workspace = props.workspace;
    const template = typeof props.template === 'string' ? this.readTemplate(props.template) : props.template;
    const parameters = this.templateParameters(template, props);
    this.resourceTypes = [...new Set(resourcesOf(template).map((resource) => String(resource.type)))].sort();
    this.solutionName = solutionNameOf(template) ?? id;
    this.deployment = new ResourceGroupTemplateDeployment(this, 'Resource', {
      name: props.deploymentName ?? deploymentName(props.workspace, id),
      resourceGroupName: props.workspace.resourceGroupName,
      deploymentMode: 'Incremental',
      templateContent: terraformLiteral(JSON.stringify(template)),
      parametersContent: JSON.stringify(Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, { value }]))),
      dependsOn: props.workspace.sentinelDependency,
    });
  }

  private readTemplate(file: string): Record<string, unknown> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      throw new ConfigurationError(this, 'template', `cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigurationError(this, 'template', `${file} is not valid JSON: ${(error as Error).message}`);
    }
  }

  /** The workspace's parameters and the stack's; every parameter without a default must have a value, and no other. */
  private templateParameters(template: Readonly<Record<string, unknown>>, props: ContentHubTemplateProps): Record<string, unknown> {
    const errors: string[] = [];
    const schema = typeof template.$schema === 'string' ? template.$schema : '';
    if (!/deploymentTemplate\.json#?$/.test(schema) || !Array.isArray(template.resources)) {
      errors.push('is not an ARM deployment template (expected "$schema": ".../deploymentTemplate.json#" and a "resources" array)');
    }
    const declared = (template.parameters ?? {}) as Record<string, { defaultValue?: unknown }>;
    const given = props.parameters ?? {};
    Object.keys(given).filter((name) => declared[name] === undefined).forEach((name) =>
      errors.push(`parameters.${name}: the template declares no such parameter (it declares ${Object.keys(declared).join(', ') || 'none'})`));
    const fromWorkspace = Object.fromEntries(Object.entries(WORKSPACE_PARAMETERS(props.workspace)).filter(([name]) => declared[name] !== undefined));
    const values = { ...fromWorkspace, ...given };
    Object.entries(declared).filter(([name, parameter]) => parameter.defaultValue === undefined && values[name] === undefined)
      .forEach(([name]) => errors.push(`parameters.${name}: the template requires it and has no default; give a value`));
    if (errors.length > 0) {
      throw new ConfigurationError(this, 'template', errors.join('; '));
    }
    return values;
  }
}

function resourcesOf(template: Readonly<Record<string, unknown>>): Array<Record<string, unknown>> {
  return Array.isArray(template.resources) ? template.resources as Array<Record<string, unknown>> : [];
}

/**
 * A Content Hub package names itself in the variable `_solutionName` (packages built by Azure-Sentinel's V3 tooling) or
 * in its `contentPackages` resource (`properties.displayName`).
 */
function solutionNameOf(template: Readonly<Record<string, unknown>>): string | undefined {
  const variable = (template.variables as { _solutionName?: unknown } | undefined)?._solutionName;
  if (typeof variable === 'string' && !variable.startsWith('[')) {
    return variable;
  }
  const contentPackage = resourcesOf(template).find((resource) => String(resource.type).toLowerCase() === 'microsoft.operationalinsights/workspaces/providers/contentpackages');
  const displayName = (contentPackage?.properties as { displayName?: unknown } | undefined)?.displayName;
  return typeof displayName === 'string' && !displayName.startsWith('[') ? displayName : undefined;
}

function deploymentName(workspace: ISentinelWorkspace, id: string): string {
  const base = isUnresolved(workspace.workspaceName) ? id : `${workspace.workspaceName}-${id}`;
  return base.replace(/[^A-Za-z0-9_.()-]/g, '-').slice(0, MAX_DEPLOYMENT_NAME_LENGTH);
}
