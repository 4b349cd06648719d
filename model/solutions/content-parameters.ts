import handlebars from 'handlebars';

/** Helpers content may call, e.g. `{{analyticRule "<id>"}}`; each returns the text to insert. */
export type ContentHelpers = Readonly<Record<string, (...args: unknown[]) => string>>;

/** A rendered text, or where its template is wrong (1-based line and column inside the text). */
export type RenderResult =
  | { readonly text: string }
  | { readonly problem: { readonly line?: number; readonly column?: number; readonly message: string } };

/** A private handlebars environment: helpers registered for content never leak into other templates of the process. */
const environment = handlebars.create();

/**
 * Resolves `{{name}}` in a content text with the solution's parameters for one workspace. Strict: a name that is not
 * a parameter fails, rather than silently rendering as empty (an empty watchlist alias would make a rule match nothing).
 * No HTML escaping: the texts are KQL and JSON, where `"` and `'` must stay as written.
 */
export function renderContentText(template: string, parameters: Readonly<Record<string, string>>, helpers: ContentHelpers = {}): RenderResult {
  if (!template.includes('{{')) {
    return { text: template };
  }
  try {
    const render = environment.compile(template, { strict: true, noEscape: true });
    return { text: render({ ...parameters }, { helpers: { ...helpers } }) };
  } catch (error) {
    return { problem: describeTemplateError(error as Error & { lineNumber?: number; column?: number }, parameters) };
  }
}

function describeTemplateError(error: Error & { lineNumber?: number; column?: number },
  parameters: Readonly<Record<string, string>>): { line?: number; column?: number; message: string } {
  const undefinedName = /^"([^"]+)" not defined in/.exec(error.message);
  if (undefinedName !== null) {
    return {
      line: error.lineNumber, column: error.column === undefined ? undefined : error.column + 1,
      message: `{{${undefinedName[1]}}} is not a parameter of the solution (known: ${Object.keys(parameters).sort().join(', ')}); `
        + 'declare it under parameters in solution.yaml',
    };
  }
  const parseError = /^Parse error on line (\d+):[\s\S]*\n(Expecting [^\n]*)/.exec(error.message);
  if (parseError !== null) {
    return { line: Number(parseError[1]), message: `is not a valid handlebars template: ${parseError[2]}` };
  }
  return { line: error.lineNumber, message: error.message.split('\n')[0] };
}

/** Renders every string inside a JSON value (a workbook template, automation conditions), keeping its structure. */
export function renderJsonStrings(value: unknown, render: (text: string, path: string) => string, path = ''): unknown {
  if (typeof value === 'string') {
    return render(value, path);
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => renderJsonStrings(item, render, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderJsonStrings(item, render, path === '' ? key : `${path}.${key}`)]));
  }
  return value;
}
