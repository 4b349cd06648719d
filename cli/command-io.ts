import { readFileSync } from 'node:fs';

/** What a command reads and writes, so tests can run commands in-process. */
export interface CommandIo {
  stdout(line: string): void;
  stderr(line: string): void;
  readStdin(): string;
  stdinIsTerminal(): boolean;
}

/** The process's own streams. */
export const processIo: CommandIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readStdin: () => readFileSync(0, 'utf8'),
  stdinIsTerminal: () => process.stdin.isTTY === true,
};

/** A mistake in the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  public readonly code = 'SENTINEL_CDK_USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
