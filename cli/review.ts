import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CommandIo, UsageError } from './command-io';
import { readPlanSummary } from './review/plan-summary';
import { renderReview } from './review/render-review';
import { ReviewError } from './review/review-error';
import { Review, reviewRevisions } from './review/review-revisions';
import {
  isSynthesizableProject, resolveBaseRevision, RevisionOptions, SynthesizedRevision, synthesizedDirectory, synthesizeWorkingTree,
} from './review/synthesize-revision';

export const REVIEW_USAGE = `Usage: sentinel-cdk review --base DIR_OR_GIT_REF [--head DIR] [--plan PLAN.json]... [--config FILE] [--output FILE]

Compares two syntheses of the app and writes Markdown for a pull-request comment: per stack, what is added, changed
and removed (connectors, rules and transforms, tables, forwarders, content, workspace) and what it means, the policy
findings, and a Mermaid diagram of the ingestion topology with the changed parts colored.

  --base DIR_OR_GIT_REF  a synthesized output (a folder with stacks/<stack>/cdk.tf.json), or a git ref (main,
                         origin/main, a commit): that commit's project is extracted to a temporary folder and
                         synthesized (its YAML config in-process, else the app of its cdktf.json)
  --head DIR             a synthesized output (default: synthesize the working tree the same way; without a config
                         or cdktf.json, cdktf.out)
  --plan PLAN.json       the JSON of \`terraform show -json <plan file>\`: counts creates, updates, deletes and
                         replacements, and flags every deletion or replacement of a workspace or table; repeatable
  --config FILE          the YAML topology config, relative to the project (default: sentinel.yaml)
  --output FILE          write the Markdown to FILE instead of standard output

Exit code: 0 when nothing blocks, 2 when the review finds blocking issues (an unsuppressed policy error in head, a
planned deletion or replacement of a workspace or table) or the command line is wrong, 1 when a revision does not
synthesize or a plan cannot be read.`;

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

/** Synthesizes (or reads) base and head, reviews them, and removes the temporary folders it made. */
export function runReview(options: ReviewOptions): Review {
  const plans = (options.plans ?? []).map((file) => readPlanSummary(file, path.resolve(options.projectDirectory, file)));
  const base = resolveBaseRevision(options.base, options);
  try {
    const head = resolveHeadRevision(options);
    try {
      return reviewRevisions({
        baseOutDir: base.outDir, headOutDir: head.outDir, baseDescription: base.description, headDescription: head.description, plans,
      });
    } finally {
      head.dispose();
    }
  } finally {
    base.dispose();
  }
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
    io.stdout(`Review written to ${values.output}: ${review.stacks.length} stack${review.stacks.length === 1 ? '' : 's'}, `
      + `${review.blocking.length === 0 ? 'nothing blocks' : `${review.blocking.length} blocking issue${review.blocking.length === 1 ? '' : 's'}`}`);
  }
  review.blocking.forEach((line) => io.stderr(`blocking: ${line}`));
  return review.blocking.length > 0 ? 2 : 0;
}
