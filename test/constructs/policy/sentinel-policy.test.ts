import { TerraformStack, Testing } from 'cdktf';
import { addAzurermProvider } from '../../../constructs/azurerm-provider';
import {
  applySentinelPolicy, POLICY_ERRORS_ENVIRONMENT_VARIABLE, PolicyErrorMode, policyReportOf, suppressPolicyRule,
} from '../../../constructs/policy';
import { SentinelWorkspace } from '../../../constructs/sentinel-workspace';
import { newWorkspaceStack, synthError, warningsOf } from '../../support/synth';
import { addForwarder, policyOf, synthesizeApp } from './policy-test-stacks';

/** A stack whose forwarder has a public IP (an error of Sentinel-FWD1) and whose workspace keeps 30 days (a warning). */
function stackWithFindings() {
  const { stack, workspace } = newWorkspaceStack({ retentionInDays: 30 });
  const forwarder = addForwarder(stack, workspace, { publicIpEnabled: true });
  return { stack, workspace, forwarder };
}

describe('applySentinelPolicy', () => {
  test('records every finding under //.sentinel.policy, sorted by construct path and rule id, suppressed ones with their reason', () => {
    const { stack, forwarder } = stackWithFindings();
    applySentinelPolicy(stack);
    suppressPolicyRule(forwarder, 'Sentinel-FWD1', 'Appliances in the shops send over the internet until the VPN is up');
    expect(policyOf(stack)).toEqual({
      findings: [
        {
          ruleId: 'Sentinel-FWD1', severity: 'error', title: 'Log forwarder reachable from the internet', constructPath: 'test/Forwarder',
          resourceAddress: 'azurerm_linux_virtual_machine.Forwarder_E6AEDC44',
          message: expect.stringMatching(/^azurerm_network_interface\.Forwarder_NetworkInterface_\w+ ip_configuration "internal" gives the forwarder/),
          suppression: { reason: 'Appliances in the shops send over the internet until the VPN is up' },
        },
        {
          ruleId: 'Sentinel-WS2', severity: 'warning', title: 'Retention shorter than the 90 days Sentinel includes',
          constructPath: 'test/Sentinel/Resource', resourceAddress: 'azurerm_log_analytics_workspace.Sentinel_64DAE5A3',
          message: 'retention_in_days is 30 days; expected at least the 90 days Sentinel includes at no extra cost. Sentinel includes 90 '
            + 'days of retention at no extra cost; less saves nothing and loses the history investigations and hunting need.',
        },
      ],
    });
    expect(policyReportOf(stack)?.findings.map((finding) => finding.ruleId)).toEqual(['Sentinel-FWD1', 'Sentinel-WS2']);
  });

  test('records an empty list for a stack without findings', () => {
    const { stack } = newWorkspaceStack();
    applySentinelPolicy(stack);
    expect(policyOf(stack)).toEqual({ findings: [] });
  });

  test('fails app.synth() in-process, listing each unsuppressed error as <construct path>: [<rule id>] <message>', () => {
    expect(() => synthesizeApp((app) => {
      const stack = new TerraformStack(app, 'sentinel');
      addAzurermProvider(stack);
      const workspace = new SentinelWorkspace(stack, 'Sentinel', { workspaceName: 'contoso', resourceGroupName: 'rg', location: 'westeurope' });
      addForwarder(stack, workspace, { publicIpEnabled: true, sourceAddressPrefixes: ['*'], allowSyslogFromInternet: true });
      applySentinelPolicy(stack);
    })).toThrow(new RegExp([
      'sentinel/Forwarder: \\[Sentinel-FWD1\\] azurerm_network_interface\\.Forwarder_NetworkInterface_8E132305 ip_configuration "internal" ',
      'sentinel/Forwarder: \\[Sentinel-FWD1\\] security rule "AllowSyslogTcp" ',
      'sentinel/Forwarder: \\[Sentinel-FWD1\\] security rule "AllowSyslogUdp" ',
    ].join('[^\\n]*\\n[^\\n]*')));
  });

  test('fails app.synth() as `cdktf synth` runs it (error annotations left to the CLI): the stack validation still fails', () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    try {
      expect(() => synthesizeApp((app) => {
        const stack = new TerraformStack(app, 'sentinel');
        addAzurermProvider(stack);
        const workspace = new SentinelWorkspace(stack, 'Sentinel', { workspaceName: 'contoso', resourceGroupName: 'rg', location: 'westeurope' });
        addForwarder(stack, workspace, { publicIpEnabled: true });
        applySentinelPolicy(stack);
      })).toThrow('sentinel/Forwarder: [Sentinel-FWD1] azurerm_network_interface');
    } finally {
      delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    }
  });

  test('fails app.synth() with skipValidation too, through the error annotation', () => {
    expect(() => synthesizeApp((app) => {
      const stack = new TerraformStack(app, 'sentinel');
      addAzurermProvider(stack);
      const workspace = new SentinelWorkspace(stack, 'Sentinel', { workspaceName: 'contoso', resourceGroupName: 'rg', location: 'westeurope' });
      addForwarder(stack, workspace, { publicIpEnabled: true });
      applySentinelPolicy(stack);
    }, { skipValidation: true })).toThrow(/\[sentinel\/Forwarder\] \[Sentinel-FWD1\] azurerm_network_interface/);
  });

  test('passes app.synth() once every error is suppressed, and warns about the rest', () => {
    let warnings: string[] = [];
    synthesizeApp((app) => {
      const stack = new TerraformStack(app, 'sentinel');
      addAzurermProvider(stack);
      const workspace = new SentinelWorkspace(stack, 'Sentinel', {
        workspaceName: 'contoso', resourceGroupName: 'rg', location: 'westeurope', retentionInDays: 60,
      });
      addForwarder(stack, workspace, { publicIpEnabled: true });
      applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-FWD1', path: 'Forwarder', reason: 'Shops send over the internet' }] });
      app.node.addValidation({ validate: () => { warnings = warningsOf(stack); return []; } });
    });
    expect(warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[sentinel\/Sentinel\/Resource\] \[Sentinel-WS2\] retention_in_days is 60 days/),
    ]));
    expect(warnings.filter((warning) => warning.includes('[Sentinel-FWD1]'))).toEqual([]);
  });

  test('adds each warning annotation once, however often the stack synthesizes', () => {
    const { stack } = newWorkspaceStack({ retentionInDays: 30 });
    applySentinelPolicy(stack);
    Testing.synth(stack, true);
    Testing.synth(stack, true);
    expect(warningsOf(stack).filter((warning) => warning.includes('[Sentinel-WS2]'))).toHaveLength(1);
  });

  test('synthesizes the same JSON for a suppression in code and the same one in the config', () => {
    const inCode = stackWithFindings();
    applySentinelPolicy(inCode.stack);
    suppressPolicyRule(inCode.forwarder, 'Sentinel-FWD1', 'Shops send over the internet until the VPN is up');
    const inConfig = stackWithFindings();
    applySentinelPolicy(inConfig.stack, { suppressions: [{ ruleId: 'Sentinel-FWD1', path: 'Forwarder', reason: 'Shops send over the internet until the VPN is up' }] });
    expect(JSON.stringify(policyOf(inConfig.stack))).toBe(JSON.stringify(policyOf(inCode.stack)));
  });

  test('matches a path by whole segments, with or without the stack name, and adds the suppressions of a second call', () => {
    const { stack, workspace } = newWorkspaceStack({ retentionInDays: 30 });
    addForwarder(stack, workspace, { publicIpEnabled: true });
    applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-FWD1', path: 'Forwarder/NetworkInterface', reason: 'Covers the interface only' }] });
    applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-WS2', path: 'test/Sentinel', reason: 'A lab workspace rebuilt monthly' }] });
    expect(synthError(stack)).toContain('test/Forwarder: [Sentinel-FWD1]');
    expect(policyReportOf(stack)?.findings.map((finding) => [finding.ruleId, finding.suppression?.reason])).toEqual([
      ['Sentinel-FWD1', undefined], ['Sentinel-WS2', 'A lab workspace rebuilt monthly'],
    ]);
  });

  test('fails on a suppression without a reason, naming the suppression', () => {
    const { stack } = newWorkspaceStack();
    expect(() => applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-FWD1', reason: '' }] })).toThrow(
      '[test] suppressions[0].reason: a suppression of Sentinel-FWD1 needs a reason of at least 10 characters that says why the '
        + 'finding is acceptable here, got ""');
    expect(() => applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-FWD1' } as never] }))
      .toThrow('[test] suppressions[0].reason: a suppression of Sentinel-FWD1 needs a reason of at least 10 characters');
  });

  test('fails on a suppression of an unknown rule, listing the rules', () => {
    const { stack } = newWorkspaceStack();
    expect(() => applySentinelPolicy(stack, { suppressions: [
      { ruleId: 'Sentinel-FWD1', reason: 'Shops send over the internet' }, { ruleId: 'AwsSolutions-EC23', reason: 'Copied from another project' },
    ] })).toThrow('[test] suppressions[1].ruleId: "AwsSolutions-EC23" is not a rule of the Sentinel policy; expected one of Sentinel-FWD1, '
      + 'Sentinel-SSH1, Sentinel-SSH2, Sentinel-WS1, Sentinel-WS2, Sentinel-WS3, Sentinel-DCR1, Sentinel-CON1, Sentinel-DCR2');
  });

  test('fails synth on a suppression path that names no construct in the stack', () => {
    const { stack } = newWorkspaceStack();
    applySentinelPolicy(stack, { suppressions: [{ ruleId: 'Sentinel-FWD1', path: 'Forwardr', reason: 'Shops send over the internet' }] });
    expect(synthError(stack)).toContain('[test] suppressions[0].path: "Forwardr" names no construct in stack test; expected a construct '
      + 'path inside the stack, starting with one of Sentinel, azurerm');
  });
});

