import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CommandIo, UsageError } from './command-io';
import { readPlanSummary } from './review/plan-summary';
import { renderReview } from './review/render-review';
import { ReviewError } from './review/review-error';
import { Review, reviewFailedRevisions, reviewRevisions } from './review/review-revisions';
import { RevisionFailure, RevisionSynthesisError } from './review/revision-failure';
import {
  isSynthesizableProject, resolveBaseRevision, RevisionOptions, SynthesizedRevision, synthesizedDirectory, synthesizeWorkingTree,
} from './review/synthesize-revision';

export const REVIEW_USAGE = `Usage: sentinel-cdk review --base DIR_OR_GIT_REF [--head DIR] [--plan PLAN.json]... [--config FILE] [--output FILE]

Compares two syntheses of the app and writes Markdown for a pull-request comment: per stack, what is added, changed
and removed (connectors, rules and transforms, tables, forwarders, content, workspace) and what it means, the policy
findings, and a Mermaid diagram of the ingestion topology with the changed parts colored.

  --base DIR_OR_GIT_REF  a synthesized output (a folder with stacks/<stack>/cdk.tf.json), or a git ref (main,
                         origin/main, a commit): that commit's project is extracted to a temporary folder and
                         synthesized (its YAML config in-process, else the app of its cdktf.json); a commit
                         without the project (the change adds it) reviews every stack as added
  --head DIR             a synthesized output (default: synthesize the working tree the same way; without a config
                         or cdktf.json, cdktf.out)
  --plan PLAN.json       the JSON of \`terraform show -json <plan file>\`: counts creates, updates, deletes and
                         replacements, and flags every deletion or replacement of a workspace or table; repeatable
  --config FILE          the YAML topology config, relative to the project (default: sentinel.yaml)
  --output FILE          write the Markdown to FILE instead of standard output

Exit code:
  0  the report is written and nothing blocks
  2  the report is written and the change is blocked: a revision does not synthesize (its YAML config is invalid, a
     construct refuses a value, the app of its cdktf.json fails; the report names the revision and lists every
     problem), an unsuppressed policy error in head, or a planned deletion or replacement of a workspace or table.
     Policy errors do not stop a synthesis here (SENTINEL_CDK_POLICY_ERRORS=record, set for the synthesis only):
     the report lists each at the top
  1  no report: the review itself cannot run (--base names neither a folder nor a commit, a folder is not a
     synthesized output, the working tree holds neither the config nor cdktf.json, a plan cannot be read, git fails);
     the error is on standard error
A command line that cannot be parsed (no --base, an unknown option) prints this usage and exits 2, without a report.`;

/** Options of {@link runReview}. */
export interface ReviewOptions extends RevisionOptions {
  readonly base: string;
  readonly head?: string;
  readonly plans?: readonly string[];
}

/** The head revision: the folder given, else the working tree synthesized, else its `cdktf.out`. */
function resolveHeadRevision(options: ReviewOptions): SynthesizedRevision {
  if (options.head !== undefined) {
    return synthesizedDirectory(path.resolve(options.projectDirectory, options.head), options.head);
  }
  return isSynthesizableProject(options) ? synthesizeWorkingTree(options)
    : synthesizedDirectory(path.join(options.projectDirectory, 'cdktf.out'), 'cdktf.out');
}

/** A revision synthesized (or read), or why it does not synthesize; a failure of the review itself is thrown. */
function attempt(synthesize: () => SynthesizedRevision): SynthesizedRevision | RevisionFailure {
  try {
    return synthesize();
  } catch (error) {
    if (error instanceof RevisionSynthesisError) {
      return error.failure;
    }
    throw error;
  }
}

function isFailure(revision: SynthesizedRevision | RevisionFailure): revision is RevisionFailure {
  return 'side' in revision;
}

/**
 * Synthesizes (or reads) base and head, reviews them, and removes the temporary folders it made. A revision that does
 * not synthesize (its config invalid, its app failing) gives a review of the failure, which blocks; both revisions are
 * tried so that the review names every failure. Policy errors are recorded while synthesizing, so that the review lists
 * them instead of failing. Throws a {@link ReviewError} when the review itself cannot be made (a ref that names no
 * commit, a folder that is not a synthesized output, a plan that cannot be read).
 */
export function runReview(options: ReviewOptions): Review {
  const plans = (options.plans ?? []).map((file) => readPlanSummary(file, path.resolve(options.projectDirectory, file)));
  const base = attempt(() => resolveBaseRevision(options.base, options));
  try {
    const head = attempt(() => resolveHeadRevision(options));
    try {
      if (isFailure(base) || isFailure(head)) {
        return reviewFailedRevisions({
          baseDescription: base.description, headDescription: head.description, plans,
          failures: [base, head].filter(isFailure), ...(isFailure(head) ? {} : { headOutDir: head.outDir }),
        });
      }
      return reviewRevisions({
        baseOutDir: base.outDir, headOutDir: head.outDir, baseDescription: base.description, headDescription: head.description, plans,
      });
    } finally {
      if (!isFailure(head)) {
        head.dispose();
      }
    }
  } finally {
    if (!isFailure(base)) {
      base.dispose();
    }
  }
}

/** What the review covers, for the line printed after writing it: its stacks, or the revisions that do not synthesize. */
function reviewedWhat(review: Review): string {
  if (review.failures.length > 0) {
    return `${review.failures.map((failure) => failure.side).join(' and ')} ${review.failures.length === 1 ? 'does' : 'do'} not synthesize`;
  }
  return `${review.stacks.length} stack${review.stacks.length === 1 ? '' : 's'}`;
}

/** `sentinel-cdk review`: returns the exit code. */
export function runReviewCommand(argv: string[], io: CommandIo, projectDirectory = process.cwd()): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      plan: { type: 'string', multiple: true },
      config: { type: 'string', default: 'sentinel.yaml' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(REVIEW_USAGE);
    return 0;
  }
  if (values.base === undefined) {
    throw new UsageError('review: --base is required: a synthesized output folder or a git ref (e.g. --base origin/main)');
  }
  let review: Review;
  try {
    review = runReview({
      base: values.base, projectDirectory, configFile: values.config as string,
      ...(values.head === undefined ? {} : { head: values.head }), plans: values.plan ?? [],
    });
  } catch (error) {
    if (error instanceof ReviewError) {
      io.stderr(`sentinel-cdk review: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const markdown = renderReview(review);
  if (values.output === undefined) {
    io.stdout(markdown.replace(/\n$/, ''));
  } else {
    writeFileSync(path.resolve(projectDirectory, values.output), markdown);
    io.stdout(`Review written to ${values.output}: ${reviewedWhat(review)}, `
      + `${review.blocking.length === 0 ? 'nothing blocks' : `${review.blocking.length} blocking issue${review.blocking.length === 1 ? '' : 's'}`}`);
  }
  review.blocking.forEach((line) => io.stderr(`blocking: ${line}`));
  // The log of a CI job shows what a failing revision reports, as the comment does.
  review.failures.forEach((failure) => failure.problems.forEach((problem) => io.stderr(`  ${failure.side}: ${problem}`)));
  return review.blocking.length > 0 ? 2 : 0;
}
