// Reads the oldest unsent outbox rows for the relay's sweep, without locking them and outside
// any transaction: the sweep then publishes each row and marks it with a conditional update
// (`sent_at is null`). Holding row locks across SNS publishes kept a transaction (and a pool
// connection) open for as long as the topic took to answer, seconds under a slow topic; without
// them two sweeps may publish the same row, which at-least-once delivery already allows
// (consumers dedupe by posting id). The age floor leaves a fresh row to the worker that committed
// it, which publishes it right after commit. Order is by created_at, never by id: ids are taken
// before the account locks, so they do not follow commit order.
import type { Queryable } from '../database/port.ts';
import type { BalanceChange } from '@flow/contracts';
import type { PostingOutcome } from '../engine/outcome.ts';

export interface OutboxRow {
  readonly id: string;
  readonly outcomes: PostingOutcome[];
  /** The batch's balance changes; empty when it changed no stored day. */
  readonly balanceChanges: BalanceChange[];
  readonly createdAt: Date;
}

export interface FindUnsentOptions {
  /** Rows read at most (bounds one pass's publishes). */
  readonly rowsMax: number;
  /** Only rows committed at least this long ago; 0 reads every unsent row. */
  readonly ageMinMs: number;
}

const findUnsentOutboxSql = `
  select id, outcomes, coalesce(balance_changes, '[]'::json) as "balanceChanges", created_at as "createdAt"
  from flow.outbox
  where sent_at is null and created_at <= now() - make_interval(secs => $1::double precision / 1000)
  order by created_at, id
  limit $2`;

export async function findUnsentOutbox(db: Queryable, options: FindUnsentOptions): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(findUnsentOutboxSql, [options.ageMinMs, options.rowsMax]);
  return rows;
}
