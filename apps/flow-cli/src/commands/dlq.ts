// `flow dlq list|show|redrive`: the dead-letter queue flow-transaction-dlq by plain
// receive/send/delete, so it works on any SNS/SQS endpoint (fauxqs has no move-task API). A
// redriven message is sent to flow-transaction first and deleted from the dead-letter queue
// only after the send succeeded: a crash in between leaves a copy in both (the worker's
// idempotency makes the repeat a replay), never none.
import {
  DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand,
  SendMessageBatchCommand, type Message, type SQSClient,
} from '@aws-sdk/client-sqs';
import { brokerNames } from '@flow/contracts';
import { queueUrlOf } from '@flow/service-kit';
import type { CommandContext } from '../program.ts';
import { UsageError } from '../usage-error.ts';
import { openBrokerTarget, type BrokerTarget } from '../targets.ts';

/** SQS's most messages per receive and per batch call. */
const batchMax = 10;
/** Seconds a message being moved stays hidden from other readers while it is sent and deleted. */
const holdSeconds = 60;
/**
 * Seconds a shown message stays hidden: shown, not taken. It simply becomes visible again; a
 * visibility change back to 0 would be quicker, but fauxqs 2.4.1 with persistence refuses it
 * (MessageNotInflight) and loses track of the message.
 */
const showHoldSeconds = 1;
/** A redrive's receives wait this long, so messages a `show` just held are found too. */
const redriveWaitSeconds = 2;

interface Queues {
  readonly transaction: string;
  readonly deadLetter: string;
}

async function withQueues<T>(context: CommandContext, work: (broker: BrokerTarget, queues: Queues) => Promise<T>): Promise<T> {
  const broker = await openBrokerTarget(context.config);
  try {
    const queues = {
      transaction: context.config.transactionQueueUrl ?? await queueUrlOf(broker.sqs, brokerNames.transactionQueue),
      deadLetter: context.config.deadLetterQueueUrl ?? await queueUrlOf(broker.sqs, brokerNames.transactionDeadLetterQueue),
    };
    return await work(broker, queues);
  } finally {
    await broker.close();
  }
}

/** Visible plus in-flight messages. */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({
    QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
  }));
  return { visible: Number(Attributes.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) };
}

export async function dlqList(context: CommandContext): Promise<number> {
  return withQueues(context, async (broker, queues) => {
    const depth = await queueDepth(broker.sqs, queues.deadLetter);
    context.output.report({ queueUrl: queues.deadLetter, ...depth },
      `${brokerNames.transactionDeadLetterQueue}: ${depth.visible} message(s) waiting, ${depth.inFlight} in flight`);
    return depth.visible + depth.inFlight === 0 ? 0 : 1;
  });
}

export async function dlqShow(context: CommandContext, options: { max?: string }): Promise<number> {
  const max = positiveCount(options.max ?? '10');
  return withQueues(context, async (broker, queues) => {
    const messages = await receiveUpTo(broker.sqs, queues.deadLetter, max);
    const shown = messages.map((message) => ({
      messageId: message.MessageId, receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
      sentAt: message.Attributes?.SentTimestamp ? new Date(Number(message.Attributes.SentTimestamp)).toISOString() : undefined, body: message.Body,
    }));
    context.output.report({ queueUrl: queues.deadLetter, messages: shown },
      shown.length === 0 ? 'no dead letters' : shown.map((message) => `${message.messageId} (sent ${message.sentAt}): ${message.body}`).join('\n'));
    return shown.length === 0 ? 0 : 1;
  });
}

export async function dlqRedrive(context: CommandContext, options: { max?: string }): Promise<number> {
  const max = options.max === undefined ? Number.POSITIVE_INFINITY : positiveCount(options.max);
  return withQueues(context, async (broker, queues) => {
    const before = await queueDepth(broker.sqs, queues.deadLetter);
    const total = Math.min(max, before.visible);
    let moved = 0;
    let failed = 0;
    context.output.progress('redrive', 0, total, 'messages');
    while (moved + failed < max) {
      const { Messages = [] } = await broker.sqs.send(new ReceiveMessageCommand({
        QueueUrl: queues.deadLetter, MaxNumberOfMessages: Math.min(batchMax, max - moved - failed), VisibilityTimeout: holdSeconds,
        WaitTimeSeconds: redriveWaitSeconds,
        MessageAttributeNames: ['All'],
      }));
      if (Messages.length === 0) break;
      const result = await moveBatch(broker.sqs, queues, Messages);
      moved += result.moved;
      failed += result.failed;
      context.output.progress('redrive', moved + failed, Math.max(total, moved + failed), 'messages');
    }
    const after = await queueDepth(broker.sqs, queues.deadLetter);
    context.output.logger.info('dead_letters_redriven', { moved, failed, left: after.visible + after.inFlight });
    context.output.report({ moved, failed, left: after.visible + after.inFlight, from: queues.deadLetter, to: queues.transaction },
      `moved ${moved} message(s) from ${brokerNames.transactionDeadLetterQueue} to ${brokerNames.transactionQueue}` +
      `${failed > 0 ? `, ${failed} failed to send (left in place)` : ''}; ${after.visible + after.inFlight} left`);
    return failed === 0 && after.visible + after.inFlight === 0 ? 0 : 1;
  });
}

/** Sends the batch to the transaction queue, then deletes from the dead-letter queue what was sent. */
async function moveBatch(sqs: SQSClient, queues: Queues, messages: readonly Message[]): Promise<{ moved: number; failed: number }> {
  const sent = await sqs.send(new SendMessageBatchCommand({
    QueueUrl: queues.transaction,
    Entries: messages.map((message, index) => ({
      Id: String(index), MessageBody: message.Body!, ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
    })),
  }));
  const done = new Set((sent.Successful ?? []).map((entry) => Number(entry.Id)));
  if (done.size > 0) {
    await sqs.send(new DeleteMessageBatchCommand({
      QueueUrl: queues.deadLetter,
      Entries: messages.filter((_, index) => done.has(index)).map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
    }));
  }
  return { moved: done.size, failed: messages.length - done.size };
}

/** Up to `max` distinct messages, each held for a second only. */
async function receiveUpTo(sqs: SQSClient, queueUrl: string, max: number): Promise<Message[]> {
  const received = new Map<string, Message>();
  while (received.size < max) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({
      QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(batchMax, max - received.size), VisibilityTimeout: showHoldSeconds, WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
    }));
    const fresh = Messages.filter((message) => !received.has(message.MessageId!));
    if (fresh.length === 0) break;
    for (const message of fresh) received.set(message.MessageId!, message);
  }
  return [...received.values()];
}

function positiveCount(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`--max: "${text}" is not a positive whole number`);
  return value;
}
