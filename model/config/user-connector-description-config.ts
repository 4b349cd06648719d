import { SupportTier } from '../connectors/connector-catalog-entry';

/** Who supports a connector one describes oneself. */
export interface ConnectorSupportConfig {
  /**
   * Support tier.
   *
   * @default - Partner with a contact (a name, and a link or an e-mail), otherwise Community
   */
  readonly tier?: SupportTier;
  /** Name of the supporting organisation or person. */
  readonly name?: string;
  /** A support page. */
  readonly link?: string;
  /** A support e-mail address. */
  readonly email?: string;
}

/** Who a connector one describes oneself is (own sources, pollers), as the Data connectors page shows it. */
export interface UserConnectorDescriptionConfig {
  /** Stable identifier of the connector, e.g. `ContosoApp`. */
  readonly connectorId: string;
  /** Title on the Data connectors page. */
  readonly title: string;
  /**
   * Who publishes the source.
   *
   * @default - the connector id
   */
  readonly publisher?: string;
  /**
   * Who supports the connector.
   *
   * @default - Community supported
   */
  readonly support?: ConnectorSupportConfig;
  /** @default - none */
  readonly description?: string;
  /** @default - none */
  readonly prerequisites?: string[];
}
