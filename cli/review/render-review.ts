import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { fencedBlock, inlineCode, tableCell } from './markdown-text';
import { PlannedAction, PlanSummary } from './plan-summary';
import { ReviewedFinding } from './policy-findings';
import { ChangeKind, ReviewChange, ReviewNote } from './review-change';
import { Review } from './review-revisions';
import { StackReview } from './review-stack';
import { RevisionFailure } from './revision-failure';

/** A diff of at most this many lines is shown open; longer ones are collapsed. */
const OPEN_DETAIL_LINES = 15;

const KIND_BADGES: Readonly<Record<ChangeKind, string>> = {
  added: '🟢 **added**', changed: '🟡 **changed**', removed: '🔴 **removed**', moved: '🟡 **moved**',
  replaced: '🟠 **replaced (destroyed and created again)**',
};

const handlebars = Handlebars.create();
let compiled: HandlebarsTemplateDelegate | undefined;

/** The report's template, `review.md.hbs` beside this file (copied next to the compiled code by the build). */
function template(): HandlebarsTemplateDelegate {
  compiled ??= handlebars.compile(readFileSync(path.join(__dirname, 'review.md.hbs'), 'utf8'), { strict: true, noEscape: true });
  return compiled;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** HTML for a `<summary>`: Markdown does not apply there, so inline code becomes `<code>`. */
function summaryHtml(markdown: string): string {
  return markdown.replace(/[&<>]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[character] as string)
    .replace(/(`+) ?(.+?) ?\1/g, (_, _fence: string, text: string) => `<code>${text}</code>`);
}

function noteText(note: ReviewNote): string {
  return `${note.warning === true ? '⚠️ ' : ''}${note.text}`;
}

function changeView(change: ReviewChange) {
  return { headline: `${KIND_BADGES[change.kind]} ${change.subject} <sub>${inlineCode(change.address)}</sub>`, notes: change.notes.map(noteText) };
}

function policyCell(findings: readonly ReviewedFinding[]): string {
  const active = findings.filter((finding) => finding.suppression === undefined);
  const errors = active.filter((finding) => finding.severity === 'error').length;
  const warnings = active.length - errors;
  const suppressed = findings.length - active.length;
  const parts = [errors > 0 ? `❌ ${plural(errors, 'error')}` : undefined, warnings > 0 ? `⚠️ ${plural(warnings, 'warning')}` : undefined,
    suppressed > 0 ? `${suppressed} suppressed` : undefined].filter((part) => part !== undefined);
  return parts.join(', ') || 'none';
}

/** How many notes of the stack carry a warning (⚠️): what a reviewer must look at. */
function warningCell(stack: StackReview): string {
  const count = stack.sections.flatMap((section) => section.changes.flatMap((change) => change.notes)).filter((note) => note.warning === true).length;
  return count === 0 ? '' : `⚠️ ${count}`;
}

function findingRow(finding: ReviewedFinding) {
  return {
    severity: finding.severity === 'error' ? '❌ error' : '⚠️ warning',
    rule: `${inlineCode(finding.ruleId)} ${tableCell(finding.title)}`,
    where: inlineCode(finding.resourceAddress ?? finding.constructPath),
    message: `${tableCell(finding.message)}${finding.introduced ? ' **(new)**' : ''}`,
  };
}

function stackView(stack: StackReview) {
  const details = stack.sections.flatMap((section) => section.changes.flatMap((change) => change.details));
  return {
    name: inlineCode(stack.stackName),
    statusSuffix: stack.status === 'added' ? ' (new stack)' : stack.status === 'removed' ? ' (stack removed)' : '',
    counts: stack.counts,
    warnings: warningCell(stack),
    policy: policyCell(stack.findings),
    blockingCell: stack.blocking.length > 0 ? '**yes**' : 'no',
    sections: stack.sections.map((section) => ({ title: section.title, changes: section.changes.map(changeView) })),
    findings: stack.findings.filter((finding) => finding.suppression === undefined).map(findingRow),
    suppressed: stack.findings.filter((finding) => finding.suppression !== undefined).map((finding) =>
      `${inlineCode(finding.ruleId)} at ${inlineCode(finding.resourceAddress ?? finding.constructPath)}: ${finding.suppression?.reason ?? ''}`),
    diagram: stack.diagram.mermaid === undefined ? '' : fencedBlock('mermaid', stack.diagram.mermaid),
    diagramProblems: stack.diagram.problems,
    details: details.map((detail) => ({
      summary: summaryHtml(detail.title),
      open: detail.text.split('\n').length <= OPEN_DETAIL_LINES,
      block: fencedBlock(detail.language, detail.text),
    })),
  };
}

const ACTION_WORDS: ReadonlyArray<readonly [PlannedAction, string]> = [
  ['create', 'to create'], ['update', 'to update'], ['replace', 'to replace'], ['delete', 'to delete'],
];

function planView(plan: PlanSummary) {
  const counted = ACTION_WORDS.map(([action, words]) => `**${plan.counts[action]}** ${words}`).join(', ');
  return {
    file: inlineCode(plan.file),
    countsLine: `${counted}; ${plan.counts['no-op']} unchanged${plan.counts.read > 0 ? `, ${plan.counts.read} data sources read` : ''}.`,
    flagged: plan.flagged.map((change) => {
      const why = [change.reason === undefined ? undefined : `Terraform: ${inlineCode(change.reason)}`,
        change.replacePaths.length === 0 ? undefined : `forced by ${change.replacePaths.map(inlineCode).join(', ')}`].filter(Boolean);
      return `**${change.action}** ${inlineCode(change.address)}: ${change.consequence}${why.length === 0 ? '' : ` (${why.join('; ')})`}`;
    }),
    changes: plan.changes.map((change) => `${change.action} ${inlineCode(change.address)}`),
  };
}

/** Why a base can fail where it synthesized before: it is synthesized with what head installs. */
const BASE_FAILURE_NOTE = 'The base is synthesized with the packages installed for head: a change of sentinel-cdk, cdktf or the '
  + 'provider in this pull request can make it fail where it synthesized before.';

function failureView(failure: RevisionFailure) {
  return {
    title: `${failure.side === 'base' ? 'Base' : 'Head'} does not synthesize`,
    introduction: `In ${failure.description}, ${failure.summary}:`,
    block: fencedBlock('text', failure.problems.join('\n')),
    note: failure.side === 'base' ? BASE_FAILURE_NOTE : '',
  };
}

/** The review as Markdown for a pull-request comment, from `review.md.hbs`. */
export function renderReview(review: Review): string {
  return template()({
    baseDescription: review.baseDescription,
    headDescription: review.headDescription,
    blocking: review.blocking,
    blockingCount: plural(review.blocking.length, 'issue'),
    failures: review.failures.map(failureView),
    stacks: review.stacks.map(stackView),
    plans: review.plans.map(planView),
  }).replace(/\n{3,}/g, '\n\n');
}
