import * as path from 'node:path';
import { App } from 'cdktf';
import { ExampleStack } from './example-stack';

/** Name of the example stack; its Terraform goes to `<outdir>/stacks/sentinel-example/cdk.tf.json`. */
export const EXAMPLE_STACK_NAME = 'sentinel-example';

/** Synthesizes the example topology into `outdir` and returns the path of the stack's Terraform JSON. */
export function synthesizeExample(outdir = 'cdktf.out'): string {
  const app = new App({ outdir });
  new ExampleStack(app, EXAMPLE_STACK_NAME);
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
