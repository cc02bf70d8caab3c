// The worker's statement timeout: the database port's `statementTimeoutMs`, applied to
// every connection of the worker's own pool, and on PostgreSQL a statement that outlives it is
// cancelled by the server (57014), classified `timeout` (retried alone, no pause), and its
// connection is free again. PGlite has no timer interrupt, so it does not cancel: the README's
// caveat for the embedded stack.
import { openPglite } from '@flow/ledger-core';
import { postgresTarget, type TestDatabase } from '@flow/ledger-core/testing';
import { batchFailureKind, pauseReasonOf } from '../consumer/database-failure.ts';
import { batchStatementTimeoutMs, batchTimeoutMs } from '../limits.ts';
import { connectWorkerDatabase } from './worker-database.ts';

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
