/**
 * Terraform reads every string of a JSON configuration as a template: `${ ... }` is an interpolation and `%{ ... }` a
 * directive, both evaluated by `terraform plan` (`file(...)`, `templatefile(...)`, any reference). The escapes double
 * the leading character: in a run of `$` (or `%`) before a `{`, one is an interpolation's start and two or more are
 * literal text, one character shorter (HCL's template scanner: `$${` is `${`, `$$${` is `$${`).
 */

/** An interpolation or directive that Terraform evaluates in a string. */
export interface TemplateSequence {
  /** `$` for an interpolation, `%` for a directive. */
  readonly kind: '$' | '%';
  /** What is between the braces (up to the first `}`, or the end of the text when it is not closed). */
  readonly expression: string;
  /** The whole sequence as written. */
  readonly text: string;
  /** Offset of its `$` or `%`. */
  readonly offset: number;
}

/** `${` not preceded by `$`, `%{` not preceded by `%`: where Terraform starts to evaluate. */
const SEQUENCE = /(?:(?<!\$)\$|(?<!%)%)\{([^}]*)(\}?)/g;

/** The interpolations and directives Terraform evaluates in `text` (escaped ones are not). */
export function templateSequences(text: string): TemplateSequence[] {
  if (!text.includes('{')) {
    return [];
  }
  return [...text.matchAll(SEQUENCE)].map((match) => ({
    kind: match[0][0] as '$' | '%', expression: match[1], text: match[0], offset: match.index as number,
  }));
}

/** Text that Terraform keeps as it is: every `${` and `%{` escaped. Apply it before tokens are inserted. */
export function escapeTemplateText(text: string): string {
  // Replacement functions: in a replacement string, `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** The text Terraform makes of a string without interpolations or directives: its escapes undone, as Azure receives it. */
export function unescapeTemplateText(text: string): string {
  return text.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}

/**
 * A string as Terraform text in which only what `keep` accepts is evaluated: each interpolation `keep` returns a
 * replacement for becomes that replacement, escapes written as such stay escapes, and every other interpolation or
 * directive is escaped into literal text.
 */
export function confineTemplateText(text: string, keep: (expression: string) => string | undefined): string {
  if (!text.includes('{')) {
    return text;
  }
  return text.replace(/\$\$\{|%%\{|\$\{([^}]*)\}|\$\{|%\{/g, (match, expression: string | undefined) => {
    if (match === '$${' || match === '%%{') {
      return match;
    }
    const replacement = expression === undefined ? undefined : keep(expression);
    return replacement ?? match[0] + match;
  });
}
