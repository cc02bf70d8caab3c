// The container's receivers: `count` sqs-consumer Consumers long-polling the transaction queue,
// 10 messages per receive, all feeding one batch assembler. A consumer's handler waits until its
// messages' batch committed, deletes exactly those with one DeleteMessageBatch (the library's own
// delete is off: it reports a failed entry only as an id list), and a consumer never receives
// more while it waits, which bounds memory. Every entry of every batch call (delete, visibility)
// is checked: each failed entry is logged with its message id and code (`message_delete_failed`,
// `visibility_change_failed`). Malformed messages are made visible again almost at once
// (`malformedVisibilitySeconds`, 1 s, never 0: persisted fauxqs 2.4.1 loses a message on
// VisibilityTimeout=0, and 1 s takes its expiring-visibility path) and never deleted, so they
// reach the dead-letter queue after the redrive count without waiting out a visibility timeout
// each time; messages of a failed batch keep their visibility timeout (see
// README "Breaker and pause"). While valid messages wait for their batch, a heartbeat extends
// their visibility to `visibilityTimeoutSeconds` every third of it, so a message that waits in
// the assembler (the worker paused, batches in flight) or in a slow batch is not handed to
// another worker mid-flight. Our own heartbeat rather than sqs-consumer's: the library's would
// also re-hide the malformed messages we just made visible.
import {
  ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, type BatchResultErrorEntry, type Message, type SQSClient,
} from '@aws-sdk/client-sqs';
import { errorFields, traceKeyFields, type Logger } from '@flow/service-kit';
import { Consumer } from 'sqs-consumer';
import type { BatchEntry } from '../batch/batch-applier.ts';
import type { BatchAssembler } from '../batch/batch-assembler.ts';
import { decodeQueueMessage, receiveCountOf, sentAtOf } from './decode-message.ts';
import { malformedVisibilitySeconds, receiveMessagesMax, stopDrainMsMax } from '../limits.ts';

export interface QueueConsumersOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly count: number;
  readonly receiveWaitSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly assembler: BatchAssembler;
  readonly logger: Logger;
  /** Told the SentTimestamp (epoch ms) of each received message that has one, for the queue age gauge. */
  readonly onReceived?: (sentAtMs: readonly number[]) => void;
}

export interface QueueConsumers {
  start(): void;
  /** Stops receiving (long polls in flight finish); used while the database is unavailable. */
  pause(): void;
  /** Receives again once each consumer's last poll has finished. */
  resume(): Promise<void>;
  /**
   * Stops receiving and waits (bounded) for the batches received and their deletes. The long polls
   * in flight are aborted (`polls: 'abort'`, the default) or waited out (`'finish'`).
   */
  stop(options?: StopOptions): Promise<void>;
  running(): boolean;
  /** No consumer has a receive or a handler (its messages' batches) in flight. */
  idle(): boolean;
}

export interface StopOptions {
  /**
   * What a stop does with the long polls in flight. `abort` (the default, every signal): at once.
   * SQS keeps an aborted poll open on its side until its wait ends and hides whatever arrives
   * meanwhile for one visibility timeout: delivered late, by this or another worker, never lost.
   * `finish`: wait them out (up to the receive wait), for a caller that restarts on the same queue
   * at once and must not wait a visibility timeout (tests).
   */
  readonly polls?: 'abort' | 'finish';
}

const idlePollMs = 25;

/** The log fields of one failed entry of a batch call whose entry ids are indexes into `messages`. */
function failedEntryFields(failed: BatchResultErrorEntry, messages: readonly Message[]): Record<string, unknown> {
  return {
    messageId: messages[Number(failed.Id)]?.MessageId, errorCode: failed.Code, senderFault: failed.SenderFault, error: failed.Message,
  };
}

