import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { CefConnector } from '../../constructs/connectors/cef-connector';
import { LogsIngestionConnector } from '../../constructs/connectors/logs-ingestion-connector';
import { SyslogConnector } from '../../constructs/connectors/syslog-connector';
import { CustomTable } from '../../constructs/custom-table';
import { SentinelWorkspace } from '../../constructs/sentinel-workspace';
import { SHIPPED_SOLUTIONS, shippedSolutionDirectory } from '../../constructs/solutions/load-solution';
import { SolutionPackage, SolutionPackageProps } from '../../constructs/solutions/solution-package';
import { deploymentOrderFindings } from '../../model/deployment/check-deployment-order';
import { parseSolution, SolutionDefinition } from '../../model/solutions/parse-solution';
import { formatSolutionProblem } from '../../model/solutions/solution-problem';
import { readTestdata } from '../support/shared-testdata';
import { newStack, newWorkspaceStack, resourcesOf, synth, synthError, SynthesizedStack, warningsOf } from '../support/synth';

const VM = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-fwd/providers/Microsoft.Compute/virtualMachines/fwd-01';
const ONBOARDING = ['azurerm_sentinel_log_analytics_workspace_onboarding.Sentinel_SentinelOnboarding_2D7913B4'];

const MANIFEST = 'name: Test\npublisher: Contoso\nversion: 1.0.0\ndescription: A test solution.\nsupport: { tier: Community }\n';

/** A solution read from files held in memory, as `loadSolution` reads a folder; fails on any error. */
function solutionOf(manifest: string, files: Record<string, string> = {}): SolutionDefinition {
  const { solution, problems } = parseSolution({ directory: 'solutions/test', files: new Map(Object.entries({ 'solution.yaml': MANIFEST + manifest, ...files })) });
  if (solution === undefined) {
    throw new Error(problems.map(formatSolutionProblem).join('\n'));
  }
  return solution;
}

/** A Scheduled rule over Syslog with `query` (indented as a literal block) and extra lines. */
function syslogRule(id: string, query: string, extra = ''): string {
  return `id: ${id}\nname: Rule ${id.slice(0, 4)}\ndescription: Finds things.\nseverity: Low\nkind: Scheduled\nqueryFrequency: 1h\nqueryPeriod: 1h\n`
    + `requiredDataConnectors:\n  - connectorId: SyslogAma\n    dataTypes: [Syslog]\nquery: |\n${query.split('\n').map((line) => `  ${line}`).join('\n')}\n${extra}`;
}

/** A stack with a workspace that has Syslog and CEF connectors, so that the tables content reads are filled. */
function workspaceWithAgentConnectors(): { stack: TerraformStack; workspace: SentinelWorkspace } {
  const { stack, workspace } = newWorkspaceStack();
  workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth', 'authpriv'], minimumLevel: 'Info' });
  workspace.addConnector(CefConnector, 'Appliances', { facilityNames: ['local4'], minimumLevel: 'Info' });
  return { stack, workspace };
}

function install(stack: TerraformStack, id: string, props: Omit<SolutionPackageProps, 'solution'> & { solution: SolutionDefinition | string }): SolutionPackage {
  return new SolutionPackage(stack, id, props);
}

function byName(synthesized: SynthesizedStack, type: string, name: string): Record<string, unknown> {
  const found = resourcesOf(synthesized, type).find((resource) => resource.name === name);
  if (found === undefined) {
    throw new Error(`no ${type} named ${name}`);
  }
  return found;
}

