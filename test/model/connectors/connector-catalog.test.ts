import { AGENT_CONNECTORS, builtInConnector, SERVICE_TO_SERVICE_CONNECTORS } from '../../../model/connectors/builtin-connectors';
import { checkConnectorCatalogEntry } from '../../../model/connectors/check-connector-catalog-entry';
import { ConnectorCatalogEntry, MICROSOFT_SUPPORT, supportFor } from '../../../model/connectors/connector-catalog-entry';

const entry = (overrides: Partial<Record<keyof ConnectorCatalogEntry, unknown>>): unknown => ({
  connectorId: 'ContosoApp', title: 'Contoso application', publisher: 'Contoso', ingestionPath: 'logs-ingestion-api',
  tables: ['ContosoApp_CL'], prerequisites: [], support: { tier: 'Community' }, ...overrides,
});

describe('the built-in catalog', () => {
  test.each([...SERVICE_TO_SERVICE_CONNECTORS, ...AGENT_CONNECTORS].map((connector) => [connector.connectorId, connector]))(
    '%s validates against the catalog schema', (_id, connector) => {
      expect(checkConnectorCatalogEntry(connector)).toEqual([]);
    });

  test('covers the 18 service-to-service connectors of azurerm 4.55 and both agent paths', () => {
    expect(SERVICE_TO_SERVICE_CONNECTORS).toHaveLength(18);
    expect(new Set(SERVICE_TO_SERVICE_CONNECTORS.map((connector) => connector.connectorId)).size).toBe(18);
    expect(builtInConnector('CefAma')?.tables).toEqual(['CommonSecurityLog']);
    expect(builtInConnector('Nope')).toBeUndefined();
  });
});

describe('the catalog schema', () => {
  test('accepts a Partner connector with a name and an e-mail', () => {
    expect(checkConnectorCatalogEntry(entry({ support: { tier: 'Partner', name: 'Contoso', email: 'soc@contoso.com' } }))).toEqual([]);
  });

  test('fails on a Partner connector without a way to reach the partner', () => {
    expect(checkConnectorCatalogEntry(entry({ support: { tier: 'Partner', name: 'Contoso' } })))
      .toEqual(['support: Partner support needs a link or an e-mail address']);
    expect(checkConnectorCatalogEntry(entry({ support: { tier: 'Partner', link: 'https://contoso.com/support' } })))
      .toEqual(['support: is missing the required property "name"']);
  });

  test('fails on Microsoft support for a connector Microsoft does not publish', () => {
    expect(checkConnectorCatalogEntry(entry({ support: MICROSOFT_SUPPORT }))).toEqual(['publisher: must be "Microsoft"']);
  });

  test('fails on an unknown path, an empty table list, a bad link and unknown properties, all at once', () => {
    expect(checkConnectorCatalogEntry(entry({
      ingestionPath: 'ftp', tables: [], support: { tier: 'Community', link: 'contoso.com', phone: '555' },
    }))).toEqual([
      'ingestionPath: must be equal to one of the allowed values ("service-to-service", "syslog-ama", "cef-ama", "custom-logs-ama", '
        + '"logs-ingestion-api", "data-collector-api", "azure-functions", "codeless-connector")',
      'tables: must NOT have fewer than 1 items',
      'support: has an unknown property "phone"',
      'support.link: must match pattern "^https?://"',
      'support.link: must match format "uri"',
    ]);
  });
});

describe('support tiers, as Sentinel decides them', () => {
  test('Microsoft publishes, Microsoft supports', () => {
    expect(supportFor('Microsoft')).toEqual(MICROSOFT_SUPPORT);
  });

  test('a contact makes a partner connector Partner supported', () => {
    expect(supportFor('Contoso', { name: 'Contoso SOC', link: 'https://contoso.com/support' }))
      .toEqual({ tier: 'Partner', name: 'Contoso SOC', link: 'https://contoso.com/support' });
  });

  test('no contact, or a name alone, is Community supported', () => {
    expect(supportFor('Contoso')).toEqual({ tier: 'Community' });
    expect(supportFor('Contoso', { name: 'Contoso SOC' })).toEqual({ tier: 'Community', name: 'Contoso SOC' });
  });

  test('asking for Community keeps Community even with a contact', () => {
    expect(supportFor('Contoso', { tier: 'Community', name: 'Jane', email: 'jane@contoso.com' }).tier).toBe('Community');
  });
});
