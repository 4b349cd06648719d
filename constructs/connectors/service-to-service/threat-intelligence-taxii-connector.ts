import { SentinelDataConnectorThreatIntelligenceTaxii } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-threat-intelligence-taxii';
import { Construct } from 'constructs';
import { isUnresolved, throwIfInvalid, warn } from '../../private/validation';
import { resourceOf, ServiceConnector, TenantConnectorProps } from './service-connector';

/** How often Sentinel polls a TAXII collection, as Azure names it. */
export enum PollingFrequency {
  ONCE_A_MINUTE = 'OnceAMinute',
  ONCE_AN_HOUR = 'OnceAnHour',
  ONCE_A_DAY = 'OnceADay',
}

const POLLING_FREQUENCIES: readonly string[] = Object.values(PollingFrequency);

/** Properties for a {@link ThreatIntelligenceTaxiiConnector}. */
export interface ThreatIntelligenceTaxiiConnectorProps extends TenantConnectorProps {
  /** Name of the TAXII server as the Data connectors page shows it. */
  readonly displayName: string;

  /** The https URL of the server's TAXII 2.0 or 2.1 API root, e.g. `https://taxii.example.com/api/v21/`. */
  readonly apiRootUrl: string;

  /** ID of the collection to import, as the API root's `collections/` lists it. */
  readonly collectionId: string;

  /**
   * User name for the server's basic authentication; give it with `password`.
   *
   * @default - no authentication
   */
  readonly userName?: string;

  /**
   * Password for the server's basic authentication; give it with `userName`. Pass it from a sensitive
   * `TerraformVariable`: a literal lands in the synthesized Terraform JSON.
   *
   * @default - no authentication
   */
  readonly password?: string;

  /**
   * How often the collection is polled.
   *
   * @default PollingFrequency.ONCE_AN_HOUR
   */
  readonly pollingFrequency?: PollingFrequency;

  /**
   * Import indicators from this RFC 3339 date-time on, not in the future, e.g. `2024-01-01T00:00:00Z`.
   *
   * @default - 1970-01-01T00:00:00Z (azurerm's default): every indicator of the collection
   */
  readonly lookbackDate?: string;
}

/** True for an absolute `https:` URL. */
function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Indicators of one collection of a TAXII 2.0 or 2.1 server. Give each collection its own connector and `connectorName`.
 *
 * ```ts
 * new ThreatIntelligenceTaxiiConnector(stack, 'PhishingFeed', {
 *   workspace, connectorName: 'taxii-phishing', displayName: 'Contoso phishing feed',
 *   apiRootUrl: 'https://taxii.contoso.com/api/v21/', collectionId: '91a7b528-80eb-42ed-a74d-c6fbd5a26116',
 *   userName: 'sentinel', password: taxiiPassword.stringValue,
 * });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_threat_intelligence_taxii`, connector kind `ThreatIntelligenceTaxii`.
 */
export class ThreatIntelligenceTaxiiConnector extends ServiceConnector<SentinelDataConnectorThreatIntelligenceTaxii> {
  constructor(scope: Construct, id: string, props: ThreatIntelligenceTaxiiConnectorProps) {
    const { tenantId, displayName, apiRootUrl, collectionId, userName, password, lookbackDate } = props;
    const pollingFrequency = props.pollingFrequency ?? PollingFrequency.ONCE_AN_HOUR;
    super(scope, id, props, 'ThreatIntelligenceTaxii', resourceOf(SentinelDataConnectorThreatIntelligenceTaxii, {
      tenantId, displayName, apiRootUrl, collectionId, userName, password, pollingFrequency, lookbackDate,
    }));
    this.validateProps(props, pollingFrequency);
  }

  protected connectorDetails(): Record<string, unknown> {
    const { displayNameInput, apiRootUrlInput, collectionIdInput, pollingFrequencyInput, lookbackDateInput } = this.resource;
    return {
      displayName: displayNameInput, apiRootUrl: apiRootUrlInput, collectionId: collectionIdInput, pollingFrequency: pollingFrequencyInput,
      ...lookbackDateInput === undefined ? {} : { lookbackDate: lookbackDateInput },
    };
  }

  private validateProps(props: ThreatIntelligenceTaxiiConnectorProps, pollingFrequency: string): void {
    if (!isUnresolved(props.apiRootUrl)) {
      throwIfInvalid(this, 'apiRootUrl', isHttpsUrl(props.apiRootUrl) ? undefined
        : `must be the https URL of the TAXII server's API root, e.g. https://taxii.example.com/api/v21/, got "${props.apiRootUrl}"`);
    }
    const noCredentials = 'leave userName and password out for a server without authentication';
    const texts: Array<[string, string | undefined, string]> = [
      ['displayName', props.displayName, 'give the name the Data connectors page shows'],
      ['collectionId', props.collectionId, 'give the ID of the collection to import'],
      ['userName', props.userName, noCredentials],
      ['password', props.password, noCredentials],
    ];
    for (const [field, value, hint] of texts) {
      throwIfInvalid(this, field, value === undefined || isUnresolved(value) || value.trim() !== '' ? undefined
        : `must not be empty; ${hint}, got "${value}"`);
    }
    if ((props.userName === undefined) !== (props.password === undefined)) {
      const [missing, given] = props.userName === undefined ? ['userName', 'password'] : ['password', 'userName'];
      throwIfInvalid(this, missing, `is required with ${given}: give both for a server with basic authentication, or neither, got none`);
    }
    if (!isUnresolved(pollingFrequency)) {
      throwIfInvalid(this, 'pollingFrequency', POLLING_FREQUENCIES.includes(pollingFrequency) ? undefined
        : `must be one of ${POLLING_FREQUENCIES.join(', ')}, got "${pollingFrequency}"`);
    }
    this.validatePastDateTime('lookbackDate', props.lookbackDate);
    if (props.password !== undefined && !isUnresolved(props.password)) {
      warn(this, 'password', 'is a literal, so it lands in the synthesized Terraform JSON and in Terraform state; pass it from a ' +
        'sensitive TerraformVariable so it stays out of code and synthesized files (state keeps it either way: protect the backend)');
    }
  }
}
