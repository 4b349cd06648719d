import { templateSequences } from '../terraform/template-text';

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

/** An interpolation or directive in a config string: a variable reference, or something the config does not accept. */
export interface ConfigInterpolation {
  /** The variable's name, when the sequence is exactly `${var.<name>}`. */
  readonly variableName?: string;
  /** A `%{ ... }` directive. */
  readonly directive: boolean;
  /** The sequence as written. */
  readonly expression: string;
  readonly offset: number;
}

/**
 * The `${...}` and `%{...}` sequences of a config string that Terraform would evaluate (`$${` and `%%{` are its escapes
 * for literal text). Each is either a variable reference `${var.<name>}`, or something the config does not accept.
 */
export function findInterpolations(text: string): ConfigInterpolation[] {
  return templateSequences(text).map((sequence) => ({
    variableName: sequence.kind === '$' && sequence.text.endsWith('}') ? VARIABLE_REFERENCE.exec(sequence.expression)?.[1] : undefined,
    directive: sequence.kind === '%',
    expression: sequence.text,
    offset: sequence.offset,
  }));
}

/** What is between the braces of a variable reference. */
export const VARIABLE_REFERENCE = /^\s*var\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/;