describe('Microsoft\'s analytic rules and parsers, deployed', () => {
  const rules = ['NRT_squid_events_for_mining_pools', 'PaloAlto-NetworkBeaconing', 'PaloAlto-PortScanning', 'PaloAlto-UnusualThreatSignatures',
    'sftp_file_transfer_above_threshold', 'ssh_potentialBruteForce'];
  const files = Object.fromEntries([
    ...rules.map((name) => [`rules/${name}.yaml`, readTestdata(`sentinel-content/rules/${name}.yaml`)]),
    ['parsers/OpenVpnEvent.yaml', readTestdata('sentinel-content/parsers/OpenVpnEvent.yaml')],
    ['parsers/PaloAltoPANOSSyslog.yaml', readTestdata('sentinel-content/parsers/PaloAlto-PAN-OS/PaloAltoPANOSSyslog.yaml')],
  ]);
  const { stack, workspace } = workspaceWithAgentConnectors();
  install(stack, 'Microsoft', { workspace, solution: solutionOf('analyticRules: [rules/*.yaml]\nparsers: [parsers/*.yaml]\n', files) });
  const synthesized = synth(stack);

  test('every rule becomes an alert rule of its kind, every parser a function; only the spelling warnings remain', () => {
    expect(resourcesOf(synthesized, 'azurerm_sentinel_alert_rule_scheduled')).toHaveLength(5);
    expect(resourcesOf(synthesized, 'azurerm_sentinel_alert_rule_nrt')).toHaveLength(1);
    expect(resourcesOf(synthesized, 'azurerm_log_analytics_saved_search').map((search) => search.function_alias).sort())
      .toEqual(['OpenVpnEvent', 'PaloAltoPANOSSyslog']);
    expect(warningsOf(stack)).toEqual([
      expect.stringContaining('[test/Microsoft] solution: solutions/test/rules/ssh_potentialBruteForce.yaml:52:21: entityMappings[2].fieldMappings[0].identifier: "Name" is not an identifier of Host'),
      expect.stringContaining('[test/Microsoft] solution: solutions/test/rules/ssh_potentialBruteForce.yaml:54:17: entityMappings[3].entityType: "Azure resource" is sent as "AzureResource"'),
    ]);
  });

  test('a Scheduled rule has ISO 8601 durations, azurerm\'s operator, its entity mappings, custom details and incident settings', () => {
    expect(byName(synthesized, 'azurerm_sentinel_alert_rule_scheduled', 'bb6a74c8-889d-4c6e-8412-7d5efe33f4ed')).toEqual({
      name: 'bb6a74c8-889d-4c6e-8412-7d5efe33f4ed',
      display_name: 'SFTP File transfer above threshold',
      description: expect.stringMatching(/^Identifies SFTP File Transfers above certain threshold/),
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}',
      severity: 'Medium',
      enabled: true,
      query: expect.stringContaining('| parse SyslogMessage with "close \\"" filepath'),
      query_frequency: 'PT15M',
      query_period: 'PT15M',
      trigger_operator: 'GreaterThan',
      trigger_threshold: 0,
      tactics: ['Exfiltration'],
      techniques: ['T1020'],
      entity_mapping: [
        { entity_type: 'Account', field_mapping: [{ identifier: 'Name', column_name: 'username' }] },
        { entity_type: 'IP', field_mapping: [{ identifier: 'Address', column_name: 'src_ip' }] },
        { entity_type: 'Host', field_mapping: [{ identifier: 'HostName', column_name: 'Computer' }] },
        { entity_type: 'File', field_mapping: [{ identifier: 'Name', column_name: 'FileSample' }] },
      ],
      custom_details: { TransferCount: 'count_distinct_filepath', FilesList: 'fileslist' },
      incident: {
        create_incident_enabled: true,
        grouping: {
          enabled: true, reopen_closed_incidents: false, lookback_duration: 'PT5H', entity_matching_method: 'Selected',
          by_entities: ['Account', 'Host'],
        },
      },
      depends_on: ONBOARDING,
    });
  });

  test('day-long schedules are P1D, entity types are Azure\'s, sub-techniques their technique', () => {
    expect(byName(synthesized, 'azurerm_sentinel_alert_rule_scheduled', 'e1ce0eab-10d1-4aae-863f-9a383345ba88')).toMatchObject({
      query_frequency: 'P1D', query_period: 'P1D',
      entity_mapping: expect.arrayContaining([{ entity_type: 'AzureResource', field_mapping: [{ identifier: 'ResourceId', column_name: 'ResourceId' }] }]),
    });
    expect(byName(synthesized, 'azurerm_sentinel_alert_rule_scheduled', '89a86f70-615f-4a79-9621-6f68c50f365f')).toMatchObject({
      query_frequency: 'PT1H', query_period: 'P7D', techniques: ['T1046', 'T1030', 'T1071'],
    });
  });

  test('an NRT rule has no schedule and the event grouping azurerm requires', () => {
    const nrt = byName(synthesized, 'azurerm_sentinel_alert_rule_nrt', 'dd03057e-4347-4853-bf1e-2b2d21eb4e59');
    expect(nrt).toMatchObject({ severity: 'Low', tactics: ['CommandAndControl'], techniques: ['T1102'], event_grouping: { aggregation_method: 'SingleAlert' } });
    expect(nrt).not.toHaveProperty('query_frequency');
    expect(nrt).not.toHaveProperty('trigger_operator');
  });

  test('a parser is a saved search declaring a workspace function', () => {
    expect(byName(synthesized, 'azurerm_log_analytics_saved_search', '1061067d-26f2-4f17-8e59-83f83d989fc0')).toEqual({
      name: '1061067d-26f2-4f17-8e59-83f83d989fc0', category: 'Microsoft Sentinel Parser', display_name: 'Parser for OpenVpnEvent',
      function_alias: 'OpenVpnEvent', query: expect.stringMatching(/^let EventData = Syslog\n/),
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}', depends_on: ONBOARDING,
    });
  });
});

