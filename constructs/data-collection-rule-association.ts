import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { Construct } from 'constructs';
import { IDataCollectionEndpoint } from './data-collection-endpoint';
import { IDataCollectionRule } from './data-collection-rule';
import { isUnresolved, throwIfInvalid } from './private/validation';

/** The only name Azure accepts for an association with a data collection endpoint. */
export const ENDPOINT_ASSOCIATION_NAME = 'configurationAccessEndpoint';

/** Properties for a {@link DataCollectionRuleAssociation}. */
export interface DataCollectionRuleAssociationProps {
  /** Resource ID of the machine (VM, scale set, Arc server) whose agent applies the rule. */
  readonly targetResourceId: string;

  /**
   * The rule the machine's agent applies. Give this or `dataCollectionEndpoint`.
   *
   * @default - none
   */
  readonly dataCollectionRule?: IDataCollectionRule;

  /**
   * The endpoint the machine's agent fetches its configuration from (needed for text logs and private links).
   * Give this or `dataCollectionRule`.
   *
   * @default - none
   */
  readonly dataCollectionEndpoint?: IDataCollectionEndpoint;

  /**
   * Name of the association.
   *
   * @default - the rule's name for a rule; `configurationAccessEndpoint` for an endpoint (the only name Azure accepts)
   */
  readonly associationName?: string;

  /** @default - none */
  readonly description?: string;
}

/** Machine resource IDs: VMs, scale sets and Arc-enabled servers. */
const TARGET_RESOURCE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/(Microsoft\.Compute\/virtualMachines|Microsoft\.Compute\/virtualMachineScaleSets|Microsoft\.HybridCompute\/machines)\/[^/]+$/i;

/**
 * Associates a data collection rule, or a data collection endpoint, with a machine
 * (`azurerm_monitor_data_collection_rule_association`).
 *
 * ```ts
 * new DataCollectionRuleAssociation(stack, 'ForwarderSyslog', {
 *   targetResourceId: forwarderVmId,
 *   dataCollectionRule: rule,
 * });
 * ```
 */
export class DataCollectionRuleAssociation extends Construct {
  /** Azure resource ID of the association. */
  public readonly dataCollectionRuleAssociationId: string;
  /** The `azurerm_monitor_data_collection_rule_association`. */
  public readonly resource: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: DataCollectionRuleAssociationProps) {
    super(scope, id);
    throwIfInvalid(this, 'dataCollectionRule', (props.dataCollectionRule === undefined) === (props.dataCollectionEndpoint === undefined)
      ? 'give either dataCollectionRule or dataCollectionEndpoint, not both or neither (use two associations for both)'
      : undefined);
    if (!isUnresolved(props.targetResourceId)) {
      throwIfInvalid(this, 'targetResourceId', TARGET_RESOURCE_ID.test(props.targetResourceId) ? undefined
        : `"${props.targetResourceId}" is not the resource ID of a virtual machine, scale set or Arc-enabled server`);
    }
    if (props.dataCollectionEndpoint !== undefined && props.associationName !== undefined) {
      throwIfInvalid(this, 'associationName', props.associationName === ENDPOINT_ASSOCIATION_NAME ? undefined
        : `an endpoint association must be named "${ENDPOINT_ASSOCIATION_NAME}", got "${props.associationName}"`);
    }
    this.resource = new MonitorDataCollectionRuleAssociation(this, 'Resource', {
      targetResourceId: props.targetResourceId,
      dataCollectionRuleId: props.dataCollectionRule?.dataCollectionRuleId,
      dataCollectionEndpointId: props.dataCollectionEndpoint?.dataCollectionEndpointId,
      name: props.associationName ?? (props.dataCollectionEndpoint !== undefined ? ENDPOINT_ASSOCIATION_NAME
        : props.dataCollectionRule?.dataCollectionRuleName),
      description: props.description,
    });
    this.dataCollectionRuleAssociationId = this.resource.id;
  }
}
