import { ContentParseResult } from './analytic-rule';
import { ContentText } from './content-common';
import { validateAgainstSchema } from './schema-validation';
import { errorsOf } from './solution-problem';
import { parseYamlSource } from './yaml-source';

/** The category Azure-Sentinel gives parsers, which Sentinel lists under Functions. */
export const PARSER_CATEGORY = 'Microsoft Sentinel Parser';

/** A parameter of a parser function. */
export interface ParserParameter {
  readonly name: string;
  /** A Kusto scalar type: `string`, `datetime`, `bool`, ... */
  readonly type: string;
  /** A KQL literal, e.g. `datetime(null)` or `'*'`. @default - required */
  readonly defaultValue?: string;
}

/** A parser: a workspace function that rules and hunting queries call by its alias. */
export interface ParserFunction {
  readonly file: string;
  /** The parser's GUID: the name of its saved search. */
  readonly id: string;
  readonly title: string;
  readonly category: string;
  /** The name queries call, e.g. `OpenVpnEvent`. */
  readonly functionAlias: string;
  readonly parameters: readonly ParserParameter[];
  readonly query: ContentText;
}

interface ParserDocument {
  id: string; Function: { Title: string }; Category?: string; FunctionName: string; FunctionAlias: string; FunctionQuery: string;
  FunctionParams?: Array<{ Name: string; Type: string; Default?: string | number | boolean }> | null;
}

/** Reads a parser in the YAML format of the Azure-Sentinel solutions (`Function`, `FunctionAlias`, `FunctionQuery`). */
export function parseParserFunction(file: string, text: string): ContentParseResult<ParserFunction> {
  const source = parseYamlSource(file, text);
  if (source.problems.length > 0) {
    return { problems: source.problems };
  }
  const problems = validateAgainstSchema('parser', source, { unknownTopLevelProperty: 'warning', microsoftSpellings: true });
  if (errorsOf(problems).length > 0) {
    return { problems };
  }
  const document = source.value as ParserDocument;
  if (document.FunctionName !== document.FunctionAlias) {
    problems.push({ ...source.locate(['FunctionName']), severity: 'warning',
      message: `differs from FunctionAlias "${document.FunctionAlias}"; queries call the function by its alias` });
  }
  return {
    problems,
    content: {
      file,
      id: document.id.toLowerCase(),
      title: document.Function.Title.trim(),
      category: document.Category ?? PARSER_CATEGORY,
      functionAlias: document.FunctionAlias,
      parameters: (document.FunctionParams ?? []).map((parameter) => ({
        name: parameter.Name, type: parameter.Type,
        ...(parameter.Default === undefined ? {} : { defaultValue: String(parameter.Default) }),
      })),
      query: { text: document.FunctionQuery, origin: source.textOrigin(['FunctionQuery']), field: 'FunctionQuery' },
    },
  };
}

/** The parameter list as Kusto declares it: `(starttime:datetime=datetime(null), disabled:bool=false)`. */
export function kustoParameterList(parameters: readonly ParserParameter[]): string {
  return `(${parameters.map((parameter) => `${parameter.name}:${parameter.type}${parameter.defaultValue === undefined ? '' : `=${parameter.defaultValue}`}`).join(', ')})`;
}
