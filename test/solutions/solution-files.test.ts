import { SHIPPED_SOLUTIONS, shippedSolutionDirectory, loadSolution } from '../../constructs/solutions/load-solution';
import { SOLUTION_SCHEMAS } from '../../model/solutions/schema-validation';
import { parseAnalyticRule } from '../../model/solutions/analytic-rule';
import { parseAutomationRule } from '../../model/solutions/automation-rule';
import { renderContentText } from '../../model/solutions/content-parameters';
import { parseCsv } from '../../model/solutions/csv';
import { convertDuration, isoDuration, QUERY_DURATION_RANGE } from '../../model/solutions/durations';
import { ENTITY_TYPES } from '../../model/solutions/entity-types';
import { parseHuntingQuery } from '../../model/solutions/hunting-query';
import { parseParserFunction } from '../../model/solutions/parser-function';
import { parseSolution } from '../../model/solutions/parse-solution';
import { formatSolutionProblem, SolutionProblem } from '../../model/solutions/solution-problem';
import { SYSLOG_FACILITY_NAMES, SYSLOG_LOG_LEVELS } from '../../model/syslog/facilities-and-levels';
import { WATCHLIST_TABLE } from '../../model/tables/watchlist';
import { readTestdata } from '../support/shared-testdata';

const formatted = (problems: readonly SolutionProblem[]) => problems.map(formatSolutionProblem);

/** The rules and parsers of `sentinel-content/`, as Microsoft publishes them. */
const TESTDATA_RULES = [
  'NRT_squid_events_for_mining_pools', 'PaloAlto-NetworkBeaconing', 'PaloAlto-PortScanning', 'PaloAlto-UnusualThreatSignatures',
  'sftp_file_transfer_above_threshold', 'ssh_potentialBruteForce',
];
const TESTDATA_PARSERS = ['OpenVpnEvent.yaml', 'PaloAlto-PAN-OS/PaloAltoPANOSSyslog.yaml'];

/** A Scheduled rule in the Azure-Sentinel format, with `changes` applied to its lines. */
function rule(changes: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    id: 'id: 7bf280a0-a322-45be-bad9-61474591b99f',
    name: 'name: Test rule',
    description: "description: |\n  'Finds things.'",
    severity: 'severity: Medium',
    kind: 'kind: Scheduled',
    queryFrequency: 'queryFrequency: 1h',
    queryPeriod: 'queryPeriod: 1h',
    triggerOperator: 'triggerOperator: gt',
    triggerThreshold: 'triggerThreshold: 0',
    query: 'query: |\n  Syslog\n  | where ProcessName == "sshd"',
    ...changes,
  };
  return `${Object.values(fields).filter((line) => line !== '').join('\n')}\n`;
}

