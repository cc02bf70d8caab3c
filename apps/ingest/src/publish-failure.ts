// Why the broker did not confirm a publish: the expected failure the batcher hands to a request,
// which answers it with 503 `broker_unavailable` and the reason.
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
