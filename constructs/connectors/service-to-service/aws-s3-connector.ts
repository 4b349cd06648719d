import { SentinelDataConnectorAwsS3 } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-aws-s3';
import { Construct } from 'constructs';
import { isUnresolved, throwIfInvalid } from '../../private/validation';
import { resourceOf, ServiceConnector, ServiceConnectorProps } from './service-connector';

/** Tables the AWS S3 connector fills, one per connector. */
export enum AwsS3DestinationTable {
  AWS_CLOUD_TRAIL = 'AWSCloudTrail',
  AWS_GUARD_DUTY = 'AWSGuardDuty',
  AWS_VPC_FLOW = 'AWSVPCFlow',
  AWS_CLOUD_WATCH = 'AWSCloudWatch',
}

const DESTINATION_TABLES: readonly string[] = Object.values(AwsS3DestinationTable);

/** `https://sqs.<region>.amazonaws.com/<12-digit account>/<queue>`, the queue name as SQS allows it. */
const SQS_URL = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d{12}\/[\w-]{1,80}(?:\.fifo)?$/;

/** Properties for an {@link AwsS3Connector}. */
export interface AwsS3ConnectorProps extends ServiceConnectorProps {
  /**
   * ARN of the IAM role Sentinel assumes through the AWS OIDC identity provider (web identity federation); it reads
   * the queues, the bucket and its KMS key. `arn:aws:iam::<account>:role/<name>`.
   */
  readonly awsRoleArn: string;

  /** URLs of the SQS queues that receive the bucket's notifications, `https://sqs.<region>.amazonaws.com/<account>/<queue>`. */
  readonly sqsUrls: string[];

  /** The table the logs land in; one connector per table, each with its own `connectorName`. */
  readonly destinationTable: AwsS3DestinationTable;
}

/**
 * Logs that AWS writes to S3 (CloudTrail, GuardDuty, VPC flow logs, CloudWatch), read through SQS notifications.
 *
 * ```ts
 * new AwsS3Connector(stack, 'GuardDuty', {
 *   workspace, connectorName: 'AwsS3-GuardDuty',
 *   awsRoleArn: 'arn:aws:iam::123456789012:role/OIDC_MicrosoftSentinelRole',
 *   sqsUrls: ['https://sqs.eu-west-1.amazonaws.com/123456789012/sentinel-guardduty'],
 *   destinationTable: AwsS3DestinationTable.AWS_GUARD_DUTY,
 * });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_aws_s3`, connector kind `AmazonWebServicesS3`; the catalog entry lists
 * the destination table only.
 */
export class AwsS3Connector extends ServiceConnector<SentinelDataConnectorAwsS3> {
  constructor(scope: Construct, id: string, props: AwsS3ConnectorProps) {
    const { awsRoleArn, sqsUrls, destinationTable } = props;
    super(scope, id, props, 'AmazonWebServicesS3', resourceOf(SentinelDataConnectorAwsS3, { awsRoleArn, sqsUrls, destinationTable }),
      DESTINATION_TABLES.includes(destinationTable) ? [destinationTable] : undefined);
    this.validateAwsRoleArn(awsRoleArn);
    if (!isUnresolved(sqsUrls)) {
      throwIfInvalid(this, 'sqsUrls', sqsUrls.length > 0 ? undefined
        : 'must list at least one SQS queue URL, https://sqs.<region>.amazonaws.com/<12-digit account>/<queue>, got none');
      sqsUrls.forEach((url, index) => throwIfInvalid(this, `sqsUrls[${index}]`, isUnresolved(url) || SQS_URL.test(url) ? undefined
        : `must be an SQS queue URL, https://sqs.<region>.amazonaws.com/<12-digit account>/<queue>, got "${url}"`));
    }
    if (!isUnresolved(destinationTable)) {
      throwIfInvalid(this, 'destinationTable', DESTINATION_TABLES.includes(destinationTable) ? undefined
        : `must be one of ${DESTINATION_TABLES.join(', ')}, got "${destinationTable}"`);
    }
  }

  protected connectorDetails(): Record<string, unknown> {
    return { destinationTable: this.resource.destinationTableInput, sqsUrls: this.resource.sqsUrlsInput };
  }
}
