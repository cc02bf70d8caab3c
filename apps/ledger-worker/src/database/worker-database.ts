// The worker's own PostgreSQL pool (used when no database is injected). Every statement on it runs
// under PostgreSQL's statement_timeout, `batchStatementTimeoutMs`, a little below the database
// breaker's `batchTimeoutMs`. opossum's timeout only stops waiting: the engine's transaction would
// keep its connection and account locks and could still commit. The server's timeout cancels the
// statement (57014, a `timeout`: the batch is retried message by message), which rolls the
// transaction back and frees both. It is a connection option (the database port's
// `statementTimeoutMs`), not `set local` in the batch transaction, because the engine owns that
// transaction; it bounds the sweep, the probe and the readiness check too. It bounds each statement, not the whole transaction, so the breaker's
// timeout stays as the backstop. Migrations run on a connection of their own without it: a
// migration may rightly take longer, and so may waiting for another task's migration lock.
import { connectPostgres, migrate, type Database } from '@flow/ledger-core';
import type { PoolPassword } from '@flow/service-kit';
import { serviceName } from '../config.ts';
import { batchStatementTimeoutMs } from '../limits.ts';

export interface WorkerDatabaseOptions {
  readonly url: string;
  readonly poolSize: number;
  /** PostgreSQL statement_timeout of every connection; tests lower it. */
  readonly statementTimeoutMs?: number;
  /** With FLOW_DATABASE_SECRET_ARN: the password from the secret at run time, refreshed after a rejected login. */
  readonly password?: PoolPassword;
}

export function connectWorkerDatabase(options: WorkerDatabaseOptions): Database {
  return connectPostgres({
    connectionString: options.url,
    statementTimeoutMs: options.statementTimeoutMs ?? batchStatementTimeoutMs,
    poolSize: options.poolSize,
    applicationName: serviceName,
    ...options.password,
  });
}

/** Runs the ledger migrations on a one-connection pool without the statement timeout, then closes it. */
export async function migrateOnOwnConnection(url: string): Promise<string[]> {
  const database = connectPostgres({ connectionString: url, poolSize: 1, applicationName: serviceName });
  try {
    return await migrate(database);
  } finally {
    await database.close();
  }
}
