import { PolicyResource } from '../../../model/checks/policy-input';
import { checkSyslogFacilityCollectedTwice } from '../../../model/checks/syslog-facility-collected-twice';
import { policyInput, reference, resource } from './policy-input-fixtures';

const machine = resource('azurerm_linux_virtual_machine', 'Forwarder', {});

function syslogRule(name: string, stream: string, facilityNames: string[], logLevels: string[]): PolicyResource {
  return resource('azurerm_monitor_data_collection_rule', name, {
    data_sources: { syslog: [{ name: name.toLowerCase(), streams: [stream], facility_names: facilityNames, log_levels: logLevels }] },
    data_flow: [{ streams: [stream], destinations: ['sentinelWorkspace'] }],
  });
}

function associate(rule: PolicyResource, target = reference(machine)): PolicyResource {
  return resource('azurerm_monitor_data_collection_rule_association', `${rule.resourceAddress.split('.')[1]}Association`, {
    data_collection_rule_id: reference(rule), target_resource_id: target,
  });
}

describe('Sentinel-DCR1: syslog facility collected twice', () => {
  test('passes rules that share no facility, no level, or no stream, or that are on different machines', () => {
    const auth = syslogRule('Auth', 'Microsoft-Syslog', ['auth', 'authpriv'], ['Info', 'Notice', 'Warning']);
    const cron = syslogRule('Cron', 'Microsoft-Syslog', ['cron'], ['*']);
    const debug = syslogRule('AuthDebug', 'Microsoft-Syslog', ['auth'], ['Debug']);
    const cef = syslogRule('Cef', 'Microsoft-CommonSecurityLog', ['auth'], ['*']);
    const elsewhere = syslogRule('AuthElsewhere', 'Microsoft-Syslog', ['auth'], ['*']);
    expect(checkSyslogFacilityCollectedTwice(policyInput([machine, auth, cron, debug, cef, elsewhere,
      associate(auth), associate(cron), associate(debug), associate(cef), associate(elsewhere, '${azurerm_linux_virtual_machine.Other.id}'),
    ]))).toEqual([]);
  });

  test('finds two rules on one machine that collect the same facility and level into the same stream', () => {
    const auth = syslogRule('Auth', 'Microsoft-Syslog', ['auth', 'authpriv'], ['Warning', 'Error']);
    const everything = syslogRule('Everything', 'Microsoft-Syslog', ['*'], ['*']);
    expect(checkSyslogFacilityCollectedTwice(policyInput([machine, auth, everything, associate(auth), associate(everything)]))).toEqual([{
      constructPath: 'test/Everything', resourceAddress: 'azurerm_monitor_data_collection_rule.Everything',
      message: 'syslog data source "everything" collects facility "auth" at level "Warning" into Microsoft-Syslog, as does data source '
        + '"auth" of azurerm_monitor_data_collection_rule.Auth, on the same machine (${azurerm_linux_virtual_machine.Forwarder.id}); '
        + 'Azure stores those events twice. Expected each facility and level in one rule per machine',
    }]);
  });
});
