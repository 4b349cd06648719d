import { ConnectorConfig } from '../../model/config/connector-config';
import { DataCollectionRuleConfig } from '../../model/config/data-collection-rule-config';
import { SentinelConfig } from '../../model/config/sentinel-config';
import { findInterpolations, VARIABLE_NAME, VARIABLE_REFERENCE, VariableConfig } from '../../model/config/variable-config';
import { DocumentPath } from '../../model/solutions/yaml-source';
import { confineTemplateText } from '../../model/terraform/template-text';
import { nameProblem, OBJECT_NAMES } from './check-references';
import { ConfigEntry } from './config-entry';
import { ConfigProblem } from './config-error';
import { ConfigSource } from './config-source';

/** A variable a stack declares. */
export interface DeclaredVariable {
  readonly name: string;
  readonly config: VariableConfig;
}

/**
 * The variables a workspace's stack declares: its own, and the top-level ones its strings refer to (`${var.<name>}`).
 * A reference to an undeclared variable, or any other `${...}` expression, is a problem at that string.
 */
export function resolveVariables(source: ConfigSource, document: SentinelConfig, stackName: string,
  entries: ReadonlyArray<ConfigEntry<ConnectorConfig | DataCollectionRuleConfig>>): { variables: DeclaredVariable[]; problems: ConfigProblem[] } {
  const workspace = document.workspaces[stackName];
  const topLevel = document.variables ?? {};
  const own = workspace.variables ?? {};
  const problems = [
    ...badNames(source, topLevel, ['variables']),
    ...badNames(source, own, ['workspaces', stackName, 'variables']),
  ];
  const referenced = new Set<string>();
  const visit = (value: unknown, documentPath: DocumentPath) => forEachString(value, documentPath, (text, at, isKey) => {
    for (const interpolation of findInterpolations(text)) {
      const name = interpolation.variableName;
      if (isKey) {
        problems.push(source.problemAtKey(at, `a key cannot hold "${interpolation.expression}": Terraform would evaluate it `
          + '(write $${ or %%{ for a literal ${ or %{)'));
      } else if (interpolation.directive) {
        problems.push(source.problemAt(at, `"${interpolation.expression}" is a Terraform template directive, which a config string `
          + 'cannot hold (write %%{ for a literal %{)'));
      } else if (name === undefined) {
        problems.push(source.problemAt(at, `"${interpolation.expression}" is not accepted: a string may refer to a variable as `
          + '${var.<name>} and nothing else (write $${ for a literal ${)'));
      } else if (!Object.hasOwn(topLevel, name) && !Object.hasOwn(own, name)) {
        problems.push(source.problemAt(at, `refers to the variable "${name}", which is not declared; declare it under variables `
          + '(at the top level, or in this workspace)'));
      } else {
        referenced.add(name);
      }
    }
  });
  // Connectors and rules are visited as resolved: with shared definitions merged and `.kql` files read.
  const { connectors: written, dataCollectionRules: rules, variables: declared, ...rest } = workspace;
  void written; void rules; void declared;
  visit(rest, ['workspaces', stackName]);
  for (const entry of entries) {
    for (const [property, value] of Object.entries(entry.value)) {
      visit(value, entry.pathOf(property));
    }
  }
  const variables = [
    ...Object.entries(topLevel).filter(([name]) => referenced.has(name) && !Object.hasOwn(own, name)),
    ...Object.entries(own),
  ].map(([name, config]) => ({ name, config }));
  return { variables, problems };
}

function badNames(source: ConfigSource, variables: Readonly<Record<string, VariableConfig>>, documentPath: DocumentPath): ConfigProblem[] {
  return Object.keys(variables).flatMap((name) => {
    if (!VARIABLE_NAME.test(name)) {
      return [source.problemAtKey([...documentPath, name], 'is not a valid Terraform variable name; expected a letter or "_", then letters, '
        + 'digits, "_" or "-"')];
    }
    const problem = nameProblem(name, 'name');
    return problem === undefined || !OBJECT_NAMES.has(name) ? [] : [source.problemAtKey([...documentPath, name], problem)];
  });
}

/** Calls `visit` with every string below `value`, keys included, and its path. */
function forEachString(value: unknown, documentPath: DocumentPath, visit: (text: string, documentPath: DocumentPath, isKey: boolean) => void): void {
  if (typeof value === 'string') {
    visit(value, documentPath, false);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => forEachString(item, [...documentPath, index], visit));
  } else if (value !== null && typeof value === 'object') {
    Object.entries(value).forEach(([key, item]) => {
      visit(key, [...documentPath, key], true);
      forEachString(item, [...documentPath, key], visit);
    });
  }
}

/**
 * A config value as Terraform values: where the config's strings meet the constructs. In each string, `${var.<name>}`
 * becomes what `tokenOf` gives for the name (a cdktf token), `$${` and `%%{` stay Terraform's escapes, and any other
 * `${` or `%{` (which validation refuses, with its position) is escaped, as it is in keys: nothing a config writes is
 * evaluated by Terraform but its variables.
 */
export function terraformValuesOf<T>(value: T, tokenOf: (name: string) => string): T {
  if (typeof value === 'string') {
    return confineTemplateText(value, (expression) => {
      const name = VARIABLE_REFERENCE.exec(expression)?.[1];
      return name === undefined ? undefined : tokenOf(name);
    }) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item) => terraformValuesOf(item, tokenOf)) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [confineTemplateText(key, () => undefined), terraformValuesOf(item, tokenOf)])) as T;
  }
  return value;
}
