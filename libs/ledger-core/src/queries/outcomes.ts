// The outcomes feed: postings as they were decided, read back from the outbox (one row per batch,
// written in the batch's transaction, never deleted) by its identity `id`, which the primary key
// indexes. flow.posting has no index on its processing time on purpose (it would cost the hot
// path), so the outbox is the cheap "what is new" index; amounts and sides come from the posted
// entry (flow.transaction, by its primary key) or the rejected posting as received (flow.posting).
// Rows of other kinds a later outbox may hold (anything whose elements lack a `status`) are skipped.
import type { Queryable } from '../database/port.ts';
import { utcInstantSql } from '../database/utc-instant.ts';

export interface OutcomeFeedItem {
  /** The outbox row (the batch) the outcome came in: the feed's position. */
  readonly position: string;
  readonly id: string;
  readonly status: 'posted' | 'rejected';
  readonly reason: string | null;
  readonly branch: string;
  readonly account: string;
  readonly dateRef: string;
  readonly traceKey: string;
  readonly replay: boolean;
  readonly amount: string | null;
  readonly debitCredit: 'D' | 'C' | null;
  readonly decidedAt: string;
}

export interface OutcomeFeedRequest {
  /** Outbox rows after this position; rows at or before it are not read. */
  readonly after: string;
  /** Branches the reader may see; null for every branch. */
  readonly branches: readonly string[] | null;
  /** Outbox rows (batches) read at most. */
  readonly batchLimit: number;
}

const outcomeFeedSql = `
  with batch as (
    select id, created_at, outcomes from flow.outbox where id > $1::bigint order by id limit $3
  ), outcome as (
    select batch.id, batch.created_at, item
    -- A row that is not an array of outcomes (another kind of message) contributes no element.
    from batch, json_array_elements(case when json_typeof(batch.outcomes) = 'array' then batch.outcomes else '[]'::json end) as item
    where item->>'status' in ('posted', 'rejected')
      and ($2::text[] is null or item->>'branch' = any($2::text[]))
  )
  select outcome.id::text as position, item->>'id' as id, item->>'status' as status, item->>'reason' as reason,
         item->>'branch' as branch, item->>'account' as account, item->>'dateRef' as "dateRef",
         item->>'traceKey' as "traceKey", coalesce((item->>'replay')::boolean, false) as replay,
         coalesce(t.amount::text, p.rejected_posting->>'amount') as amount,
         coalesce(t.debit_credit, p.rejected_posting->>'debitCredit') as "debitCredit",
         ${utcInstantSql('outcome.created_at')} as "decidedAt"
  from outcome
  left join flow.transaction t
    on item->>'status' = 'posted' and t.date_ref = (item->>'dateRef')::date and t.id = (item->>'id')::uuid
  left join flow.posting p on item->>'status' = 'rejected' and p.id = (item->>'id')::uuid
  order by outcome.id, item->>'id'`;

const lastPositionSql = `
  select max(id)::text as position from (select id from flow.outbox where id > $1::bigint order by id limit $2) as batch`;

export interface OutcomeFeedPage {
  readonly items: OutcomeFeedItem[];
  /** The last outbox row read, whatever its branches: where the next read starts ('after' when none). */
  readonly lastPosition: string;
}

/** Outcomes of the batches after `after`, limited to `branches`, in batch order. */
export async function readOutcomeFeed(db: Queryable, request: OutcomeFeedRequest): Promise<OutcomeFeedPage> {
  const { rows } = await db.query<OutcomeFeedItem>(outcomeFeedSql, [request.after, request.branches, request.batchLimit]);
  const last = await db.query<{ position: string | null }>(lastPositionSql, [request.after, request.batchLimit]);
  return { items: rows, lastPosition: last.rows[0]?.position ?? request.after };
}

/** The newest outbox position, '0' when there is none: a new feed starts there. */
export async function latestOutcomePosition(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ position: string | null }>('select max(id)::text as position from flow.outbox');
  return rows[0]?.position ?? '0';
}
