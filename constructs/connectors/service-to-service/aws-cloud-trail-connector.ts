import { SentinelDataConnectorAwsCloudTrail } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-aws-cloud-trail';
import { Construct } from 'constructs';
import { resourceOf, ServiceConnector, ServiceConnectorProps } from './service-connector';

/** Properties for an {@link AwsCloudTrailConnector}. */
export interface AwsCloudTrailConnectorProps extends ServiceConnectorProps {
  /**
   * ARN of the IAM role Sentinel assumes to read CloudTrail: it trusts Microsoft Sentinel's AWS account with the
   * workspace ID as external ID, and has `AWSCloudTrailReadOnlyAccess`. `arn:aws:iam::<account>:role/<name>`.
   */
  readonly awsRoleArn: string;
}

/**
 * AWS CloudTrail management events into `AWSCloudTrail`, through the legacy connector that polls CloudTrail's API.
 * For S3 buckets (CloudTrail data events, GuardDuty, VPC flow logs, CloudWatch) use {@link AwsS3Connector}.
 *
 * ```ts
 * new AwsCloudTrailConnector(stack, 'CloudTrail', { workspace, awsRoleArn: 'arn:aws:iam::123456789012:role/MicrosoftSentinelRole' });
 * ```
 *
 * Makes an `azurerm_sentinel_data_connector_aws_cloud_trail`, connector kind `AmazonWebServicesCloudTrail`.
 */
export class AwsCloudTrailConnector extends ServiceConnector<SentinelDataConnectorAwsCloudTrail> {
  constructor(scope: Construct, id: string, props: AwsCloudTrailConnectorProps) {
    super(scope, id, props, 'AmazonWebServicesCloudTrail',
      resourceOf(SentinelDataConnectorAwsCloudTrail, { awsRoleArn: props.awsRoleArn }));
    this.validateAwsRoleArn(props.awsRoleArn);
  }
}
