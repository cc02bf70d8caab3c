// PostgreSQL adapter over a `pg` pool. Type parsers are set per pool, never globally, so other
// pg users in the same process keep their defaults.
import pg from 'pg';
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
}

export const connectTimeoutMsDefault = 5_000;

export function connectPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'flow',
    types: flowTypes,
    connectionTimeoutMillis: options.connectTimeoutMs ?? connectTimeoutMsDefault,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    query: (text, params) => runQuery(pool, text, params),
    async transaction(work) {
      const client = await pool.connect();
      // A client that lost its connection (an 'error' event between statements, or a failed
      // rollback) is destroyed, not returned to the pool. pg emits that event on the checked-out
      // client, where the pool's own listener is not; unheard, it would crash the process.
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
    },
    async runScript(text) {
      await pool.query(text);
    },
    close: () => pool.end(),
    connections: () => ({ idle: pool.idleCount, active: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }),
  };
}

async function runQuery<Row>(
  client: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[],
): Promise<QueryResult<Row>> {
  const result = await client.query(text, params as unknown[] | undefined);
  return { rows: result.rows as Row[] };
}
