// The broker resource names and the redrive count, defined once. The embedded stack creates
// these in fauxqs and the CloudFormation stacks create them in AWS; both read this JSON, so the
// local and the cloud topology cannot drift apart.
import brokerNamesJson from './broker-names.json' with { type: 'json' };

export interface BrokerNames {
  /** SNS topic ingest publishes accepted postings to. */
  readonly requestTopic: string;
  /** SQS queue subscribed to the request topic (raw delivery); the ledger worker consumes it. */
  readonly transactionQueue: string;
  /** Dead-letter queue for messages received more than `redriveReceiveCountMax` times. */
  readonly transactionDeadLetterQueue: string;
  /** SNS topic the ledger worker publishes outcomes to. */
  readonly callbackTopic: string;
  /** Receives of one message before SQS moves it to the dead-letter queue. */
  readonly redriveReceiveCountMax: number;
}

export const brokerNames: BrokerNames = Object.freeze({ ...brokerNamesJson });
