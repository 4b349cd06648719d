import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './command-io';

/** One synthesized stack: its name and its Terraform JSON. */
export interface SynthesizedStackFile {
  readonly stackName: string;
  readonly file: string;
  readonly terraform: Record<string, unknown> & { '//'?: Record<string, unknown> };
}

/**
 * Reads the stacks of a synthesized app (`cdktf.out/stacks/<name>/cdk.tf.json`), all of them or the one named.
 * Errors name the folder or file and say how to produce it.
 */
export function readSynthesizedStacks(outDir: string, stackName?: string): SynthesizedStackFile[] {
  const stacksDir = path.join(outDir, 'stacks');
  if (!existsSync(stacksDir)) {
    throw new UsageError(`${stacksDir} does not exist; synthesize first (\`npx cdktf synth\` or \`npm start\`), or pass --out`);
  }
  const names = readdirSync(stacksDir).filter((name) => existsSync(path.join(stacksDir, name, 'cdk.tf.json'))).sort();
  if (stackName !== undefined && !names.includes(stackName)) {
    throw new UsageError(`no stack "${stackName}" in ${stacksDir}; stacks: ${names.join(', ') || 'none'}`);
  }
  return names.filter((name) => stackName === undefined || name === stackName).map((name) => {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    try {
      return { stackName: name, file, terraform: JSON.parse(readFileSync(file, 'utf8')) };
    } catch (error) {
      throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  });
}
