import { Annotations, Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { parsePolicyErrorMode, POLICY_ERRORS_ENVIRONMENT_VARIABLE, PolicyErrorMode, PolicyErrorModeSetting } from '../../model/checks/policy-error-mode';
import { PolicyFinding, PolicyReport } from '../../model/checks/policy-finding';
import { PolicyViolation } from '../../model/checks/policy-input';
import { setStackMetadata } from '../private/stack-metadata';
import { throwIfInvalid } from '../private/validation';
import { collectPolicyInput } from './collect-policy-input';
import { checkSuppressionReason, checkSuppressionRuleId, PolicySuppression, suppressionInCode } from './policy-suppression';
import { PolicyRule, SENTINEL_POLICY_RULES } from './sentinel-policy-rules';

export { PolicyErrorMode, POLICY_ERRORS_ENVIRONMENT_VARIABLE } from '../../model/checks/policy-error-mode';

/** Properties of {@link applySentinelPolicy}. */
export interface SentinelPolicyProps {
  /**
   * Rules turned off, each with its reason (and optionally a construct path prefix), e.g. from the config file.
   *
   * @default - no suppressions
   */
  readonly suppressions?: PolicySuppression[];

  /**
   * What an unsuppressed error does at synth: fail it, or only be recorded (and annotated as a warning) for a tool that
   * reports the findings itself.
   *
   * @default - what the environment variable `SENTINEL_CDK_POLICY_ERRORS` says at synth (`record` or `fail`), and
   * `PolicyErrorMode.FAIL` when it is unset
   */
  readonly errorMode?: PolicyErrorMode;
}

/**
 * Checks `stack` against the Sentinel policy when it synthesizes, in the spirit of cdk-nag:
 *
 * ```ts
 * applySentinelPolicy(stack, {
 *   suppressions: [{ ruleId: 'Sentinel-DCR2', path: 'Sentinel/LinuxAuth', reason: 'The Syslog solution reads every column' }],
 * });
 * ```
 *
 * Each finding is recorded under `//.sentinel.policy.findings`, suppressed ones with their reason. An unsuppressed
 * error fails synth, listing each as `<construct path>: [<rule id>] <message>` (a stack validation, so
 * `app.synth()`, `cdktf synth` and `Testing.synth(stack, true)` all fail, and an error annotation, so that
 * `skipValidation` does not let it through); an unsuppressed warning becomes a cdktf warning annotation. Calling it
 * again on the same stack adds the suppressions to the policy already applied (and sets its `errorMode`, when given).
 *
 * With `errorMode: PolicyErrorMode.RECORD`, or the environment variable `SENTINEL_CDK_POLICY_ERRORS=record` when no
 * `errorMode` is given (read at synth, so that it reaches a `cdktf.json` app run in another process, in the spirit of
 * cdktf's `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`), unsuppressed errors do not fail synth: they are still recorded
 * under `//.sentinel.policy.findings` and annotated, as warnings that say they are recorded errors. `sentinel-cdk review`
 * synthesizes each revision so, to list the errors as blocking in its report. Any other value of the variable than
 * `record`, `fail` or empty fails synth, naming the variable. Problems of the suppressions themselves (a path that names
 * no construct) fail synth in either mode.
 */
export function applySentinelPolicy(stack: TerraformStack, props: SentinelPolicyProps = {}): void {
  const suppressions = props.suppressions ?? [];
  suppressions.forEach((suppression, index) => {
    throwIfInvalid(stack, `suppressions[${index}].ruleId`, checkSuppressionRuleId(suppression.ruleId));
    throwIfInvalid(stack, `suppressions[${index}].reason`, checkSuppressionReason(suppression.reason, suppression.ruleId));
    throwIfInvalid(stack, `suppressions[${index}].path`, suppression.path !== undefined && suppression.path.trim() === ''
      ? 'is empty; leave it out to cover the whole stack, or give a construct path such as "Forwarder"' : undefined);
  });
  const policy = SentinelPolicyAspect.of(stack);
  policy.addSuppressions(suppressions);
  if (props.errorMode !== undefined) {
    policy.errorMode = props.errorMode;
  }
}

/** The findings of the policy applied to `stack` at its last synth; undefined when no policy is applied. */
export function policyReportOf(stack: TerraformStack): PolicyReport | undefined {
  return SentinelPolicyAspect.existing(stack)?.report();
}

/** A suppression from the config, with where it came from in the props (for error messages). */
interface ConfiguredSuppression extends PolicySuppression {
  readonly field: string;
}

/** What one evaluation of the policy produced. */
interface Evaluation {
  readonly findings: PolicyFinding[];
  /** Problems of the configured suppressions themselves (a path that names nothing). */
  readonly problems: string[];
}

/**
 * The Aspect: cdktf visits the stack before anything in it, at which point every construct exists; the policy then
 * reads the whole stack at once, because its rules relate resources to one another (a forwarder and the network
 * security groups of its network interfaces, two rules associated with one machine).
 */
class SentinelPolicyAspect implements IAspect {
  private static readonly byStack = new WeakMap<TerraformStack, SentinelPolicyAspect>();

  /** The policy of a stack, applying it the first time. */
  public static of(stack: TerraformStack): SentinelPolicyAspect {
    const existing = SentinelPolicyAspect.existing(stack);
    if (existing !== undefined) {
      return existing;
    }
    const created = new SentinelPolicyAspect(stack);
    SentinelPolicyAspect.byStack.set(stack, created);
    Aspects.of(stack).add(created);
    stack.node.addValidation({ validate: () => created.validationErrors() });
    setStackMetadata(stack, 'policy', (): PolicyReport => created.report());
    return created;
  }

  /** The policy of a stack, if one is applied. */
  public static existing(stack: TerraformStack): SentinelPolicyAspect | undefined {
    return SentinelPolicyAspect.byStack.get(stack);
  }

  /** The mode given in code; when undefined, the environment variable decides at synth. */
  public errorMode?: PolicyErrorMode;
  private readonly suppressions: ConfiguredSuppression[] = [];
  private evaluation?: Evaluation;
  /** Annotations already added, so that synthesizing twice does not repeat them. */
  private readonly annotated = new Set<string>();

  private constructor(private readonly stack: TerraformStack) {}

  public addSuppressions(suppressions: readonly PolicySuppression[]): void {
    const offset = this.suppressions.length;
    suppressions.forEach((suppression, index) => this.suppressions.push({
      ruleId: suppression.ruleId,
      reason: suppression.reason.trim(),
      path: suppression.path?.trim(),
      field: `suppressions[${offset + index}]`,
    }));
  }

  public visit(node: IConstruct): void {
    if (node === this.stack) {
      const constructs = this.constructsByPath();
      this.evaluation = this.evaluate(constructs);
      this.annotate(this.evaluation, constructs);
    }
  }

  /** The findings, sorted by construct path, rule id and message. */
  public report(): PolicyReport {
    return { findings: this.current().findings };
  }

  private current(): Evaluation {
    if (this.evaluation === undefined) {
      this.evaluation = this.evaluate(this.constructsByPath());
    }
    return this.evaluation;
  }

  /** The mode given in code, else the one of the environment variable (with its problem, if its value names none). */
  private errorModeSetting(): PolicyErrorModeSetting {
    return this.errorMode !== undefined ? { mode: this.errorMode } : parsePolicyErrorMode(process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE]);
  }

  /**
   * The stack validation's errors: a value of the environment variable that names no mode, bad suppression paths, then
   * unsuppressed error findings unless they are only recorded.
   */
  private validationErrors(): string[] {
    const evaluation = this.current();
    const setting = this.errorModeSetting();
    const failures = setting.mode === PolicyErrorMode.RECORD ? [] : evaluation.findings.filter(isFailure);
    return [
      ...(setting.problem === undefined ? [] : [setting.problem]),
      ...evaluation.problems,
      ...failures.map((finding) => `${finding.constructPath}: [${finding.ruleId}] ${finding.message}`),
    ];
  }

  private constructsByPath(): ReadonlyMap<string, IConstruct> {
    return new Map(this.stack.node.findAll().map((construct) => [construct.node.path, construct]));
  }

  private evaluate(constructs: ReadonlyMap<string, IConstruct>): Evaluation {
    const input = collectPolicyInput(this.stack);
    const findings = SENTINEL_POLICY_RULES.flatMap((rule) => rule.check(input)
      .map((violation) => this.findingOf(rule, violation, constructs.get(violation.constructPath))));
    findings.sort(compareFindings);
    return { findings, problems: this.suppressionProblems(constructs) };
  }

  private findingOf(rule: PolicyRule, violation: PolicyViolation, construct: IConstruct | undefined): PolicyFinding {
    const reason = (construct === undefined ? undefined : suppressionInCode(construct, rule.ruleId))
      ?? this.suppressions.find((suppression) => suppression.ruleId === rule.ruleId
        && this.covers(suppression, violation.constructPath))?.reason;
    return {
      ruleId: rule.ruleId,
      severity: rule.severity,
      title: rule.title,
      message: `${violation.message}. ${rule.reason}`,
      constructPath: violation.constructPath,
      ...(violation.resourceAddress === undefined ? {} : { resourceAddress: violation.resourceAddress }),
      ...(reason === undefined ? {} : { suppression: { reason } }),
    };
  }

  /** True when the suppression's path (relative to the stack, or starting with the stack's name) covers `constructPath`. */
  private covers(suppression: PolicySuppression, constructPath: string): boolean {
    const prefix = this.absolutePath(suppression.path);
    return constructPath === prefix || constructPath.startsWith(`${prefix}/`);
  }

  private absolutePath(path: string | undefined): string {
    const stackPath = this.stack.node.path;
    const trimmed = (path ?? '').replace(/^\/+|\/+$/g, '');
    if (trimmed === '' || trimmed === stackPath) {
      return stackPath;
    }
    return trimmed.startsWith(`${stackPath}/`) ? trimmed : `${stackPath}/${trimmed}`;
  }

  /** A configured path that names no construct is a typo that would silently suppress nothing. */
  private suppressionProblems(constructs: ReadonlyMap<string, IConstruct>): string[] {
    return this.suppressions.filter((suppression) => suppression.path !== undefined && !constructs.has(this.absolutePath(suppression.path)))
      .map((suppression) => `${suppression.field}.path: "${suppression.path}" names no construct in stack ${this.stack.node.path}; `
        + `expected a construct path inside the stack, starting with one of ${topLevelIds(this.stack)}`);
  }

  /**
   * Error findings and suppression problems as error annotations, warnings as warning annotations, each once; error
   * findings that are only recorded as warnings that say so (an error annotation would fail synth).
   */
  private annotate(evaluation: Evaluation, constructs: ReadonlyMap<string, IConstruct>): void {
    for (const problem of evaluation.problems) {
      this.annotateOnce(this.stack, 'error', problem);
    }
    const recording = this.errorModeSetting().mode === PolicyErrorMode.RECORD;
    for (const finding of evaluation.findings.filter((candidate) => candidate.suppression === undefined)) {
      const target = constructs.get(finding.constructPath) ?? this.stack;
      if (recording && finding.severity === 'error') {
        this.annotateOnce(target, 'warning', `[${finding.ruleId}] ${RECORDED_ERROR_LABEL}: ${finding.message}`);
      } else {
        this.annotateOnce(target, finding.severity, `[${finding.ruleId}] ${finding.message}`);
      }
    }
  }

  private annotateOnce(target: IConstruct, severity: 'error' | 'warning', message: string): void {
    const key = `${target.node.path}\u0000${severity}\u0000${message}`;
    if (this.annotated.has(key)) {
      return;
    }
    this.annotated.add(key);
    if (severity === 'error') {
      Annotations.of(target).addError(message);
    } else {
      Annotations.of(target).addWarning(message);
    }
  }
}

/** How the warning annotation of an error finding that is only recorded starts, after the rule id. */
const RECORDED_ERROR_LABEL = 'error, recorded without failing synth';

function isFailure(finding: PolicyFinding): boolean {
  return finding.severity === 'error' && finding.suppression === undefined;
}

function compareFindings(first: PolicyFinding, second: PolicyFinding): number {
  return compareText(first.constructPath, second.constructPath) || compareText(first.ruleId, second.ruleId)
    || compareText(first.message, second.message);
}

/** Code-point order, the same on every machine and locale. */
function compareText(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}

/** The ids of the stack's own children, as a reader would start a path with them. */
function topLevelIds(stack: TerraformStack): string {
  return stack.node.children.map((child) => child.node.id).sort(compareText).join(', ');
}
