// The micro-batcher between ingest's requests and the request topic. Postings from concurrent
// requests collect for at most `lingerMs`, are packed in arrival order into messages of at most
// `messageBytesMax` bytes (the encoded envelope, as SNS measures it), and are published with at
// most `inFlightMax` SNS calls under way. A request's promise settles only when every message
// holding one of its postings is confirmed (or one of them failed): that is what makes a 202 mean
// "the broker has it" (DESIGN §3, I4). A circuit breaker guards the publish; while it is open a
// request fails at once without calling SNS.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { encodePostingMessage, limits, type Posting } from '@flow/contracts';
import { createBreaker, type Breaker, type Logger } from '@flow/service-kit';

/**
 * Postings accepted but not yet handed to SNS. A slow broker makes them pile up; past this
 * bound a request gets 503 at once instead of holding memory for a publish that may never come.
 * 100 000 postings of ~400 bytes are ~40 MB.
 */
export const queuedPostingsMax = 100_000;

export type PublishFailureReason = 'breaker_open' | 'timeout' | 'broker_error' | 'overloaded' | 'stopped';

/** An expected failure: the broker did not confirm, so the request must not get a 202. */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
  readonly reason: PublishFailureReason;

  constructor(reason: PublishFailureReason, cause?: unknown) {
    super(`the request topic did not confirm the publish (${reason})`, { cause });
    this.reason = reason;
  }
}

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
  /** False while the breaker is open (publishes fail fast). */
  isAvailable(): boolean;
  /** Refuses new publishes, sends what is queued without lingering, waits for every answer. */
  close(): Promise<void>;
}

/** One `publish` call waiting for its messages. */
interface Waiter {
  postingsUnpacked: number;
  messagesUnconfirmed: number;
  settled: boolean;
  resolve(): void;
  reject(error: BrokerUnavailableError): void;
}

interface QueuedPosting {
  readonly text: string;
  readonly bytes: number;
  readonly waiter: Waiter;
}

interface Message {
  readonly body: string;
  readonly postingCount: number;
  readonly waiters: ReadonlySet<Waiter>;
}

// The envelope around the postings, taken from the contract's own encoder so the body built
// here is byte for byte `encodePostingMessage(postings)` without stringifying each posting twice.
const emptyEnvelope = encodePostingMessage([]);
const envelopeHead = emptyEnvelope.slice(0, emptyEnvelope.indexOf('[]') + 1);
const envelopeTail = emptyEnvelope.slice(emptyEnvelope.indexOf('[]') + 1);
const envelopeBytes = Buffer.byteLength(emptyEnvelope);

