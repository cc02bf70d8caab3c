// `flow_queue_messages{queue}` and `flow_queue_oldest_message_age_seconds{queue}` for
// flow-transaction and its dead-letter queue, read with SQS GetQueueAttributes at each scrape.
// The dead-letter queue is found from the transaction queue's RedrivePolicy, so no setting names
// it. GetQueueAttributes has no oldest-message age (that is a CloudWatch metric; fauxqs 2.4.1 has
// neither), so the age comes from what the worker sees instead:
// - flow-transaction: now minus the SentTimestamp of the oldest message of the latest receive,
//   kept growing while nothing is received (a paused worker's backlog ages), 0 when empty;
// - the dead-letter queue, which the worker never receives from: the time since this process
//   first saw it non-empty (a lower bound; CloudWatch's ApproximateAgeOfOldestMessage, alarmed in
//   monitoring.yaml, is the exact figure), 0 when empty.
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { brokerNames } from '@flow/contracts';
import type { Metrics, Sampler } from '@flow/service-kit';

export interface QueueGauges {
  readonly sampler: Sampler;
  /** The SentTimestamps (epoch ms) of one receive's messages. */
  received(sentAtMs: readonly number[]): void;
}

const transactionLabel = { queue: brokerNames.transactionQueue };
const deadLetterLabel = { queue: brokerNames.transactionDeadLetterQueue };

export function createQueueGauges(sqs: SQSClient, queueUrl: string, metrics: Metrics, now: () => number = Date.now): QueueGauges {
  let oldestReceivedSentAtMs: number | undefined;
  let deadLetterUrl: string | null | undefined;
  let deadLetterNonEmptySinceMs: number | undefined;

  const depthOf = async (url: string): Promise<{ waiting: number; inFlight: number; redrivePolicy?: string }> => {
    const { Attributes: attributes = {} } = await sqs.send(new GetQueueAttributesCommand({
      QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'RedrivePolicy'],
    }));
    return {
      waiting: Number(attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      redrivePolicy: attributes.RedrivePolicy,
    };
  };

  async function sampleTransactionQueue(): Promise<string | undefined> {
    const depth = await depthOf(queueUrl);
    metrics.set('flow_queue_messages', depth.waiting, transactionLabel);
    if (depth.waiting + depth.inFlight === 0) oldestReceivedSentAtMs = undefined;
    const age = oldestReceivedSentAtMs === undefined ? 0 : Math.max(0, now() - oldestReceivedSentAtMs) / 1_000;
    metrics.set('flow_queue_oldest_message_age_seconds', age, transactionLabel);
    return depth.redrivePolicy;
  }

  async function sampleDeadLetterQueue(redrivePolicy: string | undefined): Promise<void> {
    deadLetterUrl ??= await deadLetterUrlOf(sqs, redrivePolicy);
    if (deadLetterUrl === null) return;
    const { waiting } = await depthOf(deadLetterUrl);
    metrics.set('flow_queue_messages', waiting, deadLetterLabel);
    if (waiting === 0) deadLetterNonEmptySinceMs = undefined;
    else deadLetterNonEmptySinceMs ??= now();
    const age = deadLetterNonEmptySinceMs === undefined ? 0 : (now() - deadLetterNonEmptySinceMs) / 1_000;
    metrics.set('flow_queue_oldest_message_age_seconds', age, deadLetterLabel);
  }

  return {
    sampler: { name: 'queue', sample: async () => sampleDeadLetterQueue(await sampleTransactionQueue()) },
    received(sentAtMs) {
      // The latest receive's oldest message stands for the head of the queue (SQS is roughly FIFO).
      if (sentAtMs.length > 0) oldestReceivedSentAtMs = Math.min(...sentAtMs);
    },
  };
}

/** The dead-letter queue's URL from a RedrivePolicy's target ARN; null without a redrive policy. */
async function deadLetterUrlOf(sqs: SQSClient, redrivePolicy: string | undefined): Promise<string | null> {
  if (redrivePolicy === undefined || redrivePolicy === '') return null;
  const arn = (JSON.parse(redrivePolicy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
  const [, , , , accountId, name] = arn?.split(':') ?? [];
  if (name === undefined) return null;
  const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: accountId }));
  return url ?? null;
}
