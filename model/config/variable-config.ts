/**
 * A Terraform input variable that the config declares, for values that must stay out of the YAML (SSH keys, API keys,
 * Key Vault secret URIs). Strings of the config refer to it as `${var.<name>}`; each stack declares the variables it
 * refers to, and Terraform takes their values from `TF_VAR_<name>` or a `.tfvars` file.
 */
export interface VariableConfig {
  /** What the variable holds, shown by `terraform plan` when it asks for a value. */
  readonly description?: string;

  /**
   * Hide the value in Terraform's output (API keys, passwords).
   *
   * @default false
   */
  readonly sensitive?: boolean;

  /**
   * Value used when none is given. Never a secret: it would be written in the config.
   *
   * @default - none: Terraform asks for a value
   */
  readonly default?: string;
}

/** A reference to a declared variable inside a config string: `${var.<name>}`. */
export interface VariableReference {
  /** The variable's name. */
  readonly variableName: string;
  /** Offset of the `$` in the string. */
  readonly offset: number;
}

/** Names of Terraform variables: a letter or `_`, then letters, digits, `_` or `-`. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The `${...}` expressions of a config string, except `$${` (Terraform's escape for a literal `${`). Each is either a
 * variable reference `${var.<name>}`, or something the config does not accept (returned with an undefined name).
 */
export function findInterpolations(text: string): Array<{ variableName?: string; expression: string; offset: number }> {
  const found: Array<{ variableName?: string; expression: string; offset: number }> = [];
  const interpolation = /\$?\$\{([^}]*)\}?/g;
  for (let match = interpolation.exec(text); match !== null; match = interpolation.exec(text)) {
    if (match[0].startsWith('$$')) {
      continue;
    }
    const variable = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(match[1].trim());
    found.push({ variableName: match[0].endsWith('}') ? variable?.[1] : undefined, expression: match[0], offset: match.index });
  }
  return found;
}