export function createPostingPublisher(options: PublisherOptions, logger: Logger): PostingPublisher {
  const breaker = createTopicBreaker(options, logger);
  let pending: QueuedPosting[] = [];
  let pendingBytes = envelopeBytes;
  let lingerTimer: NodeJS.Timeout | undefined;
  const ready: Message[] = [];
  let queuedPostings = 0;
  let inFlight = 0;
  let closed = false;
  const idleWaiters: (() => void)[] = [];

  function enqueue(posting: Posting, waiter: Waiter): void {
    const text = JSON.stringify(posting);
    const bytes = Buffer.byteLength(text) + 1; // the comma between postings
    // Bug, not input: validation bounds a posting far below a message (limits.ts).
    if (envelopeBytes + bytes > limits.messageBytesMax) throw new Error(`a posting of ${bytes} bytes cannot fit a message`);
    if (pending.length > 0 && pendingBytes + bytes > limits.messageBytesMax) packPending();
    pending.push({ text, bytes, waiter });
    pendingBytes += bytes;
  }

  function packPending(): void {
    // The rest of a request that already failed is not sent: its client got a 503 and retries.
    const postings = pending.filter(({ waiter }) => !waiter.settled);
    queuedPostings -= pending.length - postings.length;
    pending = [];
    pendingBytes = envelopeBytes;
    if (postings.length === 0) return;
    const waiters = new Set<Waiter>();
    for (const { waiter } of postings) {
      waiter.postingsUnpacked -= 1;
      if (!waiters.has(waiter)) waiter.messagesUnconfirmed += 1;
      waiters.add(waiter);
    }
    const body = envelopeHead + postings.map(({ text }) => text).join(',') + envelopeTail;
    // Bug, not input: the running byte count must have kept the message within the limit.
    if (Buffer.byteLength(body) > limits.messageBytesMax) throw new Error(`packed a message of ${Buffer.byteLength(body)} bytes`);
    ready.push({ body, postingCount: postings.length, waiters });
  }

  function lingerThenPack(): void {
    if (pending.length === 0 || lingerTimer !== undefined) return;
    lingerTimer = setTimeout(() => {
      lingerTimer = undefined;
      packPending();
      sendReady();
    }, options.lingerMs);
  }

  function sendReady(): void {
    while (inFlight < options.inFlightMax && ready.length > 0) {
      const message = ready.shift()!;
      queuedPostings -= message.postingCount;
      if (everyWaiterSettled(message)) continue; // every request in it already got its 503
      inFlight += 1;
      breaker.fire(message.body).then(
        () => confirm(message),
        (error: unknown) => fail(message, new BrokerUnavailableError(failureReason(error), error)),
      ).finally(() => {
        inFlight -= 1;
        sendReady();
        notifyIdle();
      });
    }
  }

  function notifyIdle(): void {
    if (inFlight > 0 || ready.length > 0 || pending.length > 0) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  return {
    publish(postings) {
      if (closed) return Promise.reject(new BrokerUnavailableError('stopped'));
      if (breaker.opened) return Promise.reject(new BrokerUnavailableError('breaker_open'));
      if (queuedPostings + postings.length > queuedPostingsMax) return Promise.reject(new BrokerUnavailableError('overloaded'));
      if (postings.length === 0) return Promise.resolve();
      const settled = new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { postingsUnpacked: postings.length, messagesUnconfirmed: 0, settled: false, resolve, reject };
        for (const posting of postings) enqueue(posting, waiter);
      });
      queuedPostings += postings.length;
      lingerThenPack();
      sendReady();
      return settled;
    },
    isAvailable: () => !breaker.opened,
    async close() {
      closed = true;
      clearTimeout(lingerTimer);
      lingerTimer = undefined;
      packPending();
      sendReady();
      await new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        notifyIdle();
      });
      breaker.shutdown();
    },
  };
}

function confirm(message: Message): void {
  for (const waiter of message.waiters) {
    waiter.messagesUnconfirmed -= 1;
    if (!waiter.settled && waiter.postingsUnpacked === 0 && waiter.messagesUnconfirmed === 0) {
      waiter.settled = true;
      waiter.resolve();
    }
  }
}

/** The first failed message decides; the request's other messages may still be delivered. */
function fail(message: Message, error: BrokerUnavailableError): void {
  for (const waiter of message.waiters) {
    waiter.messagesUnconfirmed -= 1;
    if (waiter.settled) continue;
    waiter.settled = true;
    waiter.reject(error);
  }
}

function everyWaiterSettled(message: Message): boolean {
  for (const waiter of message.waiters) if (!waiter.settled) return false;
  return true;
}

function failureReason(error: unknown): PublishFailureReason {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EOPENBREAKER') return 'breaker_open';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'broker_error';
}

/**
 * One SNS publish per message behind the breaker. The abort signal ends the HTTP call when the
 * breaker's timeout gives up on it, so a timed-out publish does not linger and land later.
 * (It still may have landed before the abort: the client then retries with the same ids.)
 */
function createTopicBreaker(options: PublisherOptions, logger: Logger): Breaker<[string], void> {
  const publishMessage = async (body: string): Promise<void> => {
    const command = new PublishCommand({ TopicArn: options.topicArn, Message: body });
    await options.sns.send(command, { abortSignal: AbortSignal.timeout(options.timeoutMs) });
  };
  return createBreaker(publishMessage, {
    name: 'request-topic',
    timeoutMs: options.timeoutMs,
    resetTimeoutMs: options.breakerResetMs,
  }, logger);
}
