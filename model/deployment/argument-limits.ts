import { templateSequences, unescapeTemplateText } from '../terraform/template-text';
import { locationProblem } from '../azure-locations';
import { GraphResource, TerraformGraph } from './terraform-graph';

/** An argument of a synthesized resource that Azure refuses when the resource is created. */
export interface ArgumentLimitFinding {
  /** The construct path of the resource (its address when the document records no path). */
  readonly constructPath: string;
  readonly resourceAddress: string;
  /** The argument, as the construct's property is named: `tags`. */
  readonly field: string;
  /** An error fails synth; a warning is only said (a location newer than the toolkit's list). */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * Azure Resource Manager's tag limits: 50 name/value pairs a resource, names of at most 512 characters (128 for storage
 * accounts) without `<`, `>`, `%`, `&`, `\`, `?` or `/`, values of at most 256 characters.
 */
export const TAG_LIMITS = {
  maxTags: 50, maxNameLength: 512, maxStorageAccountNameLength: 128, maxValueLength: 256, forbiddenNameCharacters: /[<>%&\\?/]/,
  source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations',
} as const;

/**
 * The tags and the location of every resource of a synthesized stack, held against Azure's limits and regions
 * (Terraform's escapes undone, as Azure receives them; values Terraform computes are left to Azure). Pure: reads the document.
 */
export function argumentLimitFindings(document: unknown): ArgumentLimitFinding[] {
  const resources = TerraformGraph.of(document).resources;
  // A wrong location is written once and inherited by every resource: said once, at a workspace when one has it.
  const byWorkspaceFirst = [...resources].sort((first, second) => Number(second.type === WORKSPACE_TYPE) - Number(first.type === WORKSPACE_TYPE));
  const saidLocations = new Set<string>();
  const locations = byWorkspaceFirst.flatMap(locationFindings).filter((finding) => {
    const said = saidLocations.has(finding.message);
    saidLocations.add(finding.message);
    return !said;
  });
  return [...resources.flatMap(tagFindings), ...locations];
}

const WORKSPACE_TYPE = 'azurerm_log_analytics_workspace';

function locationFindings(resource: GraphResource): ArgumentLimitFinding[] {
  const location = resource.arguments.location;
  if (typeof location !== 'string' || templateSequences(location).length > 0) {
    return [];
  }
  const problem = locationProblem(unescapeTemplateText(location));
  return problem === undefined ? [] : [{
    constructPath: resource.constructPath ?? resource.address, resourceAddress: resource.address, field: 'location', ...problem,
  }];
}

function tagFindings(resource: GraphResource): ArgumentLimitFinding[] {
  const tags = resource.arguments.tags;
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) {
    return [];
  }
  const finding = (message: string): ArgumentLimitFinding => ({
    constructPath: resource.constructPath ?? resource.address, resourceAddress: resource.address, field: 'tags', severity: 'error',
    message: `${message} (${TAG_LIMITS.source})`,
  });
  const entries = Object.entries(tags as Record<string, unknown>);
  const findings: ArgumentLimitFinding[] = [];
  if (entries.length > TAG_LIMITS.maxTags) {
    findings.push(finding(`${entries.length} tags; Azure allows at most ${TAG_LIMITS.maxTags} on a resource`));
  }
  const maxNameLength = resource.type === 'azurerm_storage_account' ? TAG_LIMITS.maxStorageAccountNameLength : TAG_LIMITS.maxNameLength;
  for (const [written, value] of entries) {
    const name = unescapeTemplateText(written);
    const shown = name.length > 40 ? `${JSON.stringify(name.slice(0, 40))}...` : JSON.stringify(name);
    if (name.length > maxNameLength) {
      findings.push(finding(`the tag name ${shown} has ${name.length} characters; Azure allows at most ${maxNameLength}`));
    } else if (name === '') {
      findings.push(finding('a tag name is empty'));
    } else if (TAG_LIMITS.forbiddenNameCharacters.test(name)) {
      findings.push(finding(`the tag name ${shown} holds one of < > % & \\ ? /, which Azure refuses in tag names`));
    }
    if (typeof value === 'string' && templateSequences(value).length === 0 && unescapeTemplateText(value).length > TAG_LIMITS.maxValueLength) {
      findings.push(finding(`the value of the tag ${shown} has ${unescapeTemplateText(value).length} characters; Azure allows at most `
        + `${TAG_LIMITS.maxValueLength}`));
    }
  }
  return findings;
}