describe('content queries are checked at synth', () => {
  test('fails on a syntax error, with the file, line, column and the line of the query', () => {
    const { stack, workspace } = workspaceWithAgentConnectors();
    install(stack, 'Broken', { workspace, solution: solutionOf('analyticRules: [rules/broken.yaml]\n', {
      'rules/broken.yaml': syslogRule('56ab6f1d-9485-4ba9-9106-49f8a6c1b68f', 'Syslog\n| where ProcessName == '),
    }) });
    expect(synthError(stack)).toContain('[test/Broken] analyticRules: solutions/test/rules/broken.yaml:13:25: query: Missing expression (KS006)\n'
      + `    | where ProcessName == \n    ${' '.repeat(22)}^`);
  });

  test('an unknown table or column is a warning naming the file and the position', () => {
    const { stack, workspace } = workspaceWithAgentConnectors();
    install(stack, 'Unknown', { workspace, solution: solutionOf('analyticRules: [rules/*.yaml]\nhuntingQueries: [hunting/h.yaml]\n', {
      'rules/a.yaml': syslogRule('56ab6f1d-9485-4ba9-9106-49f8a6c1b68f', 'Syslog\n| where Proces == "sshd"'),
      'hunting/h.yaml': 'id: 7bf280a0-a322-45be-bad9-61474591b99f\nname: Hunt\ndescription: Hunts.\nquery: |\n  SecurityEvent\n  | take 10\n',
    }) });
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(/^\[test\/Unknown\] huntingQueries: solutions\/test\/hunting\/h\.yaml:5:3: query: The name 'SecurityEvent' does not refer to any known table, tabular variable or function\. \(KS204\); the model knows 17 built-in tables \(sentinel-cdk kql check --help lists them\) and the functions _GetWatchlist/),
      expect.stringMatching(/^\[test\/Unknown\] analyticRules: solutions\/test\/rules\/a\.yaml:13:11: query: The name 'Proces' does not refer to any known column, table, variable or function\. \(KS142\)/),
    ]);
  });

  test('a query over a table of Microsoft\'s catalog is checked against its columns and types', () => {
    const { stack, workspace } = workspaceWithAgentConnectors();
    const hunting = (query: string, id = '7bf280a0-a322-45be-bad9-61474591b99f') => `id: ${id}\nname: Hunt\ndescription: Hunts.\nquery: |\n  ${query}\n`;
    install(stack, 'Activity', { workspace, solution: solutionOf('huntingQueries: [hunting/*.yaml]\n', {
      'hunting/good.yaml': hunting('AzureActivity | where OperationNameValue =~ "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE" '
        + '| project TimeGenerated, Caller, CallerIpAddress'),
      'hunting/typo.yaml': hunting('ASimNetworkSessionLogs | where DstPortNumbr == 22', '2c1a7f37-3f0e-4a59-9d3b-7a4f1b9d0c11'),
    }) });
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(/^\[test\/Activity\] huntingQueries: solutions\/test\/hunting\/typo\.yaml:5:34: query: The name 'DstPortNumbr' does not refer to any known column/),
    ]);
    const { stack: typed, workspace: typedWorkspace } = workspaceWithAgentConnectors();
    install(typed, 'Typed', { workspace: typedWorkspace, solution: solutionOf('huntingQueries: [hunting/h.yaml]\n', {
      'hunting/h.yaml': hunting('ASimNetworkSessionLogs | where DstPortNumber > now()'),
    }) });
    expect(synthError(typed)).toContain("solutions/test/hunting/h.yaml:5:48: query: The operator '>' is not defined for the operand types int and datetime. (KS106)");
  });

  test('fails on an entity mapping, custom detail or alert name that refers to a column the query does not return', () => {
    const { stack, workspace } = workspaceWithAgentConnectors();
    install(stack, 'Columns', { workspace, solution: solutionOf('analyticRules: [rules/r.yaml]\n', {
      'rules/r.yaml': syslogRule('56ab6f1d-9485-4ba9-9106-49f8a6c1b68f', 'Syslog\n| summarize Count = count() by Computer',
        'entityMappings:\n  - entityType: Host\n    fieldMappings:\n      - identifier: HostName\n        columnName: HostName\n'
        + 'customDetails:\n  Count: Count\nalertDetailsOverride:\n  alertDisplayNameFormat: Many events on {{Computer}} from {{SourceIP}}\n'),
    }) });
    const error = synthError(stack);
    expect(error).toContain('[test/Columns] analyticRules: solutions/test/rules/r.yaml:18:21: entityMappings[0].fieldMappings[0].columnName: '
      + 'the query returns no column "HostName" (it returns Computer, Count); Sentinel refuses a rule that maps a column its query does not return');
    expect(error).toContain('solutions/test/rules/r.yaml:22:27: alertDetailsOverride.alertDisplayNameFormat: the query returns no column "SourceIP"');
    expect(error).not.toContain('customDetails');
  });

  test('knows the workspace\'s custom tables, the parsers of every solution of the workspace, and _GetWatchlist with its columns', () => {
    const { stack, workspace } = workspaceWithAgentConnectors();
    new CustomTable(stack, 'Vpn', { workspace, tableName: 'Vpn_CL', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'User', type: 'string' }] });
    workspace.addConnector(LogsIngestionConnector, 'VpnFeed', {
      connectorId: 'VpnFeed', title: 'VPN', streamName: 'Custom-Vpn', streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'User', type: 'string' }],
      tableName: 'Vpn_CL',
    });
    install(stack, 'Parsers', { workspace, solution: solutionOf('parsers: [VpnEvent.yaml]\n', {
      'VpnEvent.yaml': 'id: 938b9a3f-e543-4f39-9410-c50e5ea02f6a\nFunction: { Title: VPN }\nFunctionName: VpnEvent\nFunctionAlias: VpnEvent\n'
        + 'FunctionParams:\n  - { Name: onlyUser, Type: string, Default: "\'\'" }\n'
        + 'FunctionQuery: |\n  Vpn_CL\n  | where isempty(onlyUser) or User == onlyUser\n  | extend ActorUsername = User\n',
    }) });
    install(stack, 'Rules', { workspace, solution: solutionOf('analyticRules: [r.yaml]\nwatchlists:\n'
      + '  - { file: admins.csv, alias: VpnAdmins, displayName: VPN admins, itemsSearchKey: Account }\n', {
      'r.yaml': syslogRule('bd9687f0-4483-4944-8380-f84e88f78bb2', 'let Admins = _GetWatchlist("VpnAdmins") | project Account, Team;\n'
        + 'VpnEvent("") | where ActorUsername in ((Admins | project Account)) | summarize Logons = count() by ActorUsername',
      'entityMappings:\n  - entityType: Account\n    fieldMappings:\n      - identifier: Name\n        columnName: ActorUsername\n')
        .replace('SyslogAma\n    dataTypes: [Syslog]', 'VpnFeed\n    dataTypes: [Vpn_CL]'),
      'admins.csv': 'Account,Team\nalice,network\n',
    }) });
    const synthesized = synth(stack);
    expect(warningsOf(stack)).toEqual([]);
    expect(byName(synthesized, 'azurerm_log_analytics_saved_search', '938b9a3f-e543-4f39-9410-c50e5ea02f6a')).toMatchObject({
      function_alias: 'VpnEvent', function_parameters: ["onlyUser:string=''"],
    });
  });

  test('warns about a table that content reads and no connector of the workspace fills', () => {
    const { stack, workspace } = newWorkspaceStack();
    install(stack, 'Unfed', { workspace, solution: solutionOf('analyticRules: [r.yaml]\n', {
      'r.yaml': syslogRule('56ab6f1d-9485-4ba9-9106-49f8a6c1b68f', 'Syslog\n| take 1'),
    }) });
    synth(stack);
    expect(warningsOf(stack)).toEqual(['[test/Unfed] dataConnectors: Syslog, which "Rule 56ab" reads, is filled by no connector of workspace '
      + 'test/Sentinel; add one (or pass it in connectors) or the content will find no data']);
  });

  test('writes a query holding ${ or %{ as itself, not as a Terraform expression', () => {
    const { stack, workspace } = workspaceWithAgentConnectors();
    install(stack, 'Dollar', { workspace, solution: solutionOf('analyticRules: [r.yaml]\n', {
      'r.yaml': syslogRule('56ab6f1d-9485-4ba9-9106-49f8a6c1b68f', 'Syslog\n| where SyslogMessage has "${HOME}" or SyslogMessage has "%{x}"'),
    }) });
    expect(resourcesOf(synth(stack), 'azurerm_sentinel_alert_rule_scheduled')[0].query)
      .toBe('Syslog\n| where SyslogMessage has "$${HOME}" or SyslogMessage has "%%{x}"\n');
  });
});

