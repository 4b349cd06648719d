import { readSync } from 'node:fs';
import { describeFileError, MAX_CONTENT_FILE_BYTES, readTextFile } from '../constructs/private/read-text-file';
import { decodeUtf8Text } from '../model/utf8';

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
  readStdin: () => readStandardInput(),
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

/** A file or folder named on the command line that cannot be used: one line that names it, exit code 2. */
export class FileArgumentError extends Error {
  public readonly code = 'SENTINEL_CDK_FILE';

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'FileArgumentError';
  }
}

/** A file named on the command line, as text (UTF-8, bounded); a folder, a device or bytes that are not UTF-8 refused. */
export function readArgumentFile(file: string): string {
  const read = readTextFile(file, MAX_CONTENT_FILE_BYTES);
  if ('problem' in read) {
    throw new FileArgumentError(read.line === undefined ? file : `${file}:${read.line}:${read.column ?? 1}`, read.problem);
  }
  return read.text;
}

/** The message of a file-system error of a command (`path: what is wrong`), or undefined for any other error. */
export function fileSystemErrorMessage(error: unknown): string | undefined {
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string') {
    return undefined;
  }
  const problem = code === 'EEXIST' ? 'already exists' : code === 'ENOSPC' ? 'cannot be written: no space left on the device'
    : code === 'EROFS' ? 'cannot be written: the file system is read-only' : describeFileError(error);
  return path === undefined ? problem : `${path}: ${problem}`;
}

/**
 * All of standard input, read synchronously. A pipe or a terminal may be non-blocking: a read that would wait (EAGAIN)
 * waits a little and reads again, so that a slow writer is read to its end.
 */
function readStandardInput(maxBytes = MAX_CONTENT_FILE_BYTES): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let total = 0;
  for (;;) {
    let count: number;
    try {
      count = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 20);
        continue;
      }
      if (code === 'EOF') {
        break;
      }
      throw new FileArgumentError('<stdin>', describeFileError(error));
    }
    if (count === 0) {
      break;
    }
    total += count;
    if (total > maxBytes) {
      throw new FileArgumentError('<stdin>', `holds more than the ${maxBytes / 1024 / 1024} MiB a command reads`);
    }
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  const decoded = decodeUtf8Text(Buffer.concat(chunks));
  if (!('text' in decoded)) {
    throw new FileArgumentError(`<stdin>:${decoded.line}:${decoded.column}`, decoded.message);
  }
  return decoded.text;
}