export function createQueueConsumers(options: QueueConsumersOptions): QueueConsumers {
  const { sqs, queueUrl, assembler, logger } = options;
  let paused = false;

  async function handleMessages(messages: Message[]): Promise<Message[]> {
    const decoded = messages.map((message) => decodeQueueMessage({
      messageId: message.MessageId ?? '', body: message.Body ?? '', receiveCount: receiveCountOf(message.Attributes), sentAtMs: sentAtOf(message.Attributes),
    }, message, logger));
    options.onReceived?.(decoded.flatMap((item) => (item.ok && item.entry.sentAtMs !== undefined ? [item.entry.sentAtMs] : [])));
    const malformed = decoded.flatMap((item) => (item.ok ? [] : [item.source]));
    const released = malformed.length === 0 ? Promise.resolve() : changeVisibility(malformed, malformedVisibilitySeconds, 'release_malformed');
    const valid = decoded.flatMap((item) => (item.ok ? [item] : []));
    const heartbeat = valid.length === 0 ? undefined : setInterval(
      () => void changeVisibility(valid.map((item) => item.source), options.visibilityTimeoutSeconds, 'heartbeat'),
      (options.visibilityTimeoutSeconds * 1000) / 3,
    );
    const results = await Promise.all(valid.map((item) => assembler.submit(item.entry))).finally(() => clearInterval(heartbeat));
    await released;
    await deleteMessages(valid.filter((_item, index) => results[index]!.ok));
    return [];
  }

  /** At most 10 messages (one receive), so one batch call. */
  async function changeVisibility(messages: readonly Message[], seconds: number, action: string): Promise<void> {
    const entries = messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: seconds }));
    const output = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }))
      .catch((error: unknown) => void logger.warn('queue_call_failed', { action, messages: messages.length, ...errorFields(error) }));
    for (const failed of output?.Failed ?? []) {
      logger.warn('visibility_change_failed', { action, seconds, ...failedEntryFields(failed, messages) });
    }
  }

  /** Deletes committed messages (at most 10, one call); a failed entry is received again and replays. */
  async function deleteMessages(committed: readonly { source: Message; entry: BatchEntry }[]): Promise<void> {
    if (committed.length === 0) return;
    const entries = committed.map((item, index) => ({ Id: String(index), ReceiptHandle: item.source.ReceiptHandle }));
    const output = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }))
      .catch((error: unknown) => void logger.warn('queue_call_failed', { action: 'delete', messages: committed.length, ...errorFields(error) }));
    for (const failed of output?.Failed ?? []) {
      const item = committed[Number(failed.Id)];
      logger.warn('message_delete_failed', {
        ...failedEntryFields(failed, committed.map((each) => each.source)),
        ...traceKeyFields(item === undefined ? [] : [...item.entry.postings, ...item.entry.refused]),
      });
    }
  }

  const consumers = Array.from({ length: options.count }, () => {
    const consumer = Consumer.create({
      queueUrl,
      sqs,
      batchSize: receiveMessagesMax,
      waitTimeSeconds: options.receiveWaitSeconds,
      messageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      handleMessageBatch: handleMessages,
      shouldDeleteMessages: false,
      strictReturn: true,
      suppressFifoWarning: true,
    });
    consumer.on('error', (error) => {
      // A long poll aborted by a stop past its drain bound is the stop itself, not a failure.
      if (paused && (error as { code?: unknown }).code === 'AbortError') return;
      logger.error('consumer_error', errorFields(error));
    });
    consumer.on('processing_error', (error) => logger.error('consumer_error', errorFields(error)));
    return consumer;
  });

  const allIdle = () => consumers.every((consumer) => !consumer.status.isPolling);
  async function waitIdle(deadlineMs: number): Promise<boolean> {
    const deadline = Date.now() + deadlineMs;
    while (!allIdle() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, idlePollMs));
    return allIdle();
  }

  return {
    start: () => consumers.forEach((consumer) => consumer.start()),
    pause() {
      paused = true;
      consumers.forEach((consumer) => consumer.stop());
    },
    async resume() {
      paused = false;
      // Starting a consumer whose last poll is still out would run two poll loops on it.
      await waitIdle(Number.POSITIVE_INFINITY);
      if (!paused) consumers.forEach((consumer) => consumer.start());
    },
    async stop(stopOptions = {}) {
      paused = true;
      const abort = (stopOptions.polls ?? 'abort') === 'abort';
      consumers.forEach((consumer) => consumer.stop({ abort }));
      assembler.hurry();
      if (!(await waitIdle(stopDrainMsMax))) consumers.forEach((consumer) => consumer.stop({ abort: true }));
      await assembler.idle();
    },
    running: () => !paused && consumers.every((consumer) => consumer.status.isRunning),
    idle: allIdle,
  };
}
