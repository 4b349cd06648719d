import { readSynthesizedStacks } from '../../emulator/topology/read-synthesized-stacks';
import { PlanSummary } from './plan-summary';
import { reviewStack, StackReview } from './review-stack';

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

/** The whole review: every stack of either revision, the plans, and what blocks the change. */
export interface Review {
  readonly baseDescription: string;
  readonly headDescription: string;
  readonly stacks: readonly StackReview[];
  readonly plans: readonly PlanSummary[];
  /** Every blocking issue, one line each: unsuppressed policy errors of head, plan deletions or replacements of data. */
  readonly blocking: readonly string[];
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
    ...plans.flatMap((plan) => plan.flagged.map((change) => `${plan.file}: ${change.action} of ${change.address}: ${change.consequence}`)),
  ];
  return { baseDescription: inputs.baseDescription, headDescription: inputs.headDescription, stacks, plans, blocking };
}
