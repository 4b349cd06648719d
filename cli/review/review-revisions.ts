import { readSynthesizedStacks } from '../../emulator/topology/read-synthesized-stacks';
import { PlanSummary } from './plan-summary';
import { blockingPolicyLineOf, isBlockingFinding, policyFindingsOf } from './policy-findings';
import { reviewStack, StackReview } from './review-stack';
import { blockingLineOf, RevisionFailure } from './revision-failure';

/** Two synthesized outputs to compare, and how to name them in the report. */
export interface ReviewInputs {
  /** The synthesized output of the base (`<dir>/stacks/<name>/cdk.tf.json`). */
  readonly baseOutDir: string;
  readonly headOutDir: string;
  /** How the report names the base, e.g. "`main` (3f2c1ab)". Markdown. */
  readonly baseDescription: string;
  readonly headDescription: string;
  /** Summaries of `terraform show -json` plans. */
  readonly plans?: readonly PlanSummary[];
}

/**
 * The whole review: every stack of either revision, the plans, and what blocks the change; or, when a revision does
 * not synthesize, why (the stacks are then not compared).
 */
export interface Review {
  readonly baseDescription: string;
  readonly headDescription: string;
  /** The revisions that do not synthesize, base first; when there is one, `stacks` is empty. */
  readonly failures: readonly RevisionFailure[];
  readonly stacks: readonly StackReview[];
  readonly plans: readonly PlanSummary[];
  /**
   * Every blocking issue, one line each: revisions that do not synthesize, unsuppressed policy errors of head, plan
   * deletions or replacements of data.
   */
  readonly blocking: readonly string[];
}

/** Two revisions of which one or both do not synthesize, how to name them, and the synthesized output of head if any. */
export interface FailedReviewInputs {
  readonly baseDescription: string;
  readonly headDescription: string;
  readonly failures: readonly RevisionFailure[];
  /** The synthesized output of head, when only base failed: its unsuppressed policy errors still block. */
  readonly headOutDir?: string;
  readonly plans?: readonly PlanSummary[];
}

function stacksOf(outDir: string): Map<string, Record<string, unknown>> {
  return new Map(readSynthesizedStacks(outDir).map((stack) => [stack.stackName, stack.terraform]));
}

/** Compares the stacks of two synthesized outputs, by stack name (sorted), and adds the plans. */
export function reviewRevisions(inputs: ReviewInputs): Review {
  const base = stacksOf(inputs.baseOutDir);
  const head = stacksOf(inputs.headOutDir);
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const stacks = names.map((name) => reviewStack(name, base.get(name), head.get(name)));
  const plans = inputs.plans ?? [];
  const blocking = [
    ...stacks.flatMap((stack) => stack.blocking.map((line) => `${stack.stackName}: ${line}`)),
    ...plans.flatMap(planBlockingLines),
  ];
  return { baseDescription: inputs.baseDescription, headDescription: inputs.headDescription, failures: [], stacks, plans, blocking };
}

/**
 * The review of a change whose base or head does not synthesize: each failure blocks, then the unsuppressed policy
 * errors of head when head synthesized, then the plans' deletions and replacements of data; no stack is compared.
 */
export function reviewFailedRevisions(inputs: FailedReviewInputs): Review {
  const plans = inputs.plans ?? [];
  const headErrors = inputs.headOutDir === undefined ? [] : [...stacksOf(inputs.headOutDir)].flatMap(([name, terraform]) =>
    policyFindingsOf(terraform).filter(isBlockingFinding).map((finding) => `${name}: ${blockingPolicyLineOf(finding)}`));
  return {
    baseDescription: inputs.baseDescription, headDescription: inputs.headDescription, failures: inputs.failures, stacks: [], plans,
    blocking: [...inputs.failures.map(blockingLineOf), ...headErrors, ...plans.flatMap(planBlockingLines)],
  };
}

function planBlockingLines(plan: PlanSummary): string[] {
  return plan.flagged.map((change) => `${plan.file}: ${change.action} of ${change.address}: ${change.consequence}`);
}
