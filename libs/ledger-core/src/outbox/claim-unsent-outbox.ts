// Claims the oldest unsent outbox rows for the relay's sweep, row-locked until the caller's
// transaction ends. `skip locked` lets several workers sweep at once without waiting on (or
// publishing) each other's rows; the age floor leaves a fresh row to the worker that committed
// it, which publishes it right after commit. Order is by created_at, never by id: ids are taken
// before the account locks, so they do not follow commit order.
import type { Queryable } from '../database/port.ts';
import type { PostingOutcome } from '../engine/outcome.ts';

export interface OutboxRow {
  readonly id: string;
  readonly outcomes: PostingOutcome[];
  readonly createdAt: Date;
}

export interface ClaimUnsentOptions {
  /** Rows claimed at most (bounds the sweep's transaction and its publishes). */
  readonly rowsMax: number;
  /** Only rows committed at least this long ago; 0 claims every unsent row. */
  readonly ageMinMs: number;
}

const claimUnsentOutboxSql = `
  select id, outcomes, created_at as "createdAt"
  from flow.outbox
  where sent_at is null and created_at <= now() - make_interval(secs => $1::double precision / 1000)
  order by created_at, id
  limit $2
  for update skip locked`;

/** Must run inside a transaction: the row locks are what keeps concurrent sweeps apart. */
export async function claimUnsentOutbox(tx: Queryable, options: ClaimUnsentOptions): Promise<OutboxRow[]> {
  const { rows } = await tx.query<OutboxRow>(claimUnsentOutboxSql, [options.ageMinMs, options.rowsMax]);
  return rows;
}
