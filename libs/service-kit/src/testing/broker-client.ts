// Test helpers for any suite that runs against the local broker (fauxqs) through the real
// SNS/SQS protocol: publish posting messages to the request topic as ingest does, read the
// outcomes (and balance changes) a subscriber would receive from the callback tap queue, count
// what is left on a queue, and wait for a state. No broker is mocked.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import {
  DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  balanceChangeMessageKind, decodeBalanceChangeMessage, decodeOutcomeMessage, encodePostingMessage,
  type BalanceChange, type Posting, type PostingOutcomeMessage,
} from '@flow/contracts';
import { createSnsClient, createSqsClient } from '../aws.ts';
import type { LocalBroker } from '../local-broker.ts';

export { seededRandom } from './seeded-random.ts';
export { startSecretsManagerEndpoint, type SecretsManagerEndpoint } from './secrets-manager-endpoint.ts';

export interface BrokerClient {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  publishPostings(messages: readonly (readonly Posting[])[]): Promise<void>;
  publishRaw(body: string): Promise<void>;
  /**
   * Receives (and deletes) every message waiting on the callback tap queue; returns the outcomes
   * (and those a drain of balance changes read), keeping the balance changes for that drain.
   */
  drainOutcomes(): Promise<PostingOutcomeMessage[]>;
  /** The same drain; returns the balance changes read (and kept), keeping the outcomes. */
  drainBalanceChanges(): Promise<BalanceChange[]>;
  /** Visible plus in-flight messages on the queue. */
  queueDepth(queueUrl: string): Promise<number>;
  destroy(): void;
}

export const publishesInFlightMax = 16;

export function brokerClient(broker: LocalBroker): BrokerClient {
  const aws = { region: broker.region, endpoint: broker.endpoint };
  const sns = createSnsClient(aws);
  const sqs = createSqsClient(aws);
  const kept = { outcomes: [] as PostingOutcomeMessage[], balanceChanges: [] as BalanceChange[] };
  const drainTap = async () => {
    for (;;) {
      const receive = new ReceiveMessageCommand({ QueueUrl: broker.callbackTapQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 });
      const { Messages = [] } = await sqs.send(receive);
      if (Messages.length === 0) return;
      for (const message of Messages) {
        if (message.Body!.startsWith(`{"kind":"${balanceChangeMessageKind}"`)) kept.balanceChanges.push(...decodeBalanceChangeMessage(message.Body!).changes);
        else kept.outcomes.push(...decodeOutcomeMessage(message.Body!).outcomes);
      }
      await sqs.send(new DeleteMessageBatchCommand({
        QueueUrl: broker.callbackTapQueueUrl,
        Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
      }));
    }
  };
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
      await drainTap();
      return kept.outcomes.splice(0);
    },
    async drainBalanceChanges() {
      await drainTap();
      return kept.balanceChanges.splice(0);
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

/** Polls `condition` every `intervalMs` until it holds or `timeoutMs` passes. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
