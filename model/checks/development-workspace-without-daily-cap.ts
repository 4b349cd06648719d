import { PolicyInput, PolicyResource, PolicyViolation, resourcesOfType, violationAt } from './policy-input';
import { isTerraformExpression, literalNumber, literalString } from './terraform-values';

/** Tag keys that name a workspace's environment, compared case-insensitively. */
export const ENVIRONMENT_TAG_KEYS: readonly string[] = ['environment', 'env'];

/** Environment names that mean development or test, compared case-insensitively. */
export const DEVELOPMENT_ENVIRONMENTS: readonly string[] = ['dev', 'development', 'test', 'testing', 'sandbox'];

/**
 * No daily cap on a development workspace: a workspace without `daily_quota_gb` (or with -1, no cap) that is
 * recognised as development or test, by a tag `environment` (or `env`) of `dev`, `development`, `test`, `testing` or
 * `sandbox`, or by its name holding one of those words between hyphens or underscores (`contoso-dev-sentinel`).
 */
export function checkDevelopmentWorkspaceWithoutDailyCap(input: PolicyInput): PolicyViolation[] {
  return resourcesOfType(input, 'azurerm_log_analytics_workspace').flatMap((workspace) => {
    const quota = workspace.attributes.daily_quota_gb;
    const reason = developmentMarker(workspace);
    if (reason === undefined || isTerraformExpression(quota) || (literalNumber(quota) ?? -1) > 0) {
      return [];
    }
    const found = quota === undefined ? 'daily_quota_gb is not set' : `daily_quota_gb is ${String(quota)} (no cap)`;
    return [violationAt(workspace, `${found} on a development workspace (${reason}): a chatty source or a loop can ingest `
      + 'without limit; expected a daily_quota_gb (dailyQuotaGb) sized for tests, e.g. 5')];
  });
}

/** Why a workspace counts as development or test, or undefined when it does not. */
export function developmentMarker(workspace: PolicyResource): string | undefined {
  const tags = workspace.attributes.tags;
  if (typeof tags === 'object' && tags !== null) {
    for (const [key, value] of Object.entries(tags)) {
      const text = literalString(value);
      if (ENVIRONMENT_TAG_KEYS.includes(key.toLowerCase()) && text !== undefined && DEVELOPMENT_ENVIRONMENTS.includes(text.toLowerCase())) {
        return `tag ${key}: ${text}`;
      }
    }
  }
  const name = literalString(workspace.attributes.name);
  const word = name?.toLowerCase().split(/[-_]/).find((part) => DEVELOPMENT_ENVIRONMENTS.includes(part));
  return word === undefined ? undefined : `its name "${name}" says ${word}`;
}
