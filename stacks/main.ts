import * as path from 'node:path';
import { App } from 'cdktf';
import { applySentinelPolicy, PolicySuppression } from '../constructs/policy';
import { ExampleStack } from './example-stack';

/** Name of the example stack; its Terraform goes to `<outdir>/stacks/sentinel-example/cdk.tf.json`. */
export const EXAMPLE_STACK_NAME = 'sentinel-example';

/**
 * What the example accepts of the Sentinel policy, each with its reason: its Syslog and CEF rules keep every column of
 * those noisy tables on purpose, because the shipped solutions' parsers read them.
 */
export const EXAMPLE_POLICY_SUPPRESSIONS: readonly PolicySuppression[] = [
  {
    ruleId: 'Sentinel-DCR2',
    path: 'Sentinel/LinuxAuth',
    reason: 'Authentication events (auth and authpriv, Info and above) are few and short, and the Syslog solution\'s '
      + 'LinuxAuthEvent parser reads most of their columns (Facility, ProcessName, SyslogMessage, Computer, HostIP)',
  },
  {
    ruleId: 'Sentinel-DCR2',
    path: 'Sentinel/SecurityAppliances',
    reason: 'The transformation already drops the appliances\' heartbeats; the CEF solution\'s CefEvent parser passes every column '
      + 'on, and the Palo Alto Networks parsers read the DeviceCustom* pairs and AdditionalExtensions (older PAN-OS profiles put the '
      + 'session end reason there)',
  },
];

/**
 * Synthesizes the example topology into `outdir`, checked by the Sentinel policy, and returns the path of the stack's
 * Terraform JSON.
 */
export function synthesizeExample(outdir = 'cdktf.out'): string {
  const app = new App({ outdir });
  const stack = new ExampleStack(app, EXAMPLE_STACK_NAME);
  applySentinelPolicy(stack, { suppressions: [...EXAMPLE_POLICY_SUPPRESSIONS] });
  app.synth();
  return path.join(outdir, 'stacks', EXAMPLE_STACK_NAME, 'cdk.tf.json');
}

if (require.main === module) {
  // `cdktf synth` sets CDKTF_OUTDIR; `npm start` runs this file directly.
  const written = synthesizeExample(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  if (process.env.CDKTF_OUTDIR === undefined) {
    console.log(`Synthesized stack ${EXAMPLE_STACK_NAME}: ${written}`);
  }
}
