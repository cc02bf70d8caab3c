// PostgreSQL adapter over a `pg` pool. Type parsers are set per pool, never globally, so other
// pg users in the same process keep their defaults. With a `password` function (a secret the
// caller fetches and caches), every new connection asks it; a login the server rejects (28P01,
// 28000: the secret rotated) calls `onCredentialsRejected` and is tried once more, so the caller's
// refreshed secret serves at once and a rotation costs no failed query. Connections already open
// keep working: PostgreSQL checks the password only at login.
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { databaseFailureKind } from './failure.ts';
import type { Database, QueryResult, Transaction } from './port.ts';
import { streamRows } from './server-cursor.ts';

const dateOid = 1082;
const int8Oid = 20;

const flowTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === dateOid || oid === int8Oid) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  readonly connectionString: string;
  /** Connections in the pool. */
  readonly poolSize?: number;
  readonly applicationName?: string;
  /** Milliseconds to wait for a new connection; without it a silent host hangs until TCP gives up. */
  readonly connectTimeoutMs?: number;
  /**
   * PostgreSQL's `statement_timeout` of every connection, in ms: the server cancels a statement
   * that runs longer (57014). Absent or 0: the server's own setting. A `statement_timeout` the
   * operator wrote in the connection string wins.
   */
  readonly statementTimeoutMs?: number;
  /** The password of each new connection, instead of the connection string's. */
  readonly password?: () => Promise<string>;
  /** The server rejected a login; the connection is then tried once more (with `password()` again). */
  readonly onCredentialsRejected?: () => void;
}

export const connectTimeoutMsDefault = 5_000;

export function connectPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'flow',
    types: flowTypes,
    connectionTimeoutMillis: options.connectTimeoutMs ?? connectTimeoutMsDefault,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...connectionOf(options),
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const connect = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      if (options.onCredentialsRejected === undefined || databaseFailureKind(error) !== 'credentials_rejected') throw error;
      options.onCredentialsRejected();
      return pool.connect();
    }
  };
  /** One statement on a pooled connection; as pg's `pool.query`, a failed statement's connection is discarded. */
  const once = async <Row>(run: (client: pg.PoolClient) => Promise<Row>): Promise<Row> => {
    const client = await connect();
    let failure: Error | undefined;
    try {
      return await run(client);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(failure);
    }
  };
  return {
    kind: 'postgres',
    query: (text, params) => once((client) => runQuery(client, text, params)),
    transaction: async (work) => inTransaction(await connect(), work),
    async runScript(text) {
      await once((client) => client.query(text));
    },
    close: () => pool.end(),
    connections: () => ({ idle: pool.idleCount, active: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * `work` in one transaction on `client`, then releases it. A client that lost its connection (an
 * 'error' event between statements, or a failed rollback) is destroyed, not returned to the pool.
 * pg emits that event on the checked-out client, where the pool's own listener is not; unheard, it
 * would crash the process.
 */
async function inTransaction<T>(client: pg.PoolClient, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  let broken: Error | undefined;
  const onLost = (error: Error) => {
    broken = error;
  };
  client.on('error', onLost);
  try {
    await client.query('begin');
    const transaction: Transaction = {
      query: (text, params) => runQuery(client, text, params),
      runScript: async (text) => void (await client.query(text)),
      stream: (text, params, batchRows) => streamRows(transaction, text, params, batchRows),
    };
    const result = await work(transaction);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onLost);
    client.release(broken);
  }
}

/**
 * Where and as whom to connect. pg lets every field of a connection string win over the config,
 * its password (even an empty one) included, so with a `password` function the string is parsed
 * here and its password left out; its other settings still win, as they do from the string.
 */
function connectionOf(options: PostgresOptions): pg.PoolConfig {
  if (options.password === undefined) return { connectionString: options.connectionString };
  const { password: _fromString, ...fromString } = parseIntoClientConfig(options.connectionString);
  return { ...fromString, password: options.password };
}

async function runQuery<Row>(
  client: pg.PoolClient, text: string, params?: readonly unknown[],
): Promise<QueryResult<Row>> {
  const result = await client.query(text, params as unknown[] | undefined);
  return { rows: result.rows as Row[] };
}
