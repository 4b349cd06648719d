import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AmaForwarder, AmaForwarderProps } from '../../../constructs/forwarder/ama-forwarder';
import { ISentinelWorkspace } from '../../../constructs/sentinel-workspace';
import { PolicyFinding, PolicyReport } from '../../../model/checks/policy-finding';

/** A subnet of another stack, by resource ID. */
export const SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/'
  + 'virtualNetworks/vnet/subnets/forwarders';

/** An administrator's public SSH key. */
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0kOUi3m1mF5q8lHhJ0m3oP0o1o2L3o4p5q6r7s8t9u admin@contoso';

/** A forwarder that passes every rule, with `overrides`. */
export function addForwarder(stack: TerraformStack, workspace: ISentinelWorkspace, overrides: Partial<AmaForwarderProps> = {}): AmaForwarder {
  return new AmaForwarder(stack, 'Forwarder', {
    workspace, forwarderName: 'fwd-weu', subnetId: SUBNET, sourceAddressPrefixes: ['10.20.0.0/16'], adminSshPublicKeys: [SSH_KEY],
    expectedEventsPerSecond: 2_000, ...overrides,
  });
}

/** Synthesizes as `cdktf synth` does (to disk, with validations) and returns `//.sentinel.policy`. */
export function policyOf(stack: TerraformStack): PolicyReport {
  const outdir = Testing.fullSynth(stack);
  try {
    const synthesized = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
    return synthesized['//'].sentinel.policy as PolicyReport;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The findings of one rule, after a synth to disk. */
export function findingsOf(stack: TerraformStack, ruleId: string): PolicyFinding[] {
  return policyOf(stack).findings.filter((finding) => finding.ruleId === ruleId);
}

/** Runs `build` on an `App` writing to a temporary directory, synthesizes it in-process and cleans up. */
export function synthesizeApp(build: (app: App) => void, options: { skipValidation?: boolean } = {}): void {
  const outdir = mkdtempSync(path.join(tmpdir(), 'sentinel-cdk-policy-'));
  try {
    const app = new App({ outdir, skipValidation: options.skipValidation });
    build(app);
    app.synth();
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
