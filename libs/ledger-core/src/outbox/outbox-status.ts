// The outbox as operations see it — the console's operations view and the worker's gauges
// (`flow_outbox_unsent_rows`, `flow_outbox_oldest_unsent_age_seconds`) read this one query: rows
// waiting for the relay, the oldest one's time and age, and the newest batch written (the worker's
// last commit). Unsent rows are few in a healthy system and the partial index `outbox_unsent_idx`
// holds only them; the newest batch is the primary key's last entry: cheap at every scrape.
import type { Queryable } from '../database/port.ts';
import { utcInstantSql } from '../database/utc-instant.ts';

export interface OutboxStatus {
  /** Outbox rows (batches) not yet published to the callback topic. */
  readonly unsent: number;
  /** When the oldest unsent row was written; null when none waits. */
  readonly oldestUnsentAt: string | null;
  /** Seconds since the oldest unsent row was written (the database's clock); 0 when none waits. */
  readonly oldestUnsentAgeSeconds: number;
  /** When the newest batch was written; null on an empty ledger. */
  readonly lastBatchAt: string | null;
}

const outboxStatusSql = `
  with oldest_unsent as (select created_at from flow.outbox where sent_at is null order by id limit 1)
  select (select count(*)::integer from flow.outbox where sent_at is null) as unsent,
         (select ${utcInstantSql('created_at')} from oldest_unsent) as "oldestUnsentAt",
         coalesce((select extract(epoch from now() - created_at) from oldest_unsent), 0)::float8 as "oldestUnsentAgeSeconds",
         (select ${utcInstantSql('created_at')} from flow.outbox order by id desc limit 1) as "lastBatchAt"`;

export async function readOutboxStatus(db: Queryable): Promise<OutboxStatus> {
  const { rows } = await db.query<OutboxStatus>(outboxStatusSql);
  const status = rows[0]!;
  return { ...status, oldestUnsentAgeSeconds: Math.max(0, Number(status.oldestUnsentAgeSeconds)) };
}
