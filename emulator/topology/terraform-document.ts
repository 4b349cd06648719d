import { createHash } from 'node:crypto';

/** A resource of a synthesized stack: its Terraform address and its arguments. */
export interface TerraformResourceEntry {
  /** `<type>.<name>`, e.g. `azurerm_monitor_data_collection_rule.Sentinel_LinuxAuth_Rule_6C7CCA9C`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
  /** The construct path cdktf records, when present. */
  readonly constructPath?: string;
}

/** The subscription every emulated resource ID carries. */
export const EMULATED_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

/** A GUID derived from a text, stable across runs (SHA-256, shaped as a version 4 UUID). */
export function deterministicGuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 32 hexadecimal digits derived from a text, for immutable IDs (`dcr-<32 hex>`). */
export function deterministicHex(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * A workspace shared key derived from a text, stable across runs: 64 bytes (SHA-512) in base64, 88 characters, the
 * shape of the primary and secondary keys Azure gives a Log Analytics workspace.
 */
export function deterministicSharedKey(text: string): string {
  return createHash('sha512').update(text).digest('base64');
}

/** The resources of a synthesized stack's `resource` block, in document order. */
export function resourcesOf(document: Record<string, unknown>): TerraformResourceEntry[] {
  const byType = (document.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  return Object.entries(byType).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => {
    const { '//': comment, ...rest } = body;
    const constructPath = (comment as { metadata?: { path?: string } } | undefined)?.metadata?.path;
    return { address: `${type}.${name}`, type, name, arguments: rest, ...(constructPath === undefined ? {} : { constructPath }) };
  }));
}

const REFERENCE = /\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}/g;
const WHOLE_REFERENCE = /^\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;

/** A `${type.name.attribute}` reference inside a value. */
export interface TerraformReference {
  readonly address: string;
  readonly attribute: string;
}

/** The reference a value is made of entirely, e.g. `${azurerm_linux_virtual_machine.Forwarder_E6AEDC44.id}`. */
export function wholeReference(value: unknown): TerraformReference | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = WHOLE_REFERENCE.exec(value);
  return match === null ? undefined : { address: `${match[1]}.${match[2]}`, attribute: match[3] };
}

/**
 * Replaces every `${type.name.attribute}` in a string with what `attributeOf` gives; references it cannot resolve
 * (variables, unknown resources) stay as they are and are reported through `unresolved`.
 */
export function resolveReferences(value: string, attributeOf: (reference: TerraformReference) => string | undefined,
  unresolved?: (reference: string) => void): string {
  return value.replace(REFERENCE, (text, type: string, name: string, attribute: string) => {
    const resolved = attributeOf({ address: `${type}.${name}`, attribute });
    if (resolved === undefined) {
      unresolved?.(text);
      return text;
    }
    return resolved;
  });
}
