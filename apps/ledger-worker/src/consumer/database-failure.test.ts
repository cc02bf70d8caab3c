// Which failures pause the worker: ledger-core's unavailable and credentials_rejected, plus the
// breaker's own "open" and its timeout (the server cancels slow statements before it, so a
// breaker timeout means the server did not answer); a statement timeout and a bug are the batch's own.
import CircuitBreaker from 'opossum';
import { batchFailureKind, pauseReasonOf, type BatchFailureKind, type PauseReason } from './database-failure.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

test.each<[string, unknown, BatchFailureKind | null, PauseReason | null]>([
  ['connection refused', withCode('ECONNREFUSED'), 'unavailable', 'unavailable'],
  ['a socket timeout', withCode('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.5:5432'), 'unavailable', 'unavailable'],
  ['read-only transaction during a failover', withCode('25006'), 'unavailable', 'unavailable'],
  ['the database breaker is open', withCode('EOPENBREAKER', 'Breaker is open'), 'unavailable', 'unavailable'],
  ['the breaker timed out: the server did not answer', withCode('ETIMEDOUT', 'Timed out after 30000ms'), 'batch_timeout', 'unavailable'],
  ['password rejected after a secret rotation', withCode('28P01'), 'credentials_rejected', 'credentials_rejected'],
  ['statement timeout: the batch is retried alone', withCode('57014'), 'timeout', null],
  ['a bug', new TypeError('x is undefined'), null, null],
])('%s', (_name, error, kind, reason) => {
  expect(batchFailureKind(error)).toBe(kind);
  expect(pauseReasonOf(error)).toBe(reason);
});

test("opossum's own timeout error is told apart from a socket's, and pauses like one", async () => {
  const never = () => new Promise<never>(() => undefined);
  const breaker = new CircuitBreaker(never, { timeout: 1 });
  try {
    const error: unknown = await breaker.fire().then(() => undefined, (rejection: unknown) => rejection);
    expect(error).toMatchObject({ code: 'ETIMEDOUT' });
    expect(batchFailureKind(error)).toBe('batch_timeout');
    expect(pauseReasonOf(error)).toBe('unavailable');
  } finally {
    breaker.shutdown();
  }
});
