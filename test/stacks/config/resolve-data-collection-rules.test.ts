import { ConfigError } from '../../../stacks/config/config-error';
import { resolveConfigFile } from '../../../stacks/config/resolve-config';

describe('resolveDataCollectionRules', () => {
  test('fails with every problem of the rules at once, each at its line and column (golden messages)', () => {
    const file = 'test/stacks/config/fixtures/data-collection-rules-invalid/sentinel.yaml';
    let error: unknown;
    try {
      resolveConfigFile(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe([
      '8 problems in the topology config:',
      `${file}:18:33: workspaces.soc.dataCollectionRules.ContosoApp.dataCollectionEndpoint: refers to "Endpont", which is not under `
        + 'dataCollectionEndpoints of this workspace (did you mean "Endpoint"?); expected one of: Endpoint',
      `${file}:24:31: workspaces.soc.dataCollectionRules.ContosoApp.dataFlows[0].transformKqlFile: "transforms/missing.kql" does not exist `
        + '(transformKqlFile is relative to the folder of the config file)',
      `${file}:26:60: workspaces.soc.dataCollectionRules.LinuxKernel.syslogDataSources[0].facilityNames: must be a list (got "kern")`,
      `${file}:27:52: workspaces.soc.dataCollectionRules.LinuxKernel.dataFlows[0].outputStrem: is not a property of this section `
        + '(did you mean "outputStream"?); expected one of: transformKql, transformKqlFile, streams, outputStream',
      `${file}:28:22: workspaces.soc.dataCollectionRules.LinuxKernel.forwarders[0]: refers to "Forwardr", which is not under `
        + 'forwarders of this workspace (did you mean "Forwarder"?); expected one of: Forwarder',
      `${file}:33:15: workspaces.soc.dataCollectionRules.MoreTransforms.kind: a workspace has one workspace transformation rule, and `
        + '"Transforms" is already it; give its data flows to that rule (one flow per table)',
      `${file}:35:7: workspaces.soc.dataCollectionRules.Forwarder: is already used by forwarders.Forwarder; names of networks, subnets, `
        + 'endpoints, custom tables, forwarders, data collection rules, solutions and variables share one namespace in the stack',
      `${file}:35:72: workspaces.soc.dataCollectionRules.Forwarder.kind: must be one of "Linux", "Windows", "AgentDirectToStore", `
        + '"WorkspaceTransforms" (got "Unix")',
    ].join('\n'));
  });
});
