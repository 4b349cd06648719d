import { PolicyInput, PolicyViolation } from './policy-input';

/**
 * A connector without a support contact: a connector not supported by Microsoft whose catalog entry lacks a support
 * name, or any way to reach it (an e-mail address or a link). Microsoft's own connectors pass: Microsoft supports them.
 */
export function checkConnectorWithoutSupportContact(input: PolicyInput): PolicyViolation[] {
  return input.connectors.flatMap((connector) => {
    const support = connector.catalogEntry.support;
    if (support.tier === 'Microsoft') {
      return [];
    }
    const missing = [
      ...(support.name === undefined || support.name.trim() === '' ? ['a name'] : []),
      ...(support.email === undefined && support.link === undefined ? ['an e-mail address or a link'] : []),
    ];
    return missing.length === 0 ? [] : [{
      constructPath: connector.constructPath,
      message: `the connector "${connector.catalogEntry.connectorId}" (${connector.catalogEntry.publisher}) names no support contact: `
        + `support lacks ${missing.join(' and ')}; expected support: { name, email or link } of whoever fixes it when data stops`,
    }];
  });
}
