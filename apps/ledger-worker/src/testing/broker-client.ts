// Test helpers that speak the real SNS/SQS protocol to the local broker (fauxqs): publish
// posting messages to the request topic as ingest does, read outcomes from the callback tap
// queue, count what is left on a queue. No broker is mocked.
import { PublishCommand } from '@aws-sdk/client-sns';
import {
  DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient,
} from '@aws-sdk/client-sqs';
import { decodeOutcomeMessage, encodePostingMessage, type Posting, type PostingOutcomeMessage } from '@flow/contracts';
import type { SNSClient } from '@aws-sdk/client-sns';
import { createSnsClient, createSqsClient, type Environment } from '@flow/service-kit';
import { seedCatalog, type DatabaseTarget, type TestDatabase } from '@flow/ledger-core/testing';
import { startLocalBroker, type LocalBroker, type LocalBrokerOptions } from '@flow/service-kit/local-broker';

export interface BrokerClient {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  publishPostings(messages: readonly (readonly Posting[])[]): Promise<void>;
  publishRaw(body: string): Promise<void>;
  /** Receives (and deletes) every outcome message waiting on the callback tap queue. */
  drainOutcomes(): Promise<PostingOutcomeMessage[]>;
  /** Visible plus in-flight messages on the queue. */
  queueDepth(queueUrl: string): Promise<number>;
  destroy(): void;
}

export const publishesInFlightMax = 16;

export function brokerClient(broker: LocalBroker): BrokerClient {
  const aws = { region: broker.region, endpoint: broker.endpoint };
  const sns = createSnsClient(aws);
  const sqs = createSqsClient(aws);
  const publishRaw = async (body: string) => void (await sns.send(new PublishCommand({ TopicArn: broker.requestTopicArn, Message: body })));
  return {
    sns,
    sqs,
    async publishPostings(messages) {
      for (let start = 0; start < messages.length; start += publishesInFlightMax) {
        await Promise.all(messages.slice(start, start + publishesInFlightMax).map((postings) => publishRaw(encodePostingMessage(postings))));
      }
    },
    publishRaw,
    async drainOutcomes() {
      const outcomes: PostingOutcomeMessage[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: broker.callbackTapQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        if (Messages.length === 0) return outcomes;
        for (const message of Messages) outcomes.push(...decodeOutcomeMessage(message.Body!).outcomes);
        await sqs.send(new DeleteMessageBatchCommand({
          QueueUrl: broker.callbackTapQueueUrl,
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }));
      }
    },
    async queueDepth(queueUrl) {
      const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({
        QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }));
      return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    destroy() {
      sns.destroy();
      sqs.destroy();
    },
  };
}

/** The worker's environment for a local broker; tests add their own variables on top. */
export function workerEnvironment(broker: LocalBroker, extra: Environment = {}): Environment {
  return {
    FLOW_AWS_ENDPOINT: broker.endpoint,
    FLOW_AWS_REGION: broker.region,
    FLOW_TRANSACTION_QUEUE_URL: broker.transactionQueueUrl,
    FLOW_CALLBACK_TOPIC_ARN: broker.callbackTopicArn,
    FLOW_HEALTH_PORT: '0',
    FLOW_HOST: '127.0.0.1',
    FLOW_RECEIVE_WAIT_SECONDS: '1',
    FLOW_AUTO_OPEN_ACCOUNTS: 'true',
    FLOW_OUTBOX_SWEEP_INTERVAL_MS: '500',
    FLOW_DATABASE_PROBE_INTERVAL_MS: '100',
    ...extra,
  };
}

/** Polls `condition` every `intervalMs` until it holds or `timeoutMs` passes. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** What every worker suite starts from: a fresh seeded database, a local broker and a client. */
export interface Testbed {
  readonly db: TestDatabase;
  readonly broker: LocalBroker;
  readonly client: BrokerClient;
  close(): Promise<void>;
}

export async function openTestbed(target: DatabaseTarget, brokerOptions: LocalBrokerOptions = {}): Promise<Testbed> {
  const db = await target.create();
  await seedCatalog(db.database);
  const broker = await startLocalBroker(brokerOptions);
  const client = brokerClient(broker);
  return {
    db,
    broker,
    client,
    async close() {
      client.destroy();
      await broker.stop();
      await db.drop();
    },
  };
}