describe('parameters, watchlists, workbooks and automation rules', () => {
  const manifest = 'parameters:\n  threshold: { description: How many, default: "5" }\n  adminsWatchlist: { description: Alias of the admins }\n'
    + 'analyticRules: [r.yaml]\nautomationRules: [a.yaml]\nworkbooks:\n  - { file: w.json, displayName: Overview }\n'
    + 'watchlists:\n  - { file: admins.csv, alias: "{{adminsWatchlist}}", displayName: "Admins of {{workspaceName}}", itemsSearchKey: Account }\n';
  const files = {
    'r.yaml': syslogRule('56ab6f1d-9485-4ba9-9106-49f8a6c1b68f', 'let threshold = {{threshold}};\n'
      + 'Syslog\n| where Computer !in ((_GetWatchlist("{{adminsWatchlist}}") | project SearchKey))\n| summarize Count = count() by Computer\n| where Count > threshold'),
    'a.yaml': 'id: 42f627a0-4d9e-47f4-b0a8-7bdd13152ba6\ndisplayName: Escalate\norder: 5\ntriggeringLogic:\n  triggersOn: Incidents\n  triggersWhen: Created\n'
      + '  conditions:\n    - conditionType: Property\n      conditionProperties:\n        propertyName: IncidentRelatedAnalyticRuleIds\n'
      + '        operator: Contains\n        propertyValues: [\'{{analyticRule "r"}}\']\nactions:\n'
      + '  - { order: 1, actionType: ModifyProperties, actionConfiguration: { severity: High, labels: [{ labelName: "{{adminsWatchlist}}" }] } }\n'
      + '  - { order: 2, actionType: AddIncidentTask, actionConfiguration: { title: Call the admin } }\n',
    'w.json': JSON.stringify({ version: 'Notebook/1.0', items: [{ type: 1, content: { json: 'Cost: ${cost}' } }], fallbackResourceIds: ['{{workspaceResourceId}}'] }),
    'admins.csv': 'Account,Phone\nalice,"+1 555 0100"\nbob/ops,+1 555 0101\n',
  };
  const solution = solutionOf(manifest, files);

  test('resolve per workspace: each workspace gets its own watchlist alias in the query and the watchlist', () => {
    const stack = newStack();
    const weu = new SentinelWorkspace(stack, 'Weu', { workspaceName: 'soc-weu', resourceGroupName: 'rg-weu', location: 'westeurope' });
    const neu = new SentinelWorkspace(stack, 'Neu', { workspaceName: 'soc-neu', resourceGroupName: 'rg-neu', location: 'northeurope' });
    [weu, neu].forEach((workspace) => workspace.addConnector(SyslogConnector, 'Auth', { facilityNames: ['auth'], minimumLevel: 'Info' }));
    install(stack, 'InWeu', { workspace: weu, solution, parameters: { adminsWatchlist: 'AdminsWeu' } });
    install(stack, 'InNeu', { workspace: neu, solution, parameters: { adminsWatchlist: 'AdminsNeu', threshold: '50' } });
    const synthesized = synth(stack);
    expect(warningsOf(stack)).toEqual([]);
    const queryOf = (workspaceId: string) => resourcesOf(synthesized, 'azurerm_sentinel_alert_rule_scheduled')
      .find((rule) => (rule.log_analytics_workspace_id as string).startsWith(`\${azurerm_log_analytics_workspace.${workspaceId}_`))?.query as string;
    expect(queryOf('Weu')).toMatch(/^let threshold = 5;\nSyslog\n\| where Computer !in \(\(_GetWatchlist\("AdminsWeu"\)/);
    expect(queryOf('Neu')).toMatch(/^let threshold = 50;\nSyslog\n\| where Computer !in \(\(_GetWatchlist\("AdminsNeu"\)/);
    expect(resourcesOf(synthesized, 'azurerm_sentinel_watchlist').map(({ name, display_name }) => ({ name, display_name }))).toEqual([
      { name: 'AdminsNeu', display_name: 'Admins of soc-neu' }, { name: 'AdminsWeu', display_name: 'Admins of soc-weu' },
    ]);
  });

  const { stack, workspace } = workspaceWithAgentConnectors();
  install(stack, 'Package', { workspace, solution, parameters: { adminsWatchlist: 'Admins' } });
  const synthesized = synth(stack);

  test('a watchlist has one item per row, named from its search key so that the plan is stable', () => {
    expect(resourcesOf(synthesized, 'azurerm_sentinel_watchlist')[0]).toMatchObject({ name: 'Admins', item_search_key: 'Account', depends_on: ONBOARDING });
    expect(resourcesOf(synthesized, 'azurerm_sentinel_watchlist_item')).toEqual([
      { name: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), properties: { Account: 'alice', Phone: '+1 555 0100' },
        watchlist_id: '${azurerm_sentinel_watchlist.Package_Watchlists_admins_A4BC85BD.id}' },
      { name: expect.any(String), properties: { Account: 'bob/ops', Phone: '+1 555 0101' },
        watchlist_id: '${azurerm_sentinel_watchlist.Package_Watchlists_admins_A4BC85BD.id}' },
    ]);
    expect(Object.keys(synthesized.resource.azurerm_sentinel_watchlist_item)).toEqual([
      'Package_Watchlists_admins_Item-alice_A3B61109', 'Package_Watchlists_admins_Item-bob_ops_9CC16364',
    ]);
  });

  test('a workbook is a Sentinel workbook of the workspace, its template\'s parameters resolved and its ${ kept literal', () => {
    const [workbook] = resourcesOf(synthesized, 'azurerm_application_insights_workbook');
    expect(workbook).toMatchObject({
      name: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      display_name: 'Overview', category: 'sentinel', location: 'westeurope',
      resource_group_name: '${azurerm_resource_group.Sentinel_ResourceGroup_3D1E09A4.name}',
      source_id: '${lower(azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id)}',
    });
    expect(JSON.parse(workbook.data_json as string)).toEqual({
      version: 'Notebook/1.0', items: [{ type: 1, content: { json: 'Cost: $${cost}' } }],
      fallbackResourceIds: ['${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}'],
    });
  });

  test('an automation rule names the solution\'s rule by its resource ID and maps each action to its azurerm block', () => {
    expect(resourcesOf(synthesized, 'azurerm_sentinel_automation_rule')).toEqual([{
      name: '42f627a0-4d9e-47f4-b0a8-7bdd13152ba6', display_name: 'Escalate', order: 5, enabled: true,
      triggers_on: 'Incidents', triggers_when: 'Created',
      condition_json: JSON.stringify([{ conditionType: 'Property', conditionProperties: {
        propertyName: 'IncidentRelatedAnalyticRuleIds', operator: 'Contains',
        propertyValues: ['${azurerm_sentinel_alert_rule_scheduled.Package_AnalyticRules_r_088A0CE2.id}'] } }]),
      action_incident: [{ order: 1, severity: 'High', labels: ['Admins'] }],
      action_incident_task: [{ order: 2, title: 'Call the admin' }],
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.Sentinel_64DAE5A3.id}', depends_on: ONBOARDING,
    }]);
  });

  test('fails on an unknown parameter, a missing one and a Terraform reference, all at once', () => {
    const { stack: other, workspace: otherWorkspace } = workspaceWithAgentConnectors();
    const reference = new TerraformVariable(other, 'alias', { type: 'string' });
    expect(() => install(other, 'Bad', { workspace: otherWorkspace, solution, parameters: { threshhold: '3', threshold: reference.stringValue } }))
      .toThrow('[test/Bad] parameters.threshhold: is not a parameter of the solution Test (declared: threshold, adminsWatchlist)\n'
        + '[test/Bad] parameters.threshold: is a Terraform reference; parameters go into queries that are checked at synth, so give the value itself\n'
        + '[test/Bad] parameters.adminsWatchlist: the solution Test has no default for it (Alias of the admins); give a value');
  });

  test('disables the rules the stack names, and fails on a name that is no rule', () => {
    const { stack: other, workspace: otherWorkspace } = workspaceWithAgentConnectors();
    install(other, 'Quiet', { workspace: otherWorkspace, solution, parameters: { adminsWatchlist: 'A' }, disabledAnalyticRules: ['r'] });
    expect(resourcesOf(synth(other), 'azurerm_sentinel_alert_rule_scheduled')[0].enabled).toBe(false);
    expect(() => install(other, 'Typo', { workspace: otherWorkspace, solution, parameters: { adminsWatchlist: 'B' }, disabledAnalyticRules: ['rr'] }))
      .toThrow('[test/Typo] disabledAnalyticRules: "rr" is neither the id nor the file name of an analytic rule of Test');
  });

  test('fails when two packages deploy the same content to one workspace', () => {
    const { stack: other, workspace: otherWorkspace } = workspaceWithAgentConnectors();
    install(other, 'First', { workspace: otherWorkspace, solution, parameters: { adminsWatchlist: 'Admins' } });
    install(other, 'Second', { workspace: otherWorkspace, solution, parameters: { adminsWatchlist: 'Admins' } });
    const error = synthError(other);
    expect(error).toContain('[test/Second] analyticRules: the analytic rule "56ab6f1d-9485-4ba9-9106-49f8a6c1b68f" is also deployed to workspace test/Sentinel by test/First');
    expect(error).toContain('[test/Second] watchlists: the watchlist "Admins" is also deployed');
    expect(error).not.toContain('[test/First]');
  });
});

describe('the connectors a solution brings', () => {
  const manifest = 'dataConnectors:\n  - { id: Auth, ingestionPath: syslog-ama, facilityNames: [auth, authpriv], minimumLevel: Notice }\n'
    + '  - { id: Feed, ingestionPath: logs-ingestion-api, connectorId: Feed, title: Feed, streamName: Custom-Feed, '
    + 'streamColumns: [{ name: TimeGenerated, type: datetime }, { name: Message, type: string }], tableName: Feed_CL, '
    + 'tableColumns: [{ name: TimeGenerated, type: datetime }, { name: Message, type: string }] }\n';
  const solution = solutionOf(manifest);

  test('are created with the declared settings and the stack\'s, and registered with the workspace', () => {
    const { stack, workspace } = newWorkspaceStack();
    const installed = install(stack, 'Pkg', { workspace, solution, connectorSettings: { Auth: { forwarderResourceIds: [VM] }, Feed: { senderPrincipalIds: ['11111111-1111-1111-1111-111111111111'] } } });
    const synthesized = synth(stack);
    expect(workspace.connectors.map((connector) => connector.node.path)).toEqual(['test/Pkg/Auth', 'test/Pkg/Feed']);
    expect(installed.connector('Auth')).toBeInstanceOf(SyslogConnector);
    expect(resourcesOf(synthesized, 'azurerm_monitor_data_collection_rule').map((rule) => rule.name)).toEqual(['contoso-sentinel-Auth', 'contoso-sentinel-Feed']);
    expect(resourcesOf(synthesized, 'azurerm_monitor_data_collection_rule_association')[0].target_resource_id).toBe(VM);
    expect(resourcesOf(synthesized, 'azurerm_role_assignment')[0].principal_id).toBe('11111111-1111-1111-1111-111111111111');
    expect(resourcesOf(synthesized, 'azurerm_log_analytics_workspace_table_custom_log')[0].name).toBe('Feed_CL');
  });

  test('are the stack\'s own when it passes them; a connector collecting fewer facilities is a warning', () => {
    const { stack, workspace } = newWorkspaceStack();
    const auth = workspace.addConnector(SyslogConnector, 'LinuxAuth', { facilityNames: ['auth'], minimumLevel: 'Info' });
    const feed = workspace.addConnector(LogsIngestionConnector, 'Feed', {
      connectorId: 'Feed', title: 'Feed', streamName: 'Custom-Feed', streamColumns: [{ name: 'TimeGenerated', type: 'datetime' }], tableName: 'Feed_CL',
      tableColumns: [{ name: 'TimeGenerated', type: 'datetime' }],
    });
    const installed = install(stack, 'Pkg', { workspace, solution, connectors: { Auth: auth, Feed: feed } });
    expect(installed.connector('Auth')).toBe(auth);
    expect(resourcesOf(synth(stack), 'azurerm_monitor_data_collection_rule')).toHaveLength(2);
    expect(warningsOf(stack)).toEqual(['[test/Pkg] connectors.Auth: test/Sentinel/LinuxAuth collects auth, but the solution expects auth, authpriv; '
      + 'its content will not see events of the other facilities']);
  });

  test('fail on a connector of another kind, an id the solution does not declare, and a setting of another kind, all at once', () => {
    const { stack, workspace } = newWorkspaceStack();
    const cef = workspace.addConnector(CefConnector, 'Cef', { facilityNames: ['local4'], minimumLevel: 'Info' });
    expect(() => install(stack, 'Pkg', {
      workspace, solution, connectors: { Auth: cef, Nope: cef }, connectorSettings: { Feed: { forwarderResourceIds: [VM] } },
    })).toThrow('[test/Pkg] connectors.Nope: the solution declares no connector "Nope" (it declares Auth, Feed)\n'
      + '[test/Pkg] connectors.Auth: test/Sentinel/Cef is a cef-ama connector; the solution declares a syslog-ama connector\n'
      + '[test/Pkg] connectorSettings.Feed.forwarderResourceIds: does not apply to a logs-ingestion-api connector (it takes senderPrincipalIds, dataCollectionEndpoint, tablePlan)');
  });
});

describe('solution folders', () => {
  test('a folder with mistakes fails with every error of every file, named as in the folder', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'solution-'));
    try {
      mkdirSync(path.join(root, 'rules'));
      writeFileSync(path.join(root, 'solution.yaml'), `${MANIFEST}analyticRules: [rules/*.yaml]\nparsers: [parsers/p.yaml]\n`);
      writeFileSync(path.join(root, 'rules', 'a.yaml'), syslogRule('not-a-guid', 'Syslog'));
      writeFileSync(path.join(root, 'rules', 'b.yaml'), 'id: [\n');
      const { stack, workspace } = newWorkspaceStack();
      expect(() => install(stack, 'Pkg', { workspace, solution: root })).toThrow(new RegExp(
        `^\\[test/Pkg\\] solution: ${root} has 3 errors:\n`
        + `  ${root}/rules/a.yaml:1:5: id: must be a GUID, e.g. 0c3abf07-bb9f-4a47-a630-96194c9cae69 \\(got "not-a-guid"\\)\n`
        + `  ${root}/rules/b.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a \\]\n`
        + `  ${root}/solution.yaml:7:11: parsers\\[0\\]: "parsers/p.yaml" names no file in ${root}$`));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the shipped solutions, end to end', () => {
  test.each(SHIPPED_SOLUTIONS)('%s deploys on its own, with the connectors it declares, without a warning', (name) => {
    const { stack, workspace } = newWorkspaceStack();
    const installed = install(stack, 'Solution', { workspace, solution: shippedSolutionDirectory(name) });
    const synthesized = synth(stack);
    expect(warningsOf(stack)).toEqual([]);
    const solution = installed.solution;
    const rules = [...resourcesOf(synthesized, 'azurerm_sentinel_alert_rule_scheduled'), ...resourcesOf(synthesized, 'azurerm_sentinel_alert_rule_nrt')];
    expect(rules.map((rule) => rule.name).sort()).toEqual(solution.analyticRules.map((rule) => rule.id).sort());
    expect(resourcesOf(synthesized, 'azurerm_log_analytics_saved_search')).toHaveLength(solution.parsers.length + solution.huntingQueries.length);
    expect(resourcesOf(synthesized, 'azurerm_sentinel_watchlist')).toHaveLength(solution.watchlists.length);
    expect(resourcesOf(synthesized, 'azurerm_application_insights_workbook')).toHaveLength(solution.workbooks.length);
    expect(workspace.connectors).toHaveLength(solution.manifest.dataConnectors.length);
    for (const rule of rules) {
      expect(rule.query).not.toContain('{{');
      // After the onboarding, and after the functions, tables and watchlists the query reads (the deployment order check).
      expect((rule.depends_on as string[])[0]).toBe(ONBOARDING[0]);
    }
    expect(deploymentOrderFindings(synthesized)).toEqual([]);
  });
});
