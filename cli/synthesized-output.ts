import { readSynthesizedStacks as readStacks, SynthesizedOutputError, SynthesizedStackFile } from '../emulator/topology/read-synthesized-stacks';
import { UsageError } from './command-io';

/** Reads the stacks of a synthesized app; a missing or unreadable output is a usage error of the command. */
export function readSynthesizedStacks(outDir: string, stackName?: string): SynthesizedStackFile[] {
  try {
    return readStacks(outDir, stackName);
  } catch (error) {
    throw error instanceof SynthesizedOutputError ? new UsageError(error.message) : error;
  }
}
