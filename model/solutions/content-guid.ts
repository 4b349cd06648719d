import { createHash } from 'node:crypto';

/**
 * A GUID derived from names (the layout of an RFC 4122 version 5 UUID over SHA-1), for resources whose Azure name must
 * be a GUID but that have no id of their own in the content (workbooks, watchlist items). The same names give the
 * same GUID on every synth, so Terraform never replaces them for nothing.
 */
export function contentGuid(...names: readonly string[]): string {
  const hash = createHash('sha1').update(names.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
