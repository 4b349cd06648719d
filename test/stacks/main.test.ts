import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { applySentinelPolicy, policyReportOf } from '../../constructs/policy';
import { PolicyReport } from '../../model/checks/policy-finding';
import { ExampleStack } from '../../stacks/example-stack';
import { EXAMPLE_POLICY_SUPPRESSIONS, synthesizeExample } from '../../stacks/main';

describe('synthesizeExample', () => {
  test('checks the example with the Sentinel policy: two findings, each suppressed with its reason, none failing', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'sentinel-cdk-'));
    try {
      const synthesized = JSON.parse(readFileSync(synthesizeExample(outdir), 'utf8'));
      const policy = synthesized['//'].sentinel.policy as PolicyReport;
      expect(policy.findings.map((finding) => [finding.ruleId, finding.constructPath, finding.suppression?.reason])).toEqual([
        ['Sentinel-DCR2', 'sentinel-example/Sentinel/LinuxAuth/Rule/Resource', EXAMPLE_POLICY_SUPPRESSIONS[0].reason],
        ['Sentinel-DCR2', 'sentinel-example/Sentinel/SecurityAppliances/Rule/Resource', EXAMPLE_POLICY_SUPPRESSIONS[1].reason],
      ]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('without its suppressions, the example has only those two warnings and no error', () => {
    const stack = new ExampleStack(Testing.app(), 'sentinel-example');
    applySentinelPolicy(stack);
    Testing.synth(stack, true);
    expect(policyReportOf(stack)?.findings.map((finding) => [finding.ruleId, finding.severity, finding.message.split(',')[0]])).toEqual([
      ['Sentinel-DCR2', 'warning', 'data_flow[0] into Syslog has no transform_kql'],
      ['Sentinel-DCR2', 'warning', 'data_flow[0] into CommonSecurityLog has a transform_kql that drops no column'],
    ]);
  });
});
