import { readFileSync } from 'node:fs';
import { ReviewError } from './review-error';

/** What Terraform plans for one resource instance, from `resource_changes[].change.actions`. */
export type PlannedAction = 'create' | 'update' | 'delete' | 'replace' | 'no-op' | 'read';

/** A planned change of a resource that loses data or Sentinel itself: flagged loudly, and blocking. */
export interface FlaggedChange {
  readonly address: string;
  readonly type: string;
  readonly action: 'delete' | 'replace';
  /** Terraform's reason (`action_reason`), e.g. `replace_because_cannot_update`. */
  readonly reason?: string;
  /** Attribute paths that force the replacement (`change.replace_paths`), joined with dots. */
  readonly replacePaths: string[];
  /** What the change does to the data, for the reviewer. */
  readonly consequence: string;
}

/** The plan of one stack, counted. */
export interface PlanSummary {
  /** The file the plan was read from, as given. */
  readonly file: string;
  readonly counts: Readonly<Record<PlannedAction, number>>;
  /** Every create, update, delete and replace, by address. */
  readonly changes: ReadonlyArray<{ readonly address: string; readonly action: PlannedAction }>;
  readonly flagged: readonly FlaggedChange[];
}

/** Resource types whose deletion or replacement loses data or Sentinel, with what it does. */
const DATA_LOSS: Readonly<Record<string, string>> = {
  azurerm_log_analytics_workspace: 'the workspace is deleted with every table and row in it',
  azurerm_log_analytics_workspace_table_custom_log: 'the custom table is deleted with every row in it',
  azurerm_log_analytics_workspace_table: 'the table\'s plan and retention return to the workspace defaults',
  azurerm_sentinel_log_analytics_workspace_onboarding: 'Microsoft Sentinel is offboarded from the workspace',
};

/**
 * The action of a change, from its `actions` list as Terraform's JSON output format documents it: `["create"]`,
 * `["update"]`, `["delete"]`, `["delete","create"]` or `["create","delete"]` (replace), `["no-op"]`, `["read"]`.
 */
function actionOf(actions: unknown): PlannedAction | undefined {
  if (!Array.isArray(actions)) {
    return undefined;
  }
  const joined = actions.join(',');
  if (joined === 'delete,create' || joined === 'create,delete') {
    return 'replace';
  }
  return ['create', 'update', 'delete', 'no-op', 'read'].includes(joined) ? joined as PlannedAction : undefined;
}

interface ResourceChangeJson {
  address?: unknown;
  type?: unknown;
  action_reason?: unknown;
  change?: { actions?: unknown; replace_paths?: unknown };
}

/** Summarizes the JSON of `terraform show -json <plan>`; errors name the file and the field. */
export function summarizePlan(file: string, plan: unknown): PlanSummary {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    throw new ReviewError(`${file}: expected the JSON object of \`terraform show -json <plan file>\``);
  }
  const document = plan as { format_version?: unknown; resource_changes?: unknown };
  if (typeof document.format_version !== 'string' || !document.format_version.startsWith('1.')) {
    throw new ReviewError(`${file}: format_version: expected "1.x" (Terraform's JSON output format 1), received ${JSON.stringify(document.format_version)}`);
  }
  const resourceChanges = document.resource_changes ?? [];
  if (!Array.isArray(resourceChanges)) {
    throw new ReviewError(`${file}: resource_changes: expected an array`);
  }
  const counts: Record<PlannedAction, number> = { create: 0, update: 0, delete: 0, replace: 0, 'no-op': 0, read: 0 };
  const changes: Array<{ address: string; action: PlannedAction }> = [];
  const flagged: FlaggedChange[] = [];
  (resourceChanges as ResourceChangeJson[]).forEach((entry, index) => {
    const action = actionOf(entry?.change?.actions);
    if (typeof entry?.address !== 'string' || typeof entry.type !== 'string' || action === undefined) {
      throw new ReviewError(`${file}: resource_changes[${index}]: expected "address", "type" and "change.actions" as one of ["create"], `
        + `["update"], ["delete"], ["delete","create"], ["create","delete"], ["no-op"], ["read"]; received ${JSON.stringify(entry?.change?.actions)}`);
    }
    counts[action] += 1;
    if (action !== 'no-op' && action !== 'read') {
      changes.push({ address: entry.address, action });
    }
    const consequence = DATA_LOSS[entry.type];
    if ((action === 'delete' || action === 'replace') && consequence !== undefined) {
      flagged.push({
        address: entry.address, type: entry.type, action, consequence,
        ...(typeof entry.action_reason === 'string' ? { reason: entry.action_reason } : {}),
        replacePaths: Array.isArray(entry.change?.replace_paths)
          ? (entry.change.replace_paths as unknown[][]).map((path) => (Array.isArray(path) ? path.join('.') : String(path))) : [],
      });
    }
  });
  return { file, counts, changes, flagged };
}

/** Reads and summarizes a plan file; `file` is how errors and the report name it, `location` where it is. */
export function readPlanSummary(file: string, location = file): PlanSummary {
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch (error) {
    throw new ReviewError(`${file}: cannot read the plan: ${(error as Error).message}`);
  }
  try {
    return summarizePlan(file, JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new ReviewError(`${file}: not JSON (${error.message}); write it with \`terraform show -json <plan file> > ${file}\``);
    }
    throw error;
  }
}
