// Packs queued postings, in arrival order, into messages of at most `limits.messageBytesMax`
// bytes measured on the encoded envelope, and keeps the count each waiting request needs to know
// when all of its messages are confirmed. Pure bookkeeping: no timers, no I/O.
import { encodePostingMessage, limits, type Posting } from '@flow/contracts';
import type { BrokerUnavailableError } from './publish-failure.ts';

/** One `publish` call waiting for its messages. */
export interface Waiter {
  /** The W3C trace id of the request: a message's `traceparent` attribute names its first request's. */
  readonly traceId?: string;
  postingsUnpacked: number;
  messagesUnconfirmed: number;
  settled: boolean;
  resolve(): void;
  reject(error: BrokerUnavailableError): void;
}

export interface Message {
  readonly body: string;
  readonly postingCount: number;
  readonly waiters: ReadonlySet<Waiter>;
}

interface QueuedPosting {
  readonly text: string;
  readonly bytes: number;
  readonly waiter: Waiter;
}

// The envelope around the postings, taken from the contract's own encoder so the body built
// here is byte for byte `encodePostingMessage(postings)` without stringifying each posting twice.
const emptyEnvelope = encodePostingMessage([]);
const envelopeHead = emptyEnvelope.slice(0, emptyEnvelope.indexOf('[]') + 1);
const envelopeTail = emptyEnvelope.slice(emptyEnvelope.indexOf('[]') + 1);
const envelopeBytes = Buffer.byteLength(emptyEnvelope);

export interface PostingPacker {
  /** Queues a posting; packs what is queued first when the posting would overflow the message. */
  add(posting: Posting, waiter: Waiter): void;
  /** Packs every queued posting of a request still waiting into one message. */
  pack(): void;
  /** Postings queued and not yet packed (a failed request's postings count until `pack`). */
  queuedPostings(): number;
}

export function createPostingPacker(onPacked: (message: Message) => void): PostingPacker {
  let pending: QueuedPosting[] = [];
  let pendingBytes = envelopeBytes;

  function pack(): void {
    // The rest of a request that already failed is not sent: its client got a 503 and retries.
    const postings = pending.filter(({ waiter }) => !waiter.settled);
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
    onPacked({ body, postingCount: postings.length, waiters });
  }

  return {
    add(posting, waiter) {
      const text = JSON.stringify(posting);
      const bytes = Buffer.byteLength(text) + 1; // the comma between postings
      // Bug, not input: validation bounds a posting far below a message (limits.ts).
      if (envelopeBytes + bytes > limits.messageBytesMax) throw new Error(`a posting of ${bytes} bytes cannot fit a message`);
      if (pending.length > 0 && pendingBytes + bytes > limits.messageBytesMax) pack();
      pending.push({ text, bytes, waiter });
      pendingBytes += bytes;
    },
    pack,
    queuedPostings: () => pending.length,
  };
}

/** A message is confirmed: a waiter whose postings are all packed and confirmed resolves. */
export function confirmMessage(message: Message): void {
  for (const waiter of message.waiters) {
    waiter.messagesUnconfirmed -= 1;
    if (!waiter.settled && waiter.postingsUnpacked === 0 && waiter.messagesUnconfirmed === 0) {
      waiter.settled = true;
      waiter.resolve();
    }
  }
}

/** The first failed message decides; the request's other messages may still be delivered. */
export function failMessage(message: Message, error: BrokerUnavailableError): void {
  for (const waiter of message.waiters) {
    waiter.messagesUnconfirmed -= 1;
    if (waiter.settled) continue;
    waiter.settled = true;
    waiter.reject(error);
  }
}

export function everyWaiterSettled(message: Message): boolean {
  for (const waiter of message.waiters) if (!waiter.settled) return false;
  return true;
}
