import { checkConnectorWithoutSupportContact } from '../../../model/checks/connector-without-support-contact';
import { connector, policyInput } from './policy-input-fixtures';

describe('Sentinel-CON1: connector without a support contact', () => {
  test('passes Microsoft\'s connectors and connectors that name a contact', () => {
    expect(checkConnectorWithoutSupportContact(policyInput([], [
      connector('Office365', { tier: 'Microsoft', name: 'Microsoft Corporation', link: 'https://support.microsoft.com' }),
      connector('SyslogAma', { tier: 'Microsoft' }),
      connector('ContosoApp', { tier: 'Partner', name: 'Contoso SOC', email: 'soc@contoso.com' }),
      connector('ContosoWeb', { tier: 'Community', name: 'Contoso web team', link: 'https://wiki.contoso.com/web' }),
    ]))).toEqual([]);
  });

  test('finds a connector with no support contact, or a name with no way to reach it', () => {
    expect(checkConnectorWithoutSupportContact(policyInput([], [connector('ContosoAudit', { tier: 'Community' })]))).toEqual([{
      constructPath: 'test/ContosoAudit',
      message: 'the connector "ContosoAudit" (Contoso) names no support contact: support lacks a name and an e-mail address or a link; '
        + 'expected support: { name, email or link } of whoever fixes it when data stops',
    }]);
    expect(checkConnectorWithoutSupportContact(policyInput([], [connector('ContosoAudit', { tier: 'Community', name: 'Jane' })]))[0].message)
      .toContain('support lacks an e-mail address or a link;');
  });
});
