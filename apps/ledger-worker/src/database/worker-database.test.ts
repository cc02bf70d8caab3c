// The worker's statement timeout: added to the connection string's startup options, applied to
// every connection of the worker's own pool, and on PostgreSQL a statement that outlives it is
// cancelled by the server (57014), classified `timeout` (retried alone, no pause), and its
// connection is free again. PGlite has no timer interrupt, so it does not cancel: the README's
// caveat for the embedded stack.
import { openPglite } from '@flow/ledger-core';
import { postgresTarget, type TestDatabase } from '@flow/ledger-core/testing';
import { batchFailureKind, pauseReasonOf } from '../batch/database-failure.ts';
import { batchStatementTimeoutMs, batchTimeoutMs } from '../limits.ts';
import { connectWorkerDatabase, withStatementTimeout } from './worker-database.ts';

test.each([
  ['no options yet', 'postgres://flow:secret@db:5432/flow', '-c statement_timeout=28000'],
  ['other parameters kept', 'postgres://db/flow?sslmode=require', '-c statement_timeout=28000'],
  ['after options already there', 'postgres://db/flow?options=-c%20search_path%3Dflow', '-c search_path=flow -c statement_timeout=28000'],
])('withStatementTimeout: %s', (_name, url, options) => {
  const result = new URL(withStatementTimeout(url, 28_000));
  const original = new URL(url);
  expect(result.searchParams.get('options')).toBe(options);
  expect([result.username, result.password, result.host, result.pathname]).toEqual([original.username, original.password, original.host, original.pathname]);
  if (original.searchParams.has('sslmode')) expect(result.searchParams.get('sslmode')).toBe('require');
});

test('the statement timeout leaves the breaker time to see the cancel', () => {
  expect(batchStatementTimeoutMs).toBeLessThan(batchTimeoutMs);
});

test('PGlite does not cancel on statement_timeout (no timer interrupt in WASM)', async () => {
  const pglite = await openPglite();
  try {
    await pglite.query('set statement_timeout = 1');
    await expect(pglite.query('select pg_sleep(0.05)')).resolves.toBeDefined();
  } finally {
    await pglite.close();
  }
});

const postgres = postgresTarget();
(postgres === null ? describe.skip : describe)('on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await postgres!.create({ poolSize: 1 });
  });
  afterAll(() => db.drop());

  test('every connection of the worker pool carries the batch statement timeout', async () => {
    const database = connectWorkerDatabase({ url: db.url!, poolSize: 2 });
    try {
      const { rows } = await database.query<{ ms: string }>(`select setting as ms from pg_settings where name = 'statement_timeout'`);
      expect(rows).toEqual([{ ms: String(batchStatementTimeoutMs) }]);
    } finally {
      await database.close();
    }
  });

  test('a statement past the timeout is cancelled by the server: 57014, timeout, no pause, connection freed', async () => {
    const database = connectWorkerDatabase({ url: db.url!, poolSize: 1, statementTimeoutMs: 50 });
    try {
      // pg_sleep(60) cannot finish within any test timeout: only the server's cancel ends it.
      const error: unknown = await database.transaction((tx) => tx.query('select pg_sleep(60)')).then(() => undefined, (rejection: unknown) => rejection);
      expect(error).toMatchObject({ code: '57014' });
      expect(batchFailureKind(error)).toBe('timeout');
      expect(pauseReasonOf(error)).toBeNull();
      // The pool's only connection was rolled back and returned: the next statement runs on it.
      expect((await database.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });
});
