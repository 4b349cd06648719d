import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';

/** True when the value holds a token that only Terraform resolves (checks must skip it). */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/**
 * An error in a construct's configuration, worded as cdktf words validation errors:
 * `[<construct path>] <field>: <message>`.
 */
export class ConfigurationError extends Error {
  public readonly code = 'SENTINEL_CDK_CONFIGURATION';

  constructor(scope: IConstruct, field: string, message: string, options?: { readonly cause?: unknown }) {
    super(`[${scope.node.path}] ${field}: ${message}`, options);
    this.name = 'ConfigurationError';
  }
}

/** Throws a {@link ConfigurationError} when `message` is defined. */
export function throwIfInvalid(scope: IConstruct, field: string, message: string | undefined): void {
  if (message !== undefined) {
    throw new ConfigurationError(scope, field, message);
  }
}

/**
 * Throws a {@link ConfigurationError} for a construct not created yet (`id` under `scope`), for checks that must run
 * before the construct's base constructor.
 */
export function throwIfInvalidBeforeCreation(scope: IConstruct, id: string, field: string, message: string | undefined): void {
  if (message !== undefined) {
    const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
    throw new ConfigurationError({ node: { path } } as IConstruct, field, message);
  }
}

/** Adds a synth warning that names the field, as validation errors do. */
export function warn(scope: IConstruct, field: string, message: string): void {
  Annotations.of(scope).addWarning(`${field}: ${message}`);
}
