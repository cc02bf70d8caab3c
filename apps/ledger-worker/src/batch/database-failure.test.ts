// Which failures pause the worker: ledger-core's unavailable and credentials_rejected, plus the
// breaker's own "open"; a statement timeout and a bug are the batch's own.
import { pauseReasonOf, type PauseReason } from './database-failure.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

test.each<[string, unknown, PauseReason | null]>([
  ['connection refused', withCode('ECONNREFUSED'), 'unavailable'],
  ['read-only transaction during a failover', withCode('25006'), 'unavailable'],
  ['the database breaker is open', withCode('EOPENBREAKER', 'Breaker is open'), 'unavailable'],
  ['the batch timed out in the breaker', withCode('ETIMEDOUT', 'Timed out after 30000ms'), 'unavailable'],
  ['password rejected after a secret rotation', withCode('28P01'), 'credentials_rejected'],
  ['statement timeout: the batch is retried alone', withCode('57014'), null],
  ['a bug', new TypeError('x is undefined'), null],
])('%s', (_name, error, reason) => {
  expect(pauseReasonOf(error)).toBe(reason);
});
