import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One synthesized stack: its name, its file and its Terraform JSON. */
export interface SynthesizedStackFile {
  readonly stackName: string;
  readonly file: string;
  readonly terraform: Record<string, unknown>;
}

/** A synthesized output that is missing, holds no such stack, or holds a file that is not JSON. */
export class SynthesizedOutputError extends Error {
  public readonly code = 'SENTINEL_CDK_SYNTHESIZED_OUTPUT';

  constructor(message: string) {
    super(message);
    this.name = 'SynthesizedOutputError';
  }
}

/** Names of the stacks of a synthesized app (`<outDir>/stacks/<name>/cdk.tf.json`), sorted. */
export function synthesizedStackNames(outDir: string): string[] {
  const stacksDir = path.join(outDir, 'stacks');
  if (!existsSync(stacksDir)) {
    throw new SynthesizedOutputError(`${stacksDir} does not exist; synthesize first (\`npx cdktf synth\` or \`npm start\`), or pass --out`);
  }
  return readdirSync(stacksDir).filter((name) => existsSync(path.join(stacksDir, name, 'cdk.tf.json'))).sort();
}

/**
 * Reads the stacks of a synthesized app, all of them or the one named. Errors name the folder or file and say how
 * to produce it.
 */
export function readSynthesizedStacks(outDir: string, stackName?: string): SynthesizedStackFile[] {
  const names = synthesizedStackNames(outDir);
  const stacksDir = path.join(outDir, 'stacks');
  if (stackName !== undefined && !names.includes(stackName)) {
    throw new SynthesizedOutputError(`no stack "${stackName}" in ${stacksDir}; stacks: ${names.join(', ') || 'none'}`);
  }
  return names.filter((name) => stackName === undefined || name === stackName).map((name) => {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    try {
      return { stackName: name, file, terraform: JSON.parse(readFileSync(file, 'utf8')) };
    } catch (error) {
      throw new SynthesizedOutputError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  });
}

/** Reads one stack: the one named, or the only one of the output. */
export function readSynthesizedStack(outDir: string, stackName?: string): SynthesizedStackFile {
  if (stackName === undefined) {
    const names = synthesizedStackNames(outDir);
    if (names.length !== 1) {
      throw new SynthesizedOutputError(`${path.join(outDir, 'stacks')} holds ${names.length === 0 ? 'no stack'
        : `several stacks (${names.join(', ')}); choose one with --stack`}`);
    }
    return readSynthesizedStacks(outDir, names[0])[0];
  }
  return readSynthesizedStacks(outDir, stackName)[0];
}
