import { ContentParseResult } from './analytic-rule';
import {
  ContentText, descriptionText, parentTechniques, RequiredDataConnector, requiredDataConnectorsOf,
} from './content-common';
import { validateAgainstSchema } from './schema-validation';
import { errorsOf } from './solution-problem';
import { parseYamlSource } from './yaml-source';

/** A hunting query read from the YAML format of the Azure-Sentinel repository. */
export interface HuntingQuery {
  readonly file: string;
  /** The query's GUID: the name of its saved search. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly query: ContentText;
  readonly tactics: readonly string[];
  /** Parents of sub-techniques, once each, as for analytic rules. */
  readonly techniques: readonly string[];
  readonly requiredDataConnectors: readonly RequiredDataConnector[];
}

interface HuntingQueryDocument {
  id: string; name: string; description: string; query: string; tactics?: string[] | null; relevantTechniques?: string[] | null;
  requiredDataConnectors?: unknown;
}

/** Reads a hunting query in the YAML format of the Azure-Sentinel repository. */
export function parseHuntingQuery(file: string, text: string): ContentParseResult<HuntingQuery> {
  const source = parseYamlSource(file, text);
  if (source.problems.length > 0) {
    return { problems: source.problems };
  }
  const problems = validateAgainstSchema('hunting-query', source, { unknownTopLevelProperty: 'warning', microsoftSpellings: true });
  if (errorsOf(problems).length > 0) {
    return { problems };
  }
  const document = source.value as HuntingQueryDocument;
  return {
    problems,
    content: {
      file,
      id: document.id.toLowerCase(),
      name: document.name.trim(),
      description: descriptionText(document.description),
      query: { text: document.query, origin: source.textOrigin(['query']), field: 'query' },
      tactics: document.tactics ?? [],
      techniques: parentTechniques(document.relevantTechniques ?? []),
      requiredDataConnectors: requiredDataConnectorsOf(document.requiredDataConnectors),
    },
  };
}
