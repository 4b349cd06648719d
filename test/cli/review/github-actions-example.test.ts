import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REVIEW_USAGE } from '../../../cli/review';

interface WorkflowStep { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; id?: string }

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

  test('reviews against the base branch with options the command has, then posts one comment, then fails on exit code 2', () => {
    const reviewIndex = STEPS.findIndex((step) => step.run?.includes('npx sentinel-cdk review'));
    const command = /npx sentinel-cdk review (.*)/.exec(STEPS[reviewIndex].run as string)?.[1] as string;
    expect(command).toBe('--base "origin/${{ github.base_ref }}" --output review.md');
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
});
