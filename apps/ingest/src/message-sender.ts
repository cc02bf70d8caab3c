// The send loop of the batcher: packed messages wait in arrival order and go through the
// request-topic breaker with at most `inFlightMax` publishes under way. Each answer confirms or
// fails the requests in its message; a message whose requests all settled already is skipped.
import { formatTraceparent, newSpanId, type Breaker } from '@flow/service-kit';
import { confirmMessage, everyWaiterSettled, failMessage, type Message } from './posting-packer.ts';
import { BrokerUnavailableError, type PublishFailureReason } from './publish-failure.ts';

export interface MessageSender {
  /** Queues a packed message; call `sendReady` to start what the in-flight bound allows. */
  enqueue(message: Message): void;
  sendReady(): void;
  /** Postings in messages not yet handed to SNS. */
  queuedPostings(): number;
  /** No message waits and no publish is under way. */
  isIdle(): boolean;
}

export function createMessageSender(
  breaker: Breaker<[string, string | undefined], void>, inFlightMax: number, onAnswer: () => void,
  onConfirmed: (postings: number) => void = () => undefined,
): MessageSender {
  const ready: Message[] = [];
  let readyPostings = 0;
  let inFlight = 0;

  function sendReady(): void {
    while (inFlight < inFlightMax && ready.length > 0) {
      const message = ready.shift()!;
      readyPostings -= message.postingCount;
      if (everyWaiterSettled(message)) continue; // every request in it already got its 503
      inFlight += 1;
      breaker.fire(message.body, traceparentOf(message)).then(
        () => {
          onConfirmed(message.postingCount);
          confirmMessage(message);
        },
        (error: unknown) => failMessage(message, new BrokerUnavailableError(failureReason(error), error)),
      ).finally(() => {
        inFlight -= 1;
        sendReady();
        onAnswer();
      });
    }
  }

  return {
    enqueue(message) {
      ready.push(message);
      readyPostings += message.postingCount;
    },
    sendReady,
    queuedPostings: () => readyPostings,
    isIdle: () => inFlight === 0 && ready.length === 0,
  };
}

/** The `traceparent` of a message: its first request's trace, with this publish as the parent span. */
function traceparentOf(message: Message): string | undefined {
  for (const waiter of message.waiters) {
    if (waiter.traceId !== undefined) return formatTraceparent({ traceId: waiter.traceId, spanId: newSpanId(), sampled: true });
  }
  return undefined;
}

function failureReason(error: unknown): PublishFailureReason {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EOPENBREAKER') return 'breaker_open';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'broker_error';
}
