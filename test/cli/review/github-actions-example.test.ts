import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REVIEW_USAGE } from '../../../cli/review';

interface WorkflowStep { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; id?: string; env?: Record<string, string> }

const WORKFLOW = parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'github-actions.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: { review: { steps: WorkflowStep[] } };
};
const STEPS = WORKFLOW.jobs.review.steps;

/**
 * The example workflow cannot run here; this checks that its steps are the ones the review's tests run: a full
 * checkout (the base ref is synthesized from git history), Node 20, `npm ci`, the review with the tested options, one
 * comment, and a failure on exit code 2 after posting.
 */
describe('examples/github-actions.yml', () => {
  test('runs on pull requests with a full checkout, Node 20 and npm ci, and may write the comment', () => {
    expect(Object.keys(WORKFLOW.on)).toEqual(['pull_request']);
    expect(WORKFLOW.permissions['pull-requests']).toBe('write');
    expect(STEPS.find((step) => step.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(STEPS.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ 'node-version': 20 });
    expect(STEPS.some((step) => step.run === 'npm ci')).toBe(true);
  });

  test('pastes no GitHub context value into a script: each reaches run: through env: and is quoted there', () => {
    for (const step of STEPS.filter((candidate) => candidate.run !== undefined || candidate.with?.script !== undefined)) {
      expect(`${step.run ?? ''}${String(step.with?.script ?? '')}`).not.toContain('${{');
    }
  });

  test('reviews against the base branch with options the command has, then posts one comment, then fails on exit code 2', () => {
    const reviewIndex = STEPS.findIndex((step) => step.run?.includes('npx --no-install sentinel-cdk review'));
    const command = /npx --no-install sentinel-cdk review (.*)/.exec(STEPS[reviewIndex].run as string)?.[1] as string;
    expect(command).toBe('--base "origin/$BASE_REF" --output review.md');
    expect(STEPS[reviewIndex].env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    for (const option of command.match(/--[a-z]+/g) ?? []) {
      expect(REVIEW_USAGE).toContain(`${option} `);
    }
    const postIndex = STEPS.findIndex((step) => step.uses?.startsWith('actions/github-script@'));
    const failIndex = STEPS.findIndex((step) => step.if?.includes("steps.review.outputs.exit-code == '2'"));
    expect(reviewIndex).toBeGreaterThan(0);
    expect(postIndex).toBeGreaterThan(reviewIndex);
    expect(failIndex).toBeGreaterThan(postIndex);
    expect(String(STEPS[postIndex].with?.script)).toContain('updateComment');
  });

  /**
   * Runs the review step's script as GitHub runs it on Linux (`bash -e`), with an `npx` that exits with `code` and
   * writes review.md or not: whether the step fails, and the exit code it gives the later steps.
   */
  function runReviewStep(code: number, writesReport: boolean): { stepStatus: number | null; exitCodeOutput: string; reportKept: boolean } {
    const script = (STEPS.find((step) => step.id === 'review')?.run as string).replace(/\$\{\{ github\.base_ref \}\}/g, 'main');
    const folder = mkdtempSync(path.join(tmpdir(), 'review-step-'));
    try {
      const bin = path.join(folder, 'bin');
      mkdirSync(bin);
      writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\n${writesReport ? 'echo "## Sentinel ingestion review" > review.md\n' : ''}exit ${code}\n`);
      chmodSync(path.join(bin, 'npx'), 0o755);
      // A report of an earlier run must not be posted again.
      writeFileSync(path.join(folder, 'review.md'), 'stale');
      const output = path.join(folder, 'github-output');
      const result = spawnSync('bash', ['-e', '-c', script], {
        cwd: folder, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: output },
      });
      const reportKept = existsSync(path.join(folder, 'review.md')) && readFileSync(path.join(folder, 'review.md'), 'utf8') !== 'stale';
      return { stepStatus: result.status, exitCodeOutput: readFileSync(output, 'utf8'), reportKept };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  test('the review step passes when a report is written (exit code 0 or 2), and fails when none is (1, or a command-line mistake)', () => {
    expect(runReviewStep(0, true)).toEqual({ stepStatus: 0, exitCodeOutput: 'exit-code=0\n', reportKept: true });
    expect(runReviewStep(2, true)).toEqual({ stepStatus: 0, exitCodeOutput: 'exit-code=2\n', reportKept: true });
    expect(runReviewStep(1, false)).toEqual({ stepStatus: 1, exitCodeOutput: 'exit-code=1\n', reportKept: false });
    expect(runReviewStep(2, false)).toEqual({ stepStatus: 1, exitCodeOutput: 'exit-code=2\n', reportKept: false });
  });

  test('posts the comment only when the review step passed and wrote the report', () => {
    const post = STEPS.find((step) => step.uses?.startsWith('actions/github-script@'));
    expect(post?.if).toBe("${{ hashFiles('review.md') != '' }}");
  });
});
