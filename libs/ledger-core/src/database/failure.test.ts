// Which failures mean the database is unavailable, rejects our credentials, or timed a
// statement out, and which are the query's own: table-driven over the shapes pg, pg-pool, Node
// sockets and PGlite really produce.
import { databaseFailureKind, type DatabaseFailureKind } from './failure.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

test.each<[string, unknown, DatabaseFailureKind | null]>([
  ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'unavailable'],
  ['connection reset', withCode('ECONNRESET'), 'unavailable'],
  ['host not found', withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND db.internal'), 'unavailable'],
  ['socket timeout', withCode('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.5:5432'), 'unavailable'],
  ['socket timeout without a message (an AggregateError of several addresses)', withCode('ETIMEDOUT', ''), 'unavailable'],
  ['opossum timeout: the caller stopped waiting, the database is not known to be gone', withCode('ETIMEDOUT', 'Timed out after 30000ms'), null],
  ['connection failure, class 08', withCode('08006'), 'unavailable'],
  ['connection does not exist, class 08', withCode('08003'), 'unavailable'],
  ['admin shutdown (failover)', withCode('57P01', 'terminating connection due to administrator command'), 'unavailable'],
  ['crash shutdown', withCode('57P02'), 'unavailable'],
  ['cannot connect now (recovery)', withCode('57P03', 'the database system is starting up'), 'unavailable'],
  ['too many connections', withCode('53300'), 'unavailable'],
  ['read-only transaction (old writer during a failover)', withCode('25006', 'cannot execute INSERT in a read-only transaction'), 'unavailable'],
  ['connection terminated by pg', new Error('Connection terminated unexpectedly'), 'unavailable'],
  ['pool connect timeout', new Error('timeout exceeded when trying to connect'), 'unavailable'],
  ['pool already ended', new Error('Cannot use a pool after calling end on the pool'), 'unavailable'],
  ['client connection error', new Error('Client has encountered a connection error and is not queryable'), 'unavailable'],
  ['closed PGlite', new Error('PGlite is closed'), 'unavailable'],
  ['an error from another realm', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'unavailable'],
  ['password rejected (secret rotated)', withCode('28P01', 'password authentication failed for user "flow"'), 'credentials_rejected'],
  ['authorization rejected', withCode('28000', 'no pg_hba.conf entry'), 'credentials_rejected'],
  ['statement timeout', withCode('57014', 'canceling statement due to statement timeout'), 'timeout'],
  ['a syntax error (a bug)', withCode('42601', 'syntax error at or near "selec"'), null],
  ['a unique violation', withCode('23505'), null],
  ['a missing database (configuration)', withCode('3D000', 'database "flow" does not exist'), null],
  ['a serialization failure (retried by the engine)', withCode('40001'), null],
  ['a plain bug', new TypeError('cannot read properties of undefined'), null],
  ['a code that only looks like class 08', withCode('080'), null],
  ['not an error at all', 'ECONNREFUSED', null],
  ['nothing', undefined, null],
])('%s', (_name, error, kind) => {
  expect(databaseFailureKind(error)).toBe(kind);
});
