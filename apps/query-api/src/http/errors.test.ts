// Which failures are "the database is unavailable" (503) and which are bugs (500): table-driven
// over the shapes pg, pg-pool, Node sockets and PGlite really produce.
import { isDatabaseUnavailable } from './errors.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

test.each([
  ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
  ['connection reset', withCode('ECONNRESET')],
  ['admin shutdown (failover)', withCode('57P01', 'terminating connection due to administrator command')],
  ['cannot connect now (recovery)', withCode('57P03', 'the database system is starting up')],
  ['too many connections', withCode('53300')],
  ['connection failure, class 08', withCode('08006')],
  ['connection terminated by pg', new Error('Connection terminated unexpectedly')],
  ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
  ['pool already ended', new Error('Cannot use a pool after calling end on the pool')],
  ['closed PGlite', new Error('PGlite is closed')],
  ['an error from another realm', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
])('%s is database_unavailable', (_name, error) => {
  expect(isDatabaseUnavailable(error)).toBe(true);
});

test.each([
  ['a syntax error (a bug)', withCode('42601', 'syntax error at or near "selec"')],
  ['a unique violation', withCode('23505')],
  ['a plain bug', new TypeError('cannot read properties of undefined')],
  ['not an error at all', 'ECONNREFUSED'],
  ['nothing', undefined],
])('%s is not', (_name, error) => {
  expect(isDatabaseUnavailable(error)).toBe(false);
});
