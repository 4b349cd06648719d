import { escapeTemplateText } from '../../model/terraform/template-text';

/**
 * A text written into Terraform JSON as itself. Terraform reads `${` and `%{` in any string as the start of an
 * interpolation or a directive; KQL, workbook JSON and ARM templates can hold either, so they are escaped (`$${`,
 * `%%{`). Apply it to content text before tokens are inserted: a cdktf token is itself a `${...}` string.
 */
export function terraformLiteral(text: string): string {
  return escapeTemplateText(text);
}

/** {@link terraformLiteral} for optional text. */
export function optionalTerraformLiteral(text: string | undefined): string | undefined {
  return text === undefined ? undefined : terraformLiteral(text);
}
