import { checkSharedKeyAuthentication } from '../../../model/checks/shared-key-authentication';
import { connector, policyInput, resource } from './policy-input-fixtures';

const workspace = (attributes: Record<string, unknown>) => resource('azurerm_log_analytics_workspace', 'Workspace', { name: 'contoso', ...attributes });

describe('Sentinel-WS1: shared-key authentication on', () => {
  test('passes a workspace with local_authentication_enabled false, or set by a variable', () => {
    expect(checkSharedKeyAuthentication(policyInput([workspace({ local_authentication_enabled: false })]))).toEqual([]);
    expect(checkSharedKeyAuthentication(policyInput([workspace({ local_authentication_enabled: '${var.local_auth}' })]))).toEqual([]);
  });

  test('finds local_authentication_enabled true, or left out (azurerm 4 defaults it to true)', () => {
    expect(checkSharedKeyAuthentication(policyInput([workspace({ local_authentication_enabled: true })]))).toEqual([{
      constructPath: 'test/Workspace', resourceAddress: 'azurerm_log_analytics_workspace.Workspace',
      message: 'local_authentication_enabled is true: anyone holding the workspace key can write to it; expected '
        + 'local_authentication_enabled: false (the toolkit\'s default) once no sender uses the HTTP Data Collector API',
    }]);
    expect(checkSharedKeyAuthentication(policyInput([workspace({})]))[0].message)
      .toMatch(/^local_authentication_enabled is not set, and azurerm turns shared keys on by default/);
  });

  test('finds a connector of the legacy HTTP Data Collector API', () => {
    const legacy = connector('ContosoAudit', { tier: 'Community' }, 'data-collector-api');
    expect(checkSharedKeyAuthentication(policyInput([workspace({ local_authentication_enabled: false })], [legacy]))).toEqual([{
      constructPath: 'test/ContosoAudit',
      message: 'the connector "ContosoAudit" sends ContosoAudit_CL through the HTTP Data Collector API with the workspace key; '
        + 'expected a Logs Ingestion API connector with Entra ID authentication',
    }]);
  });
});
