import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, ConfigProblem } from '../../../stacks/config/config-error';
import { resolveConfigFile } from '../../../stacks/config/resolve-config';

/** The problems of resolving a config; fails when it resolves. */
function problemsOf(configPath: string): readonly ConfigProblem[] {
  try {
    resolveConfigFile(configPath);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    return (error as ConfigError).problems;
  }
  throw new Error(`${configPath} resolved, but problems were expected`);
}

const WORKSPACE = 'workspaceName: contoso-prod\n    resourceGroupName: rg-prod\n    location: westeurope';

describe('resolveConfigFile', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'resolve-config-'));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  /** Writes a config (and other files) into the temporary folder and returns its path. */
  function write(text: string, files: Record<string, string> = {}): string {
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
      writeFileSync(path.join(directory, file), content);
    }
    writeFileSync(path.join(directory, 'sentinel.yaml'), text);
    return path.join(directory, 'sentinel.yaml');
  }

  /** The problems without the file, as `line:column: path: message`. */
  function positioned(configPath: string): string[] {
    return problemsOf(configPath).map((problem) => `${problem.line}:${problem.column}: ${problem.path}: ${problem.message}`);
  }

  test('fails with every problem of a document at once, each at its line and column (golden messages)', () => {
    let message = '';
    try {
      resolveConfigFile('test/stacks/config/fixtures/invalid/sentinel.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    const file = 'test/stacks/config/fixtures/invalid/sentinel.yaml';
    expect(message).toBe([
      '7 problems in the topology config:',
      `${file}:6:19: connectorDefinitions.linux-auth.minimumLevel: must be one of "Debug", "Info", "Notice", "Warning", "Error", `
        + '"Critical", "Alert", "Emergency" (got "Verbose")',
      `${file}:12:22: workspaces.soc-prod.retentionInDays: must be a number (got "ninety")`,
      `${file}:14:25: workspaces.soc-prod.connectors.LinuxAuth.use: no connector definition is named "linux-auht" (did you mean `
        + '"linux-auth"?); connectorDefinitions has: linux-auth',
      `${file}:18:9: workspaces.soc-prod.connectors.Firewalls.minimumLevl: is not a property of a connector of kind "cef" (did you `
        + 'mean "minimumLevel"?); expected one of: transformKql, transformKqlFile, facilityNames, minimumLevel, logLevels, forwarders, '
        + 'forwarderResourceIds, dataCollectionRuleName, allowDuplicateEvents, kind',
      `${file}:20:9: workspaces.soc-prod.connectors.Web: is missing the required property "filePatterns"`,
      `${file}:25:27: workspaces.soc-prod.connectors.Web.transformKqlFile: "transforms/missing.kql" does not exist `
        + '(transformKqlFile is relative to the folder of the config file)',
      `${file}:27:5: workspaces.soc-test: is missing the required property "resourceGroupName"`,
    ].join('\n'));
  });

  test('an indentation mistake is one problem, at the line it is on, said in lines and columns', () => {
    expect(positioned(write('workspaces:\n  prod:\n    workspaceName: soc\n    resourceGroupName: rg-soc\n     location: westeurope\n    tags: { a: b }\n'))).toEqual([
      '4:5: : a line below this one is indented further, but this line\'s key already has a value on the line; indent this key under its '
        + 'parent mapping, or the lines below it less (YAML: Nested mappings are not allowed in compact mappings)',
    ]);
  });

  test('fails on YAML syntax errors with their position', () => {
    // One mistake is one problem: the parser's later errors follow from the first.
    expect(positioned(write('workspaces:\n  prod: { workspaceName: [\n'))).toEqual([
      '3:1: : Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  test('fails on an entry without kind, or of an unknown kind, with one message each', () => {
    expect(positioned(write(`workspaces:\n  prod:\n    ${WORKSPACE}\n    connectors:\n      A: { facilityNames: [auth] }\n`
      + '      B: { kind: sysl0g }\n'))).toEqual([
      '7:10: workspaces.prod.connectors.A: is missing the required property "kind"',
      expect.stringMatching(/^8:18: workspaces\.prod\.connectors\.B\.kind: must be one of "syslog", "cef", .* \(got "sysl0g"\); did you mean "syslog"\?$/),
    ]);
  });

  test('merges a shared definition with the overrides of a workspace, and checks the result where each value is written', () => {
    const configPath = write([
      'connectorDefinitions:',
      '  linux-auth: { kind: syslog, facilityNames: [auth], minimumLevel: Info }',
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    connectors:',
      '      LinuxAuth: { use: linux-auth, minimumLevel: Warning }',
      '      Broken: { use: linux-auth, facilityNames: auth, kind: cef }',
      '      Typo: { use: linux-auth, minimumLevl: Warning }',
    ].join('\n'));
    expect(positioned(configPath)).toEqual([
      '10:55: workspaces.prod.connectors.Broken.kind: comes from the definition "linux-auth" (kind "syslog") and cannot be changed; '
        + 'write the connector out instead of using the definition',
      expect.stringMatching(/^11:32: workspaces\.prod\.connectors\.Typo\.minimumLevl: is not a property of a connector of kind "syslog" \(did you mean "minimumLevel"\?\)/),
    ]);
    writeFileSync(configPath, [
      'connectorDefinitions:',
      '  linux-auth: { kind: syslog, facilityNames: [auth], minimumLevel: Info }',
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    connectors:',
      '      LinuxAuth: { use: linux-auth, minimumLevel: Warning }',
      '      Wrong: { use: linux-auth, facilityNames: auth }',
    ].join('\n'));
    expect(positioned(configPath)).toEqual(['10:48: workspaces.prod.connectors.Wrong.facilityNames: must be a list (got "auth")']);
    writeFileSync(configPath, [
      'connectorDefinitions:',
      '  linux-auth: { kind: syslog, facilityNames: [auth], minimumLevel: Info }',
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    connectors:',
      '      LinuxAuth: { use: linux-auth, minimumLevel: Warning }',
    ].join('\n'));
    const [workspace] = resolveConfigFile(configPath).workspaces;
    expect(workspace.connectors.map((connector) => [connector.name, connector.value])).toEqual([
      ['LinuxAuth', { kind: 'syslog', facilityNames: ['auth'], minimumLevel: 'Warning' }],
    ]);
    expect(workspace.connectors[0].pathOf('facilityNames')).toEqual(['connectorDefinitions', 'linux-auth', 'facilityNames']);
    expect(workspace.connectors[0].pathOf('minimumLevel')).toEqual(['workspaces', 'prod', 'connectors', 'LinuxAuth', 'minimumLevel']);
  });

  test('reads transformKqlFile relative to the config file, and refuses it beside transformKql', () => {
    const configPath = write([
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    connectors:',
      '      Cef: { kind: cef, facilityNames: [local4], minimumLevel: Warning, transformKqlFile: rules/cef.kql }',
      '      Both: { kind: cef, facilityNames: [local5], minimumLevel: Warning, transformKql: source, transformKqlFile: rules/cef.kql }',
    ].join('\n'), { 'rules/cef.kql': 'source\n| where Activity !has "heartbeat"\n\n' });
    expect(positioned(configPath)).toEqual([
      '8:96: workspaces.prod.connectors.Both.transformKqlFile: give transformKql or transformKqlFile, not both',
    ]);
    writeFileSync(configPath, [
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    connectors:',
      '      Cef: { kind: cef, facilityNames: [local4], minimumLevel: Warning, transformKqlFile: rules/cef.kql }',
    ].join('\n'));
    const [connector] = resolveConfigFile(configPath).workspaces[0].connectors;
    expect(connector.value).toEqual({ kind: 'cef', facilityNames: ['local4'], minimumLevel: 'Warning',
      transformKql: 'source\n| where Activity !has "heartbeat"' });
    expect(connector.transformFile).toMatch(/rules\/cef\.kql$/);
  });

  test('fails on references to entries that do not exist, naming those that do', () => {
    expect(positioned(write([
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    dataCollectionEndpoints: { Endpoint: {} }',
      '    forwarders:',
      '      Forwarder: { forwarderName: fwd, subnet: ForwarderSubnt, sourceAddressPrefixes: [10.0.0.0/8], adminSshPublicKeys: [k] }',
      '      Other: { forwarderName: fwd2, sourceAddressPrefixes: [10.0.0.0/8], adminSshPublicKeys: [k] }',
      '    connectors:',
      '      Syslog: { kind: syslog, facilityNames: [auth], minimumLevel: Info, forwarders: [Forwarder, Forwardr] }',
      '    solutions:',
      '      Own: { solution: solutions/none, connectors: { LinuxAuth: Sislog } }',
      '      Both: { shippedSolution: syslog, solution: solutions/none }',
    ].join('\n')))).toEqual([
      '8:48: workspaces.prod.forwarders.Forwarder.subnet: refers to "ForwarderSubnt", which is not under virtualNetworks.<network>.subnets '
        + 'of this workspace; virtualNetworks.<network>.subnets is empty',
      '9:14: workspaces.prod.forwarders.Other: give subnet (a subnet under virtualNetworks) or subnetId (an existing subnet\'s resource ID), one of them',
      '11:98: workspaces.prod.connectors.Syslog.forwarders[1]: refers to "Forwardr", which is not under forwarders of this workspace '
        + '(did you mean "Forwarder"?); expected one of: Forwarder, Other',
      '13:24: workspaces.prod.solutions.Own.solution: "solutions/none" does not exist (solution is a folder relative to the folder of the '
        + 'config file, inside it)',
      '13:65: workspaces.prod.solutions.Own.connectors.LinuxAuth: refers to "Sislog", which is not under connectors of this workspace '
        + '(did you mean "Syslog"?); expected one of: Syslog',
      '14:13: workspaces.prod.solutions.Both: give shippedSolution (a solution this package ships) or solution (a folder relative to the '
        + 'config file), one of them',
    ]);
  });

  test('declares in each stack the variables it refers to, and refuses other ${...} expressions and undeclared variables', () => {
    const configPath = write([
      'variables:',
      '  ssh_key: { description: SSH key }',
      '  api_key: { sensitive: true }',
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    variables: { prod_only: {} }',
      '    tags: { key: "${var.ssh_key}", literal: "$${not.a.variable}" }',
      '  test:',
      '    workspaceName: contoso-test',
      '    resourceGroupName: rg-test',
      '    location: westeurope',
      '    tags: { a: "${var.missing}", b: "${azurerm_resource_group.x.name}" }',
    ].join('\n'));
    expect(positioned(configPath)).toEqual([
      '15:16: workspaces.test.tags.a: refers to the variable "missing", which is not declared; declare it under variables (at the top '
        + 'level, or in this workspace)',
      '15:37: workspaces.test.tags.b: "${azurerm_resource_group.x.name}" is not accepted: a string may refer to a variable as '
        + '${var.<name>} and nothing else (write $${ for a literal ${)',
    ]);
    writeFileSync(configPath, [
      'variables:',
      '  ssh_key: { description: SSH key }',
      '  api_key: { sensitive: true }',
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '    variables: { prod_only: {} }',
      '    tags: { key: "${var.ssh_key}" }',
    ].join('\n'));
    expect(resolveConfigFile(configPath).workspaces[0].variables).toEqual([
      { name: 'ssh_key', config: { description: 'SSH key' } },
      { name: 'prod_only', config: {} },
    ]);
  });

  test('gives each stack its backend, and refuses two stacks sharing one azurerm state blob', () => {
    const backend = 'backend: { type: azurerm, resourceGroupName: rg-state, storageAccountName: state, containerName: tfstate';
    const configPath = write([
      `${backend} }`,
      'workspaces:',
      '  prod:',
      `    ${WORKSPACE}`,
      '  test:',
      `    ${WORKSPACE}`,
      '  lab:',
      `    ${WORKSPACE}`,
      `    ${backend}, key: prod.tfstate }`,
      '  dev:',
      `    ${WORKSPACE}`,
      '    backend: { type: local }',
    ].join('\n'));
    expect(positioned(configPath)).toEqual([
      '15:116: workspaces.lab.backend.key: stacks prod and lab would both keep their state in state/tfstate/prod.tfstate; give each its '
        + 'own key (use {stack} in it)',
    ]);
  });

  test('refuses names that are not construct ids, and two entries of a stack with one name', () => {
    expect(positioned(write([
      'variables: { Endpoint: {} }',
      'workspaces:',
      '  "prod/eu":',
      `    ${WORKSPACE}`,
      '    tags: { a: "${var.Endpoint}" }',
      '    dataCollectionEndpoints: { Endpoint: {}, "bad id": {} }',
    ].join('\n')))).toEqual([
      '3:3: workspaces.prod/eu: is not a valid stack name; expected letters, digits, "-" or "_", starting with a letter or digit',
      '8:32: workspaces.prod/eu.dataCollectionEndpoints.Endpoint: is already used by the variable "Endpoint"; names of networks, '
        + 'subnets, endpoints, custom tables, forwarders, data collection rules, solutions and variables share one namespace in the stack',
      '8:46: workspaces.prod/eu.dataCollectionEndpoints.bad id: is not a valid name; expected letters, digits, "-" or "_", starting '
        + 'with a letter or digit',
    ]);
  });
});
