/**
 * A text written into Terraform JSON as itself. Terraform reads `${` and `%{` in any string as the start of an
 * interpolation or a directive; KQL, workbook JSON and ARM templates can hold either, so they are escaped (`$${`,
 * `%%{`). Apply it to content text before tokens are inserted: a cdktf token is itself a `${...}` string.
 */
export function terraformLiteral(text: string): string {
  // Replacement functions: in a replacement string, `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** {@link terraformLiteral} for optional text. */
export function optionalTerraformLiteral(text: string | undefined): string | undefined {
  return text === undefined ? undefined : terraformLiteral(text);
}
