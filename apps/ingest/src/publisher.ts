// The micro-batcher between ingest's requests and the request topic. Postings from concurrent
// requests collect for at most `lingerMs`, are packed in arrival order into messages of at most
// `messageBytesMax` bytes (the encoded envelope, as SNS measures it), and are published with at
// most `inFlightMax` SNS calls under way. A request's promise settles only when every message
// holding one of its postings is confirmed (or one of them failed): that is what makes a 202 mean
// "the broker has it" (docs/invariants.md, I4). A circuit breaker guards the publish; while it is open a
// request fails at once without calling SNS.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Posting } from '@flow/contracts';
import { createBreaker, watchBreaker, type Breaker, type Logger, type Metrics } from '@flow/service-kit';
import { createMessageSender } from './message-sender.ts';
import { createPostingPacker, type Waiter } from './posting-packer.ts';
import { BrokerUnavailableError } from './publish-failure.ts';

export { BrokerUnavailableError, type PublishFailureReason } from './publish-failure.ts';

/**
 * Postings accepted but not yet handed to SNS. A slow broker makes them pile up; past this
 * bound a request gets 503 at once instead of holding memory for a publish that may never come.
 * 100 000 postings of ~400 bytes are ~40 MB.
 */
export const queuedPostingsMax = 100_000;

export interface PublisherOptions {
  readonly sns: SNSClient;
  readonly topicArn: string;
  readonly lingerMs: number;
  readonly timeoutMs: number;
  readonly breakerResetMs: number;
  readonly inFlightMax: number;
}

export interface PostingPublisher {
  /** Resolves once every posting is in a message the broker confirmed; else BrokerUnavailableError. */
  publish(postings: readonly Posting[]): Promise<void>;
  /** Postings of `publish` calls not yet settled: in the batcher or in a publish under way. */
  heldPostings(): number;
  /** False while the breaker is open (publishes fail fast). */
  isAvailable(): boolean;
  /** Refuses new publishes, sends what is queued without lingering, waits for every answer. */
  close(): Promise<void>;
}

/** `metrics`: the breaker's state and the postings each confirmed message held. */
export function createPostingPublisher(options: PublisherOptions, logger: Logger, metrics?: Metrics): PostingPublisher {
  const breaker = createTopicBreaker(options, logger);
  if (metrics !== undefined) watchBreaker(breaker, 'request-topic', metrics);
  const onConfirmed = (postings: number) => metrics?.increment('flow_postings_published_total', {}, postings);
  const sender = createMessageSender(breaker, options.inFlightMax, notifyIdle, onConfirmed);
  const packer = createPostingPacker((message) => sender.enqueue(message));
  let lingerTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let heldPostings = 0;
  const idleWaiters: (() => void)[] = [];

  function lingerThenPack(): void {
    if (packer.queuedPostings() === 0 || lingerTimer !== undefined) return;
    lingerTimer = setTimeout(() => {
      lingerTimer = undefined;
      packer.pack();
      sender.sendReady();
    }, options.lingerMs);
  }

  function notifyIdle(): void {
    if (!sender.isIdle() || packer.queuedPostings() > 0) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  return {
    publish(postings) {
      if (closed) return Promise.reject(new BrokerUnavailableError('stopped'));
      if (breaker.opened) return Promise.reject(new BrokerUnavailableError('breaker_open'));
      const queued = packer.queuedPostings() + sender.queuedPostings();
      if (queued + postings.length > queuedPostingsMax) return Promise.reject(new BrokerUnavailableError('overloaded'));
      if (postings.length === 0) return Promise.resolve();
      heldPostings += postings.length;
      const settled = new Promise<void>((resolve, reject) => {
        const traceId = postings[0]?.traceId;
        const waiter: Waiter = {
          ...(traceId === undefined ? {} : { traceId }),
          postingsUnpacked: postings.length,
          messagesUnconfirmed: 0,
          settled: false,
          resolve() {
            heldPostings -= postings.length;
            resolve();
          },
          reject(error) {
            heldPostings -= postings.length;
            reject(error);
          },
        };
        for (const posting of postings) packer.add(posting, waiter);
      });
      lingerThenPack();
      sender.sendReady();
      return settled;
    },
    heldPostings: () => heldPostings,
    isAvailable: () => !breaker.opened,
    async close() {
      closed = true;
      clearTimeout(lingerTimer);
      lingerTimer = undefined;
      packer.pack();
      sender.sendReady();
      await new Promise<void>((resolve) => { idleWaiters.push(resolve); notifyIdle(); });
      breaker.shutdown();
    },
  };
}

/**
 * One SNS publish per message behind the breaker. The abort signal ends the HTTP call when the
 * breaker's timeout gives up on it, so a timed-out publish does not linger and land later.
 * (It still may have landed before the abort: the client then retries with the same ids.)
 */
function createTopicBreaker(options: PublisherOptions, logger: Logger): Breaker<[string, string | undefined], void> {
  const publishMessage = async (body: string, traceparent: string | undefined): Promise<void> => {
    // W3C trace context as a message attribute (one of SNS's ten; raw delivery hands it to SQS).
    // A message merges requests, so each posting also carries its own request's traceId.
    const attributes = traceparent === undefined ? undefined : { traceparent: { DataType: 'String', StringValue: traceparent } };
    const command = new PublishCommand({ TopicArn: options.topicArn, Message: body, MessageAttributes: attributes });
    await options.sns.send(command, { abortSignal: AbortSignal.timeout(options.timeoutMs) });
  };
  return createBreaker(publishMessage, {
    name: 'request-topic',
    timeoutMs: options.timeoutMs,
    resetTimeoutMs: options.breakerResetMs,
  }, logger);
}
