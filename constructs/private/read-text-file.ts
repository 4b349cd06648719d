import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { decodeUtf8Text } from '../../model/utf8';

/** The largest YAML document read: a config of hundreds of workspaces is well under 1 MiB. */
export const MAX_YAML_FILE_BYTES = 8 * 1024 * 1024;

/** The largest other content file read (a workbook, an ARM template, a watchlist): Microsoft's largest are a few MiB. */
export const MAX_CONTENT_FILE_BYTES = 32 * 1024 * 1024;

/** A file's text, or why it was not read; `line` and `column` are given when the bytes are not UTF-8. */
export type ReadText = { readonly text: string }
  | { readonly problem: string; readonly line?: number; readonly column?: number };

/**
 * Reads a regular file of at most `maxBytes` as UTF-8 text (a byte order mark dropped). A folder, a device, a FIFO or
 * a socket is refused without waiting for it (opened non-blocking, checked on the open descriptor), as are a larger
 * file and bytes that are not UTF-8. Messages never quote the file's content.
 */
export function readTextFile(file: string, maxBytes: number): ReadText {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: describeFileError(error) };
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      return { problem: stats.isDirectory() ? 'is a folder, not a file' : 'is not a regular file' };
    }
    if (stats.size > maxBytes) {
      return { problem: `is ${formatBytes(stats.size)}, more than the ${formatBytes(maxBytes)} a file may have` };
    }
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const count = readSync(descriptor, bytes, read, bytes.length - read, read);
      if (count === 0) {
        break;
      }
      read += count;
    }
    const decoded = decodeUtf8Text(bytes.subarray(0, read));
    return 'text' in decoded ? decoded : { problem: decoded.message, line: decoded.line, column: decoded.column };
  } catch (error) {
    return { problem: describeFileError(error) };
  } finally {
    closeSync(descriptor);
  }
}

/** What a file-system error means, without the stack or the syscall's wording. */
export function describeFileError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'does not exist';
    case 'EACCES': case 'EPERM': return 'cannot be read (permission denied)';
    case 'EISDIR': return 'is a folder, not a file';
    case 'ENOTDIR': return 'is not inside a folder (a part of the path is a file)';
    case 'ELOOP': return 'is a loop of symbolic links';
    case 'ENAMETOOLONG': return 'is a path too long for the file system';
    default: return `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB` : `${bytes} bytes`;
}