describe('Microsoft\'s analytic rules and parsers load unmodified', () => {
  test.each(TESTDATA_RULES)('rules/%s.yaml', (name) => {
    const { content, problems } = parseAnalyticRule(`rules/${name}.yaml`, readTestdata(`sentinel-content/rules/${name}.yaml`));
    expect(content).toBeDefined();
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  test.each(TESTDATA_PARSERS)('parsers/%s', (name) => {
    const { content, problems } = parseParserFunction(`parsers/${name}`, readTestdata(`sentinel-content/parsers/${name}`));
    expect(problems).toEqual([]);
    expect(content?.category).toBe('Microsoft Sentinel Parser');
    expect(content?.query.text).toContain('Syslog');
  });

  test('the SSH brute-force rule loads with warnings for what Microsoft spells differently from the API', () => {
    const { content, problems } = parseAnalyticRule('rules/ssh_potentialBruteForce.yaml', readTestdata('sentinel-content/rules/ssh_potentialBruteForce.yaml'));
    expect(formatted(problems)).toEqual([
      'rules/ssh_potentialBruteForce.yaml:52:21: entityMappings[2].fieldMappings[0].identifier: "Name" is not an identifier of Host entities '
        + 'in Sentinel\'s entity reference (DnsDomain, NTDomain, HostName, FullName, NetBiosName, AzureID, OMSAgentID, OSFamily, OSVersion, '
        + 'IsDomainJoined); Sentinel may refuse the rule or leave the entity out',
      'rules/ssh_potentialBruteForce.yaml:54:17: entityMappings[3].entityType: "Azure resource" is sent as "AzureResource", the entity type\'s name in the API',
    ]);
    expect(content?.entityMappings.map((mapping) => mapping.entityType)).toEqual(['Account', 'IP', 'Host', 'AzureResource']);
  });

  test('the shorthand durations, the operator, the quoted description and the incident settings come out as azurerm takes them', () => {
    const { content } = parseAnalyticRule('rules/sftp.yaml', readTestdata('sentinel-content/rules/sftp_file_transfer_above_threshold.yaml'));
    expect(content).toMatchObject({
      kind: 'Scheduled', queryFrequency: 'PT15M', queryPeriod: 'PT15M', triggerOperator: 'GreaterThan', triggerThreshold: 0,
      customDetails: { TransferCount: 'count_distinct_filepath', FilesList: 'fileslist' },
      incidentConfiguration: {
        createIncident: true,
        grouping: { enabled: true, reopenClosedIncident: false, lookbackDuration: 'PT5H', matchingMethod: 'Selected', groupByEntities: ['Account', 'Host'] },
      },
    });
    expect(content?.description.startsWith('Identifies SFTP File Transfers')).toBe(true);
    expect(content?.alertDetailsOverride).toBeUndefined();
  });

  test('sub-techniques are sent as their technique, once', () => {
    const { content } = parseAnalyticRule('r.yaml', readTestdata('sentinel-content/rules/PaloAlto-UnusualThreatSignatures.yaml'));
    expect(content?.relevantTechniques).toEqual(['T1046', 'T1030', 'T1071.001']);
    expect(content?.techniques).toEqual(['T1046', 'T1030', 'T1071']);
    expect(content).toMatchObject({ queryFrequency: 'PT1H', queryPeriod: 'P7D' });
  });

  test('the query maps to its lines in the file', () => {
    const { content } = parseAnalyticRule('r.yaml', readTestdata('sentinel-content/rules/ssh_potentialBruteForce.yaml'));
    // `query: |` is line 23 and the block starts with an empty line: its line 3 is the file's line 26, indented by 2.
    expect(content?.query.text.split('\n')[2]).toBe('Syslog');
    expect(content?.query.origin.map(3, 1)).toEqual({ line: 26, column: 3 });
  });
});

describe('analytic rule checks', () => {
  test('durations: the shorthand and ISO 8601 become the canonical form the API returns', () => {
    expect(['5m', '30m', '5h', '24h', '1d', '14d', 'PT90M', 'P1DT12H'].map((value) => convertDuration(value, QUERY_DURATION_RANGE)))
      .toEqual([
        { iso: 'PT5M', minutes: 5 }, { iso: 'PT30M', minutes: 30 }, { iso: 'PT5H', minutes: 300 }, { iso: 'P1D', minutes: 1440 },
        { iso: 'P1D', minutes: 1440 }, { iso: 'P14D', minutes: 20160 }, { iso: 'PT1H30M', minutes: 90 }, { iso: 'P1DT12H', minutes: 2160 },
      ]);
    expect(isoDuration(0)).toBe('PT0M');
  });

  test.each([
    ['gt', 'GreaterThan'], ['lt', 'LessThan'], ['eq', 'Equal'], ['ne', 'NotEqual'], ['NotEqual', 'NotEqual'],
  ])('triggerOperator %s is %s', (written, azurerm) => {
    expect(parseAnalyticRule('r.yaml', rule({ triggerOperator: `triggerOperator: ${written}` })).content?.triggerOperator).toBe(azurerm);
  });

  test('fails on every mistake at once, each with its line, column, path and what is expected', () => {
    const { content, problems } = parseAnalyticRule('r.yaml', rule({
      severity: 'severity: Critical',
      queryFrequency: 'queryFrequency: 5x',
      triggerOperator: 'triggerOperator: gte',
      query: 'tactics: [Recon]\nquery: |\n  Syslog',
    }));
    expect(content).toBeUndefined();
    expect(formatted(problems)).toEqual([
      'r.yaml:5:11: severity: must be one of "High", "Medium", "Low", "Informational" (got "Critical")',
      'r.yaml:7:17: queryFrequency: must be minutes, hours or days in the Azure-Sentinel shorthand (30m, 5h, 1d), or an ISO 8601 duration (PT30M, PT5H, P1D) (got "5x")',
      'r.yaml:9:18: triggerOperator: must be one of "gt", "lt", "eq", "ne", "GreaterThan", "LessThan", "Equal", "NotEqual" (got "gte")',
      expect.stringMatching(/^r\.yaml:11:11: tactics\[0\]: must be one of "Collection", .* \(got "Recon"\)$/),
    ]);
  });

  test('fails on a Scheduled rule without a schedule, naming the missing property', () => {
    expect(formatted(parseAnalyticRule('r.yaml', rule({ queryFrequency: '', queryPeriod: '' })).problems)).toEqual([
      'r.yaml:1:1: is missing the required property "queryFrequency"',
      'r.yaml:1:1: is missing the required property "queryPeriod"',
    ]);
  });

  test('fails when the frequency is longer than the period, or out of Sentinel\'s range', () => {
    expect(formatted(parseAnalyticRule('r.yaml', rule({ queryFrequency: 'queryFrequency: 1d', queryPeriod: 'queryPeriod: 15d' })).problems)).toEqual([
      'r.yaml:8:14: queryPeriod: "15d" is out of range; expected a duration from 5 minutes to 14 days',
    ]);
    expect(formatted(parseAnalyticRule('r.yaml', rule({ queryFrequency: 'queryFrequency: 2h' })).problems)).toEqual([
      'r.yaml:7:17: queryFrequency: 2h is longer than queryPeriod 1h: events between two runs would never be queried; make queryPeriod at least queryFrequency',
    ]);
  });

  test('suppression: converted, and refused when shorter than the frequency (azurerm\'s default of PT5H included)', () => {
    expect(parseAnalyticRule('r.yaml', rule({ triggerThreshold: 'triggerThreshold: 0\nsuppressionEnabled: true\nsuppressionDuration: 1d' })).content)
      .toMatchObject({ suppressionEnabled: true, suppressionDuration: 'P1D' });
    expect(formatted(parseAnalyticRule('r.yaml', rule({
      queryFrequency: 'queryFrequency: 1d', queryPeriod: 'queryPeriod: 1d', triggerThreshold: 'triggerThreshold: 0\nsuppressionEnabled: true',
    })).problems)).toEqual([
      'r.yaml:1:1: suppressionDuration: PT5H is shorter than queryFrequency 1d; suppression would have no effect: make it at least queryFrequency',
    ]);
  });

  test('reads enum values spelt otherwise as the API names them, with a warning each, as it does entity types (issue 18)', () => {
    const { content, problems } = parseAnalyticRule('r.yaml', rule({
      kind: 'kind: scheduled', severity: 'severity: medium', triggerOperator: 'triggerOperator: GT',
      triggerThreshold: 'triggerThreshold: 0\ntactics:\n  - Credential Access\n  - initial-access\n  - Persistence',
    }));
    expect(formatted(problems)).toEqual([
      'r.yaml:5:11: severity: "medium" is sent as "Medium", its spelling in the API',
      'r.yaml:6:7: kind: "scheduled" is sent as "Scheduled", its spelling in the API',
      'r.yaml:9:18: triggerOperator: "GT" is sent as "gt", its spelling in the API',
      'r.yaml:12:5: tactics[0]: "Credential Access" is sent as "CredentialAccess", its spelling in the API',
      'r.yaml:13:5: tactics[1]: "initial-access" is sent as "InitialAccess", its spelling in the API',
    ]);
    expect(content).toMatchObject({ kind: 'Scheduled', severity: 'Medium', triggerOperator: 'GreaterThan', tactics: ['CredentialAccess', 'InitialAccess', 'Persistence'] });
    // What matches no value even loosely stays an error.
    expect(formatted(parseAnalyticRule('r.yaml', rule({ kind: 'kind: Sheduled' })).problems)).toEqual([
      'r.yaml:6:7: kind: must be one of "Scheduled", "NRT" (got "Sheduled")',
    ]);
  });

  test('reads null as absent for an optional property, as Microsoft\'s files write it (issue 18)', () => {
    const { content, problems } = parseAnalyticRule('r.yaml', rule({
      triggerThreshold: 'triggerThreshold: 0\nsuppressionDuration: null\nsuppressionEnabled: null\nversion: null\nstatus: null',
    }));
    expect(problems).toEqual([]);
    expect(content).toMatchObject({ suppressionDuration: undefined, suppressionEnabled: undefined, version: undefined });
    expect(formatted(parseAnalyticRule('r.yaml', rule({ name: 'name: null' })).problems)).toEqual([
      'r.yaml:1:1: is missing the required property "name"',
    ]);
  });

  test('fails on an unknown entity type and on grouping by an entity the rule does not map', () => {
    const { problems } = parseAnalyticRule('r.yaml', rule({
      triggerThreshold: 'triggerThreshold: 0\nentityMappings:\n  - entityType: Person\n    fieldMappings:\n      - identifier: Name\n        columnName: User\n'
        + '  - entityType: ip\n    fieldMappings:\n      - identifier: Address\n        columnName: SourceIP\n'
        + 'incidentConfiguration:\n  createIncident: true\n  groupingConfiguration:\n    enabled: true\n    matchingMethod: Selected\n'
        + '    groupByEntities: [Host]\n    groupByCustomDetails: [Nope]',
    }));
    expect(formatted(problems)).toEqual([
      expect.stringMatching(/^r\.yaml:12:17: entityMappings\[0\]\.entityType: "Person" is not an entity type; expected one of Account, AzureResource, /),
      'r.yaml:16:17: entityMappings[1].entityType: "ip" is sent as "IP", the entity type\'s name in the API',
      'r.yaml:25:23: incidentConfiguration.groupingConfiguration.groupByEntities[0]: the rule maps no Host entity; Sentinel groups only by entities the rule maps (IP)',
      'r.yaml:26:28: incidentConfiguration.groupingConfiguration.groupByCustomDetails[0]: "Nope" is not a key of customDetails (none); Sentinel groups only by the rule\'s own custom details',
    ]);
  });

  test('an NRT rule needs no schedule, and says that one given is ignored; unknown properties are ignored with a warning', () => {
    const { content, problems } = parseAnalyticRule('r.yaml', rule({ kind: 'kind: NRT\nqueryFrequncy: 5m', queryPeriod: '' }));
    expect(content?.kind).toBe('NRT');
    expect(content?.queryFrequency).toBeUndefined();
    expect(formatted(problems)).toEqual([
      'r.yaml:7:1: queryFrequncy: is not a property this toolkit knows; it is ignored',
      'r.yaml:8:17: queryFrequency: an NRT rule runs every minute over the events since its last run; this is ignored',
    ]);
  });

  test('fails on an alert format with more than three parameters, counting each occurrence (Sentinel refuses a fourth)', () => {
    const override = 'triggerThreshold: 0\nalertDetailsOverride:\n'
      + "  alertDisplayNameFormat: '{{A}} {{B}} on {{C}} for {{D}} hours'\n"
      + "  alertDescriptionFormat: '{{A}} and {{A}} and {{B}}'";
    expect(formatted(parseAnalyticRule('r.yaml', rule({ triggerThreshold: override })).problems)).toEqual([
      'r.yaml:12:27: alertDetailsOverride.alertDisplayNameFormat: holds 4 parameters ({{A}}, {{B}}, {{C}}, {{D}}); Sentinel accepts at most 3 in each alert format',
    ]);
  });

  test('fails on a query over 10,000 characters and on search * or union *', () => {
    const long = `query: |\n  Syslog\n  | where SyslogMessage has_any (${Array.from({ length: 1500 }, (_, index) => `"w${index}"`).join(', ')})`;
    expect(formatted(parseAnalyticRule('r.yaml', rule({ query: long })).problems)).toEqual([
      expect.stringMatching(/^r\.yaml:11:8: query: is 1\d{4} characters long; Sentinel accepts a rule's query of at most 10000 characters/),
    ]);
    expect(formatted(parseAnalyticRule('r.yaml', rule({ query: 'query: |\n  union *\n  | where Computer == "x"' })).problems)).toEqual([
      'r.yaml:11:8: query: holds "union *"; Sentinel refuses a rule whose query holds search * or union * (name the tables the rule reads)',
    ]);
  });

  test('fails on YAML that does not parse, with the position', () => {
    expect(formatted(parseAnalyticRule('r.yaml', 'id: a\nid: b\nname: [x\n').problems)[0]).toBe('r.yaml:2:1: Map keys must be unique');
  });

  test('a hunting query loads with its tactics and techniques', () => {
    const { content } = parseHuntingQuery('h.yaml', 'id: 5c9f5ec1-e335-407a-b3f7-b9a8522a0e16\nname: Hunt\ndescription: Looks.\n'
      + 'tactics: [Discovery]\nrelevantTechniques: [T1046.001]\nquery: Syslog | take 10\n');
    expect(content).toMatchObject({ name: 'Hunt', tactics: ['Discovery'], techniques: ['T1046'], query: { text: 'Syslog | take 10', field: 'query' } });
  });
});

describe('automation rules', () => {
  const automation = (actionConfiguration: string) => `id: 42f627a0-4d9e-47f4-b0a8-7bdd13152ba6
displayName: Close noise
order: 1
triggeringLogic: { triggersOn: Incidents, triggersWhen: Created }
actions:
  - order: 1
    actionType: ModifyProperties
    actionConfiguration: ${actionConfiguration}
`;

  test('a closing action carries its classification and reason as azurerm spells them', () => {
    const { content } = parseAutomationRule('a.yaml', automation('{ status: Closed, classification: BenignPositive, classificationReason: SuspiciousButExpected }'));
    expect(content?.actions).toEqual([{
      actionType: 'ModifyProperties', order: 1, status: 'Closed', classification: 'BenignPositive_SuspiciousButExpected',
      severity: undefined, classificationComment: undefined, ownerObjectId: undefined, labels: [],
    }]);
    expect(content).toMatchObject({ enabled: true, triggersOn: 'Incidents', triggersWhen: 'Created', conditions: [] });
  });

  test('fails on a classification without closing, and on a reason that does not go with the classification', () => {
    expect(formatted(parseAutomationRule('a.yaml', automation('{ status: Active, classification: TruePositive, classificationReason: InaccurateData }')).problems)).toEqual([
      'a.yaml:8:60: actions[0].actionConfiguration.classification: applies only when the action closes the incident (status: Closed)',
      'a.yaml:8:96: actions[0].actionConfiguration.classificationReason: must be "SuspiciousActivity" with the classification TruePositive',
    ]);
  });
});

describe('watchlist CSV', () => {
  test('reads quoted fields with commas, quotes and line breaks, CRLF, a BOM, and skips blank lines', () => {
    expect(parseCsv('\uFEFFName,Note\r\nalice,"says ""hi"", twice"\r\n\r\nbob,"two\nlines"\n')).toEqual({ records: [
      { line: 1, fields: ['Name', 'Note'] }, { line: 2, fields: ['alice', 'says "hi", twice'] }, { line: 4, fields: ['bob', 'two\nlines'] },
    ] });
  });

  test('fails on a quote inside an unquoted field, with the position', () => {
    expect(parseCsv('a,b\nx,y"z\n')).toEqual({ problem: { line: 2, column: 4, message: expect.stringContaining('a quote inside an unquoted field') } });
  });
});

describe('content parameters', () => {
  test('resolve in queries; an unknown one fails with its position and the known names', () => {
    expect(renderContentText('let t = {{threshold}};\nSyslog', { threshold: '20' })).toEqual({ text: 'let t = 20;\nSyslog' });
    expect(renderContentText('Syslog\n| where x == "{{aliass}}"', { alias: 'a', workspaceName: 'w' })).toEqual({ problem: {
      line: 2, column: 17, message: '{{aliass}} is not a parameter of the solution (known: alias, workspaceName); declare it under parameters in solution.yaml',
    } });
  });

  test('leave the placeholders Sentinel fills itself as written, unless the solution declares one (issue 18)', () => {
    // The hunting page's time range, as Azure-Sentinel's hunting queries read it, and an exploration query's entity.
    const hunting = "let starttime = todatetime('{{StartTimeISO}}');\nlet endtime = todatetime('{{EndTimeISO}}');\nSigninLogs\n"
      + '| where TimeGenerated between (starttime .. endtime) and UserPrincipalName =~ "{{Account_Name}}"';
    expect(renderContentText(hunting, { alias: 'a' })).toEqual({ text: hunting });
    expect(renderContentText("todatetime('{{StartTimeISO}}')", { StartTimeISO: '2026-01-01' })).toEqual({ text: "todatetime('2026-01-01')" });
    // An entity type with an identifier it does not have is no placeholder of Sentinel's: a typo of a parameter.
    expect(renderContentText('"{{Account_Nme}}"', {})).toEqual({ problem: expect.objectContaining({ line: 1, column: 4 }) });
  });

  test('leave quotes as they are (no HTML escaping)', () => {
    expect(renderContentText('where a == "{{v}}"', { v: 'O\'Brien & <co>' })).toEqual({ text: 'where a == "O\'Brien & <co>"' });
  });
});

describe('solution.yaml', () => {
  const files = (manifest: string, others: Record<string, string> = {}) => ({
    directory: 'solutions/test', files: new Map(Object.entries({ 'solution.yaml': manifest, ...others })),
  });
  const validManifest = 'name: Test\npublisher: Contoso\nversion: 1.0.0\ndescription: A test.\nsupport: { tier: Community }\n';

  test('fails on every mistake at once, each naming the file, the position, the path and the expectation', () => {
    const { solution, problems } = parseSolution(files(`name: Test
publisher: Contoso
version: '1.0'
description: A test.
support:
  tier: Partner
  name: Contoso SOC
parameters:
  workspaceName:
    description: clashes with the workspace's own
dataConnectors:
  - id: Fw
    ingestionPath: cef-ama
    facilityNames: [local9]
  - id: Fw
    ingestionPath: ftp
analyticRules: [rules/*.yaml]
playbooks: []
`));
    expect(solution).toBeUndefined();
    expect(formatted(problems)).toEqual([
      'solutions/test/solution.yaml:18:1: playbooks: is not an allowed property here',
      'solutions/test/solution.yaml:3:10: version: must be a version major.minor.patch, e.g. 1.0.0 (got "1.0")',
      'solutions/test/solution.yaml:6:3: support: Partner support needs a name, and a link or an e-mail address',
      'solutions/test/solution.yaml:14:21: dataConnectors[0].facilityNames[0]: must be one of "*", "alert", "audit", "auth", "authpriv", "clock", '
        + '"cron", "daemon", "ftp", "kern", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7", "lpr", "mail", '
        + '"mark", "news", "nopri", "ntp", "syslog", "user", "uucp" (got "local9")',
      'solutions/test/solution.yaml:16:20: dataConnectors[1].ingestionPath: must be one of "syslog-ama", "cef-ama", "logs-ingestion-api" (got "ftp")',
    ]);
  });

  test('fails on reserved parameter names and repeated connector ids once the schema passes', () => {
    const { problems } = parseSolution(files(`${validManifest}parameters:\n  workspaceName: { description: x }\n`
      + 'dataConnectors:\n  - { id: A, ingestionPath: syslog-ama, facilityNames: [auth] }\n  - { id: A, ingestionPath: cef-ama, facilityNames: [local4] }\n'));
    expect(formatted(problems)).toEqual([
      expect.stringMatching(/^solutions\/test\/solution\.yaml:7:3: parameters\.workspaceName: is a name every workspace provides/),
      'solutions/test/solution.yaml:10:11: dataConnectors[1].id: "A" is also the id of dataConnectors[0]; connector ids are construct ids and must be unique',
    ]);
  });

  test('says to quote a handlebars expression that YAML read as a mapping', () => {
    const { problems } = parseSolution(files(`${validManifest}watchlists:\n  - { file: w.csv, alias: {{name}}, displayName: W, itemsSearchKey: A }\n`));
    expect(formatted(problems)).toEqual([
      'solutions/test/solution.yaml:7:28: a mapping is used as a key; a handlebars expression must be quoted in YAML (\'{{name}}\')',
    ]);
  });

  test('reports a pattern that names no file, a watchlist whose key is not a column, and a content file nobody listed', () => {
    const { problems } = parseSolution(files(`${validManifest}analyticRules: [rules/*.yaml]\n`
      + 'watchlists:\n  - { file: w.csv, alias: W, displayName: W, itemsSearchKey: Ip }\n', { 'w.csv': 'Address,Owner\n10.0.0.1,x\n', 'hunting/h.yaml': '' }));
    expect(formatted(problems)).toEqual([
      'solutions/test/solution.yaml:6:17: analyticRules[0]: "rules/*.yaml" names no file in solutions/test',
      'solutions/test/solution.yaml:8:5: watchlists[0].itemsSearchKey: "Ip" is not a column of solutions/test/w.csv (Address, Owner)',
      'solutions/test/hunting/h.yaml: is not listed in solution.yaml, so it is not deployed',
    ]);
  });

  test('fails on a watchlist row with the wrong number of fields and on a repeated search key', () => {
    const { problems } = parseSolution(files(`${validManifest}watchlists:\n  - { file: w.csv, alias: W, displayName: W, itemsSearchKey: Ip }\n`,
      { 'w.csv': 'Ip,Owner\n10.0.0.1,a\n10.0.0.2\n10.0.0.1,b\n' }));
    expect(formatted(problems)).toEqual([
      'solutions/test/w.csv:3: has 1 fields; the header has 2',
      'solutions/test/w.csv:4: the search key Ip "10.0.0.1" repeats line 2',
    ]);
  });

  test('fails on two rules with the same id', () => {
    const { problems } = parseSolution(files(`${validManifest}analyticRules: [a.yaml, b.yaml]\n`, { 'a.yaml': rule(), 'b.yaml': rule() }));
    expect(formatted(problems)).toEqual(['solutions/test/b.yaml: the analytic rule id "7bf280a0-a322-45be-bad9-61474591b99f" is also used by solutions/test/a.yaml']);
  });
});

describe('the shipped solutions', () => {
  test.each(SHIPPED_SOLUTIONS)('%s loads without a warning', (name) => {
    const solution = loadSolution(shippedSolutionDirectory(name));
    expect(formatted(solution.warnings)).toEqual([]);
    expect(solution.analyticRules.length).toBeGreaterThan(0);
    expect(solution.parsers.length).toBeGreaterThan(0);
    expect(solution.huntingQueries.length).toBeGreaterThan(0);
  });
});

describe('the published schemas', () => {
  test('list the facilities, levels, entity types and the tactics azurerm accepts', () => {
    const solution = SOLUTION_SCHEMAS.solution.definitions;
    expect(solution.syslogFacility.enum).toEqual([...SYSLOG_FACILITY_NAMES]);
    expect(solution.syslogLevel.enum).toEqual([...SYSLOG_LOG_LEVELS]);
    expect(SOLUTION_SCHEMAS['analytic-rule'].definitions.tactics.items.enum).toEqual(SOLUTION_SCHEMAS['hunting-query'].properties.tactics.items.enum);
    expect(ENTITY_TYPES).toHaveLength(18);
  });

  test('the Watchlist table has Microsoft\'s columns, in order', () => {
    const microsoft = JSON.parse(readTestdata('table-schemas/Watchlist.json')) as { Properties: Array<{ name: string; type: string }> };
    const types: Record<string, string> = { String: 'string', DateTime: 'datetime', Object: 'dynamic' };
    expect(WATCHLIST_TABLE.columns.map(({ name, type }) => ({ name, type })))
      .toEqual(microsoft.Properties.map((property) => ({ name: property.name, type: types[property.type] })));
  });
});
