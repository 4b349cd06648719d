import handlebars from 'handlebars';
import { ENTITY_IDENTIFIERS, EntityType } from './entity-types';

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
  let program: hbs.AST.Program;
  try {
    program = environment.parse(template);
  } catch (error) {
    return { problem: describeTemplateError(error as Error & { lineNumber?: number; column?: number }, parameters) };
  }
  // Only text, comments, `{{parameter}}` and `{{helper "literal" ...}}` are content: handlebars' other features
  // (blocks, partials, `this`, `@root`, `log`, lookups of properties such as `constructor`) are refused where they are.
  let text = '';
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') {
      text += (statement as hbs.AST.ContentStatement).value;
    } else if (statement.type === 'CommentStatement') {
      continue;
    } else if (statement.type === 'MustacheStatement') {
      const rendered = renderMustache(statement as hbs.AST.MustacheStatement, parameters, helpers);
      if (typeof rendered !== 'string') {
        return rendered;
      }
      text += rendered;
    } else {
      return refuse(statement, `{{${statement.type === 'PartialStatement' ? '>' : '#'}...}} is not accepted in content: a template `
        + 'holds only {{parameter}} and the helpers of the content');
    }
  }
  return { text };
}

/** A `{{name}}` of a declared parameter, or a helper called with literals and parameters. */
function renderMustache(mustache: hbs.AST.MustacheStatement, parameters: Readonly<Record<string, string>>, helpers: ContentHelpers): string | RenderResult {
  const name = simpleName(mustache.path);
  if (name === undefined) {
    return refuse(mustache, 'is not accepted in content: write {{parameter}} with the name of a declared parameter');
  }
  if (mustache.hash !== undefined && mustache.hash.pairs.length > 0) {
    return refuse(mustache, `{{${name} ...=...}}: content helpers take no named arguments`);
  }
  if (Object.hasOwn(helpers, name)) {
    const args: unknown[] = [];
    for (const parameter of mustache.params) {
      const literal = parameter as hbs.AST.Literal;
      const argumentName = simpleName(parameter);
      if (literal.type === 'StringLiteral' || literal.type === 'NumberLiteral' || literal.type === 'BooleanLiteral') {
        args.push((literal as hbs.AST.StringLiteral).value);
      } else if (argumentName !== undefined && Object.hasOwn(parameters, argumentName)) {
        args.push(parameters[argumentName]);
      } else {
        return refuse(mustache, `{{${name} ...}}: an argument of a helper is a quoted text, a number or a declared parameter`);
      }
    }
    try {
      return helpers[name](...args);
    } catch (error) {
      return refuse(mustache, error instanceof Error ? error.message : String(error));
    }
  }
  if (mustache.params.length === 0 && !Object.hasOwn(parameters, name) && isSentinelPlaceholder(name)) {
    return `{{${name}}}`;
  }
  if (mustache.params.length > 0 || !Object.hasOwn(parameters, name)) {
    return refuse(mustache.path, `{{${name}}} is not a parameter of the solution (known: ${Object.keys(parameters).sort().join(', ')}); `
      + 'declare it under parameters in solution.yaml');
  }
  return parameters[name];
}

/**
 * Placeholders that Sentinel itself fills when it runs Microsoft's content, written as they are unless the solution
 * declares a parameter of that name: the time range of the hunting page (`{{StartTimeISO}}`, `{{EndTimeISO}}`, read by
 * Azure-Sentinel's hunting queries as `todatetime('{{StartTimeISO}}')`), and the entity of an exploration query
 * (`{{Account_Name}}`, `{{Host_HostName}}`, `{{IP_Address}}`: an entity type and one of its identifiers).
 */
function isSentinelPlaceholder(name: string): boolean {
  if (name === 'StartTimeISO' || name === 'EndTimeISO') {
    return true;
  }
  const entity = /^([A-Za-z]+)_([A-Za-z]+)$/.exec(name);
  return entity !== null && Object.hasOwn(ENTITY_IDENTIFIERS, entity[1])
    && (ENTITY_IDENTIFIERS[entity[1] as EntityType] as readonly string[]).includes(entity[2]);
}

/** The name of a path of one part without `this`, `@` data or `../` (`{{name}}`), if it is one. */
function simpleName(expression: hbs.AST.Expression): string | undefined {
  if (expression.type !== 'PathExpression') {
    return undefined;
  }
  const path = expression as hbs.AST.PathExpression;
  return path.data || path.depth !== 0 || path.parts.length !== 1 || path.original !== path.parts[0] ? undefined : path.parts[0];
}

function refuse(node: hbs.AST.Node, message: string): RenderResult {
  return { problem: { line: node.loc?.start.line, column: node.loc === undefined ? undefined : node.loc.start.column + 1, message } };
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
