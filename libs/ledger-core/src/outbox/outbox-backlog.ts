// The outbox backlog for `flow_outbox_unsent_rows` and `flow_outbox_oldest_unsent_age_seconds`:
// how many committed batches' callbacks are not yet on the callback topic, and how late the
// oldest is. Unsent rows are few in a healthy system (the partial index `outbox_unsent_idx`
// holds only them), so the count and the minimum stay cheap at every scrape.
import type { Queryable } from '../database/port.ts';

export interface OutboxBacklog {
  readonly unsentRows: number;
  /** Seconds since the oldest unsent row was committed; 0 when none. */
  readonly oldestUnsentAgeSeconds: number;
}

const outboxBacklogSql = `
  select count(*)::integer as unsent,
         coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
    from flow.outbox
   where sent_at is null`;

export async function readOutboxBacklog(db: Queryable): Promise<OutboxBacklog> {
  const { rows } = await db.query<{ unsent: number; age: number }>(outboxBacklogSql);
  return { unsentRows: rows[0]!.unsent, oldestUnsentAgeSeconds: Math.max(0, Number(rows[0]!.age)) };
}