/** Runs `body` with the policy errors variable set to `value`, then restores what it was. */
function withPolicyErrorsVariable<T>(value: string, body: () => T): T {
  const previous = process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE];
  process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE] = value;
  try {
    return body();
  } finally {
    if (previous === undefined) {
      delete process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE];
    } else {
      process.env[POLICY_ERRORS_ENVIRONMENT_VARIABLE] = previous;
    }
  }
}

/** The error annotations cdktf recorded on the stack's constructs, as `[path] message`. */
function errorAnnotationsOf(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((entry) => entry.type === '@cdktf/error')
    .map((entry) => `[${construct.node.path}] ${String(entry.data)}`));
}

describe('applySentinelPolicy: policy errors recorded instead of failing synth', () => {
  const recordedFinding = expect.objectContaining({ ruleId: 'Sentinel-FWD1', severity: 'error', constructPath: 'test/Forwarder' });

  test('errorMode RECORD: synth passes, each error is recorded under //.sentinel.policy and annotated as a warning that says so', () => {
    const { stack } = stackWithFindings();
    applySentinelPolicy(stack, { errorMode: PolicyErrorMode.RECORD });
    expect(policyOf(stack).findings).toEqual([recordedFinding, expect.objectContaining({ ruleId: 'Sentinel-WS2' })]);
    expect(errorAnnotationsOf(stack)).toEqual([]);
    expect(warningsOf(stack)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[test\/Forwarder\] \[Sentinel-FWD1\] error, recorded without failing synth: azurerm_network_interface\./),
      expect.stringMatching(/^\[test\/Sentinel\/Resource\] \[Sentinel-WS2\] retention_in_days is 30 days/),
    ]));
  });

  test('SENTINEL_CDK_POLICY_ERRORS=record, read at synth, does the same for a policy given no errorMode (a cdktf.json app run by the review)', () => {
    const { stack } = stackWithFindings();
    applySentinelPolicy(stack);
    const findings = withPolicyErrorsVariable(' Record ', () => policyOf(stack).findings);
    expect(findings).toEqual([recordedFinding, expect.objectContaining({ ruleId: 'Sentinel-WS2' })]);
    // The variable is read at each synth: once unset, the same stack fails again.
    expect(synthError(stack)).toContain('test/Forwarder: [Sentinel-FWD1]');
  });

  test('errorMode FAIL in code wins over the variable', () => {
    const { stack } = stackWithFindings();
    applySentinelPolicy(stack, { errorMode: PolicyErrorMode.FAIL });
    expect(withPolicyErrorsVariable('record', () => synthError(stack))).toContain('test/Forwarder: [Sentinel-FWD1]');
  });

  test('fails synth on a value of the variable that names no mode, naming the variable and the accepted values', () => {
    const { stack } = newWorkspaceStack();
    applySentinelPolicy(stack);
    expect(withPolicyErrorsVariable('yes', () => synthError(stack))).toContain('[test] SENTINEL_CDK_POLICY_ERRORS: expected "record" (record '
      + 'policy errors without failing synth) or "fail" (the default, also when unset), received "yes"');
  });

  test('fails synth on a suppression path that names no construct, also when errors are recorded', () => {
    const { stack } = newWorkspaceStack();
    applySentinelPolicy(stack, {
      errorMode: PolicyErrorMode.RECORD, suppressions: [{ ruleId: 'Sentinel-FWD1', path: 'Forwardr', reason: 'Shops send over the internet' }],
    });
    expect(synthError(stack)).toContain('[test] suppressions[0].path: "Forwardr" names no construct in stack test');
  });
});
