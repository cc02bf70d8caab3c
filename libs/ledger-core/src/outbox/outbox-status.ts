// The outbox as operations see it: rows waiting for the relay, the oldest one's age, and the newest
// batch written (the worker's last commit). Index-only reads: the partial index on unsent rows and
// the primary key.
import type { Queryable } from '../database/port.ts';

export interface OutboxStatus {
  /** Outbox rows (batches) not yet published to the callback topic. */
  readonly unsent: number;
  /** When the oldest unsent row was written; null when none waits. */
  readonly oldestUnsentAt: string | null;
  /** When the newest batch was written; null on an empty ledger. */
  readonly lastBatchAt: string | null;
}

const timestamp = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const outboxStatusSql = `
  select (select count(*)::integer from flow.outbox where sent_at is null) as unsent,
         (select ${timestamp('created_at')} from flow.outbox where sent_at is null order by id limit 1) as "oldestUnsentAt",
         (select ${timestamp('created_at')} from flow.outbox order by id desc limit 1) as "lastBatchAt"`;

export async function readOutboxStatus(db: Queryable): Promise<OutboxStatus> {
  const { rows } = await db.query<OutboxStatus>(outboxStatusSql);
  return rows[0]!;
}
