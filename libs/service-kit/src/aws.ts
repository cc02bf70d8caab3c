// AWS SDK clients for SNS and SQS. On AWS they use the default credential chain and region; with
// `FLOW_AWS_ENDPOINT` they talk to any SNS/SQS endpoint (fauxqs in the embedded stack, or another
// emulator), and get placeholder credentials when none are configured, since emulators ignore
// signatures but the SDK refuses to send unsigned requests.
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { ConfigReader } from './config.ts';

export interface AwsConfig {
  readonly region: string;
  readonly endpoint: string | undefined;
}

export function readAwsConfig(reader: ConfigReader): AwsConfig {
  return {
    region: reader.text('FLOW_AWS_REGION', reader.text('AWS_REGION', 'us-east-1')),
    endpoint: reader.url('FLOW_AWS_ENDPOINT'),
  };
}

/** SDK attempts per call; the callers' breakers and the queue's redelivery do the rest. */
export const awsAttemptsMax = 3;

/** Region, endpoint, attempts, and placeholder credentials for a local endpoint: any AWS SDK client's config. */
export function awsClientConfig(config: AwsConfig) {
  const local = config.endpoint !== undefined && process.env.AWS_ACCESS_KEY_ID === undefined;
  return {
    region: config.region,
    endpoint: config.endpoint,
    maxAttempts: awsAttemptsMax,
    ...(local ? { credentials: { accessKeyId: 'flow-local', secretAccessKey: 'flow-local' } } : {}),
  };
}

export function createSnsClient(config: AwsConfig): SNSClient {
  return new SNSClient(awsClientConfig(config));
}

export function createSqsClient(config: AwsConfig): SQSClient {
  return new SQSClient(awsClientConfig(config));
}
