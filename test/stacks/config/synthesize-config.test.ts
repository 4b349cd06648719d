import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PolicyErrorMode } from '../../../model/checks/policy-error-mode';
import { ConfigError } from '../../../stacks/config/config-error';
import { synthesizeConfigFile } from '../../../stacks/config/synthesize-config';

interface Terraform {
  terraform: { backend: Record<string, Record<string, unknown>> };
  variable?: Record<string, Record<string, unknown>>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  '//': { sentinel: { connectors: Array<{ constructPath: string }>; forwarders?: Array<{ connectors: string[] }>;
    policy: { findings: Array<{ ruleId: string; constructPath: string; suppression?: { reason: string } }> } } };
}

describe('synthesizeConfigFile', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'synthesize-config-'));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('reports what the constructs refuse at the line of the value, in every stack at once (golden messages)', () => {
    let error: unknown;
    try {
      synthesizeConfigFile('test/stacks/config/fixtures/semantic/sentinel.yaml', path.join(directory, 'semantic'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const file = 'test/stacks/config/fixtures/semantic/sentinel.yaml';
    const kql = 'test/stacks/config/fixtures/semantic/transforms/web.kql';
    expect((error as Error).message).toBe([
      '6 problems in the topology config:',
      // In a literal block, the Kusto position maps to the exact line and column of the YAML file.
      `${file}:12:44: connectorDefinitions.appliances.transformKql: Missing expression (KS006)`,
      `${file}:18:22: workspaces.soc-a.retentionInDays: must be a whole number of days from 30 to 730, got 10`,
      `${file}:41:33: workspaces.soc-c.forwarders.Forwarder.sourceAddressPrefixes[0]: "0.0.0.0/0" opens the forwarder to the whole `
        + 'internet; list the devices\' own prefixes, or set allowSyslogFromInternet: true if that is really intended',
      // A transformation kept in a .kql file is reported in that file.
      `${kql}:2:66: A value of type type expected. (KS107)`,
      `${kql}:2:66: Missing expression (KS006)`,
      `${kql}:2:66: Expected: ) (KS005)`,
    ].join('\n'));
  });

  test('makes one stack per workspace from shared definitions, each with its backend, variables and policy suppressions', () => {
    const configPath = path.join(directory, 'many.yaml');
    writeFileSync(configPath, [
      'variables:',
      '  ssh_key: { description: SSH key of the forwarder administrators }',
      '  unused: { description: Declared by no stack }',
      'backend: { type: azurerm, resourceGroupName: rg-state, storageAccountName: mssptfstate, containerName: sentinel, key: "customers/{stack}.tfstate" }',
      'policy:',
      '  suppressions: [{ rule: Sentinel-DCR2, reason: Every column is read by the SOC, path: Sentinel/LinuxAuth }]',
      'connectorDefinitions:',
      '  linux-auth: { kind: syslog, facilityNames: [auth, authpriv], minimumLevel: Info, forwarders: [Forwarder] }',
      '  xdr: { kind: defenderXdr }',
      'workspaces:',
      ...['fabrikam', 'northwind'].flatMap((customer) => [
        `  ${customer}:`,
        `    workspaceName: ${customer}-sentinel`,
        `    resourceGroupName: rg-${customer}-sentinel`,
        '    location: westeurope',
        ...(customer === 'northwind' ? ['    backend: { type: local }'] : []),
        '    virtualNetworks:',
        '      Network: { name: vnet-forwarders, addressSpace: [10.1.0.0/16], subnets: { ForwarderSubnet: { name: forwarders, addressPrefixes: [10.1.1.0/24] } } }',
        '    forwarders:',
        '      Forwarder: { forwarderName: fwd, subnet: ForwarderSubnet, sourceAddressPrefixes: [10.0.0.0/8], adminSshPublicKeys: ["${var.ssh_key}"], expectedEventsPerSecond: 500 }',
        '    connectors:',
        `      LinuxAuth: { use: linux-auth${customer === 'northwind' ? ', minimumLevel: Warning' : ''} }`,
        '      DefenderXdr: { use: xdr }',
      ]),
    ].join('\n'));
    const synthesis = synthesizeConfigFile(configPath, path.join(directory, 'many'));
    expect(synthesis.stacks.map((stack) => stack.name)).toEqual(['fabrikam', 'northwind']);
    const [fabrikam, northwind] = synthesis.stacks.map((stack) => JSON.parse(readFileSync(stack.terraformPath, 'utf8')) as Terraform);

    expect(fabrikam.terraform.backend).toEqual({ azurerm: {
      resource_group_name: 'rg-state', storage_account_name: 'mssptfstate', container_name: 'sentinel',
      key: 'customers/fabrikam.tfstate', use_azuread_auth: true,
    } });
    expect(northwind.terraform.backend).toEqual({ local: { path: '../../../terraform.northwind.tfstate' } });
    expect(fabrikam.variable).toEqual({ ssh_key: { type: 'string', description: 'SSH key of the forwarder administrators' } });
    const virtualMachine = Object.values(fabrikam.resource.azurerm_linux_virtual_machine)[0] as { admin_ssh_key: Array<{ public_key: string }> };
    expect(virtualMachine.admin_ssh_key[0].public_key).toBe('${var.ssh_key}');

    const levelsOf = (terraform: Terraform) => Object.values(terraform.resource.azurerm_monitor_data_collection_rule)
      .map((rule) => (rule.data_sources as { syslog: Array<{ log_levels: string[] }> }).syslog[0].log_levels);
    expect(levelsOf(fabrikam)).toEqual([['Info', 'Notice', 'Warning', 'Error', 'Critical', 'Alert', 'Emergency']]);
    expect(levelsOf(northwind)).toEqual([['Warning', 'Error', 'Critical', 'Alert', 'Emergency']]);
    expect(northwind['//'].sentinel.connectors.map((connector) => connector.constructPath))
      .toEqual(['northwind/Sentinel/LinuxAuth', 'northwind/Sentinel/DefenderXdr']);
    expect(northwind['//'].sentinel.forwarders?.[0].connectors).toEqual(['northwind/Sentinel/LinuxAuth']);
    expect(northwind['//'].sentinel.policy.findings).toContainEqual(expect.objectContaining({
      ruleId: 'Sentinel-DCR2', constructPath: expect.stringMatching(/^northwind\/Sentinel\/LinuxAuth\//),
      suppression: { reason: 'Every column is read by the SOC' },
    }));
  });

  test('reports a policy error at the config entry it comes from, and a suppression naming no construct at its line', () => {
    const configPath = path.join(directory, 'policy.yaml');
    writeFileSync(configPath, [
      'workspaces:',
      '  lab:',
      '    workspaceName: contoso-lab',
      '    resourceGroupName: rg-lab',
      '    location: westeurope',
      '    policy:',
      '      suppressions: [{ rule: Sentinel-DCR2, reason: Lab data is small, path: Sentinel/Nothing }]',
      '    forwarders:',
      '      Forwarder:',
      '        forwarderName: fwd-lab',
      '        subnetId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
      '        sourceAddressPrefixes: [0.0.0.0/0]',
      '        allowSyslogFromInternet: true',
      '        publicIpEnabled: true',
      '        adminSshPublicKeys: [ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDummyKeyForTests]',
      '        expectedEventsPerSecond: 500',
    ].join('\n'));
    let error: unknown;
    try {
      synthesizeConfigFile(configPath, path.join(directory, 'policy'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => `${problem.line}:${problem.column}: ${problem.path}: ${problem.message}`)).toEqual([
      expect.stringMatching(/^7:78: workspaces\.lab\.policy\.suppressions\[0\]\.path: "Sentinel\/Nothing" names no construct in stack lab/),
      // The findings of the forwarder's network interface and security group, at the forwarder that made them.
      expect.stringMatching(/^10:9: workspaces\.lab\.forwarders\.Forwarder: \[Sentinel-FWD1\] .* gives the forwarder .* a public IP/),
      expect.stringMatching(/^10:9: workspaces\.lab\.forwarders\.Forwarder: \[Sentinel-FWD1\] security rule "AllowSyslogTcp" .* from "0\.0\.0\.0\/0"/),
      expect.stringMatching(/^10:9: workspaces\.lab\.forwarders\.Forwarder: \[Sentinel-FWD1\] security rule "AllowSyslogUdp" .* from "0\.0\.0\.0\/0"/),
    ]);
  });

  test('with policyErrorMode RECORD, synthesizes despite a policy error: recorded in the stack, returned as a warning at its entry', () => {
    const configPath = path.join(directory, 'recorded.yaml');
    writeFileSync(configPath, [
      'workspaces:',
      '  lab:',
      '    workspaceName: contoso-lab',
      '    resourceGroupName: rg-lab',
      '    location: westeurope',
      '    forwarders:',
      '      Forwarder:',
      '        forwarderName: fwd-lab',
      '        subnetId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
      '        sourceAddressPrefixes: [10.20.0.0/16]',
      '        publicIpEnabled: true',
      '        adminSshPublicKeys: [ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDummyKeyForTests]',
      '        expectedEventsPerSecond: 500',
    ].join('\n'));
    expect(() => synthesizeConfigFile(configPath, path.join(directory, 'failed'))).toThrow(ConfigError);

    const synthesis = synthesizeConfigFile(configPath, path.join(directory, 'recorded'), { policyErrorMode: PolicyErrorMode.RECORD });
    const lab = JSON.parse(readFileSync(synthesis.stacks[0].terraformPath, 'utf8')) as Terraform;
    expect(lab['//'].sentinel.policy.findings).toEqual([
      expect.objectContaining({ ruleId: 'Sentinel-FWD1', constructPath: 'lab/Forwarder' }),
    ]);
    expect(lab['//'].sentinel.policy.findings[0].suppression).toBeUndefined();
    expect(synthesis.warnings.map((problem) => `${problem.line}:${problem.column}: ${problem.path}: ${problem.message}`)).toEqual([
      '11:26: workspaces.lab.forwarders.Forwarder.publicIpEnabled: the forwarder has a public IP; devices normally reach it over a private network',
      expect.stringMatching(/^8:9: workspaces\.lab\.forwarders\.Forwarder: \[Sentinel-FWD1\] error, recorded without failing synth: .* a public IP/),
    ]);
  });
});
