// Reads of single postings and searches over the ledger: posted entries (flow.transaction, in
// statement order) and, on request, rejections (flow.posting, through the partial indexes of
// migration 0004, so the hot path's inserts pay nothing for them).
import { searchStatuses, uuidPattern } from '@flow/contracts';
import type { Queryable } from '../database/port.ts';
import { pageLimitDefault, pageLimitMax } from '../limits.ts';
import { CursorError, decodeCursor, encodeCursor, pageOf, type Page } from './cursor.ts';

export interface TransactionView {
  readonly id: string;
  readonly status: 'posted' | 'rejected';
  /** The rejection code when rejected. */
  readonly reason: string | null;
  readonly branch: string;
  readonly account: string;
  readonly amount: string;
  readonly debitCredit: 'D' | 'C';
  readonly eventCode: number;
  readonly description: string | null;
  readonly details: Record<string, unknown> | null;
  readonly dateRef: string;
  readonly traceKey: string;
  /** Position in the statement order (date_ref, seq); null for rejections. */
  readonly seq: string | null;
  readonly processedAt: Date;
  /** Who posted it (the ingest token's client_id or subject); null when unknown. */
  readonly producer: string | null;
}

/** One posting read by id: with its reversal links. */
export interface TransactionDetailView extends TransactionView {
  /** The id of the posting this one reverses; null for a plain posting. */
  readonly reverses: string | null;
  /** The sum of this posting's posted reversals ("0.00" when none). */
  readonly reversedAmount: string;
  /** The ids of this posting's posted reversals, in statement order. */
  readonly reversals: string[];
}

// The reversals of the posting come through transaction_reverses_idx (one index scan per
// monthly partition).
const transactionByIdSql = `
  select p.id, p.status, p.reason, p.branch, p.account, p.date_ref as "dateRef", p.trace_key as "traceKey",
         p.processed_at as "processedAt", t.seq, p.producer,
         case when t.id is not null then t.reverses else (p.rejected_posting->>'reverses')::uuid end as reverses,
         r."reversedAmount", r.reversals,
         coalesce(t.amount::text, p.rejected_posting->>'amount') as amount,
         coalesce(t.debit_credit, p.rejected_posting->>'debitCredit') as "debitCredit",
         coalesce(t.event_code, (p.rejected_posting->>'eventCode')::integer) as "eventCode",
         case when t.id is not null then t.description else p.rejected_posting->>'description' end as description,
         case when t.id is not null then t.details else p.rejected_posting->'details' end as details
  from flow.posting p
  left join flow.transaction t on t.date_ref = p.date_ref and t.id = p.id
  cross join lateral (
    select coalesce(sum(reversal.amount), 0)::numeric(24,2)::text as "reversedAmount",
           coalesce(json_agg(reversal.id order by reversal.date_ref, reversal.seq), '[]'::json) as reversals
    from flow.transaction reversal where reversal.reverses = p.id
  ) r
  where p.id = $1`;

/** The posting with its outcome, posted or rejected; null when the id was never received. */
export async function findTransaction(db: Queryable, id: string): Promise<TransactionDetailView | null> {
  const { rows } = await db.query<TransactionDetailView>(transactionByIdSql, [id]);
  return rows[0] ?? null;
}

/** The search's `status` values: one list, the one the query API's parameter schema names. */
export { searchStatuses };
export type SearchStatus = typeof searchStatuses[number];

export interface TransactionSearch {
  readonly branch?: string;
  /** Only entries of these branches (the caller's token's); absent or null: every branch. */
  readonly branches?: readonly string[] | null;
  readonly account?: string;
  readonly from?: string;
  readonly to?: string;
  readonly traceKey?: string;
  readonly eventCode?: number;
  /** Only entries this producer posted. */
  readonly producer?: string;
  /** Posted entries only (the default), rejections only, or both. */
  readonly status?: SearchStatus;
  readonly limit?: number;
  readonly cursor?: string;
}

const searchSql = `
  select t.id, 'posted' as status, null as reason, t.branch, t.account, t.amount::text as amount,
         t.debit_credit as "debitCredit", t.event_code as "eventCode", t.description, t.details,
         t.date_ref as "dateRef", t.trace_key as "traceKey", t.seq, t.created_at as "processedAt", t.producer
  from flow.transaction t
  where ($1::text is null or t.branch = $1) and ($2::text is null or t.account = $2)
    and t.date_ref >= coalesce($3::date, '-infinity') and t.date_ref <= coalesce($4::date, 'infinity')
    and ($5::uuid is null or t.trace_key = $5) and ($6::integer is null or t.event_code = $6)
    and (t.date_ref, t.seq) > ($7::date, $8::bigint)
    and ($10::text[] is null or t.branch = any($10::text[]))
    and ($11::text is null or t.producer = $11)
  order by t.date_ref, t.seq
  limit $9`;

/**
 * Rejections, and with `$12 = 'all'` posted entries too, in one order: by business date, then the
 * day's posted entries in statement order (seq), then its rejections by id. Rejections keep the
 * posting as received (`rejected_posting`); its event code is compared as text, so no stored
 * value can fail a cast in the filter.
 */
const searchWithRejectionsSql = `
  select id, status, reason, branch, account, amount, "debitCredit", "eventCode", description, details, "dateRef",
         "traceKey", seq, "processedAt", producer, "group", "orderSeq"
  from (
    select t.id, 'posted' as status, null::text as reason, t.branch, t.account, t.amount::text as amount,
           t.debit_credit::text as "debitCredit", t.event_code as "eventCode", t.description, t.details,
           t.date_ref as "dateRef", t.trace_key as "traceKey", t.seq, t.created_at as "processedAt", t.producer,
           0 as "group", t.seq as "orderSeq"
    from flow.transaction t
    where $12::text = 'all'
      and ($1::text is null or t.branch = $1) and ($2::text is null or t.account = $2)
      and t.date_ref >= coalesce($3::date, '-infinity') and t.date_ref <= coalesce($4::date, 'infinity')
      and ($5::uuid is null or t.trace_key = $5) and ($6::integer is null or t.event_code = $6)
      and ($10::text[] is null or t.branch = any($10::text[])) and ($11::text is null or t.producer = $11)
      and (t.date_ref, 0, t.seq, t.id) > ($7::date, $13::integer, $8::bigint, $14::uuid)
    union all
    select p.id, p.status, p.reason, p.branch, p.account, p.rejected_posting->>'amount',
           p.rejected_posting->>'debitCredit', (p.rejected_posting->>'eventCode')::integer,
           p.rejected_posting->>'description', p.rejected_posting->'details',
           p.date_ref, p.trace_key, null::bigint, p.processed_at, p.producer, 1, 0::bigint
    from flow.posting p
    where p.status = 'rejected'
      and ($1::text is null or p.branch = $1) and ($2::text is null or p.account = $2)
      and p.date_ref >= coalesce($3::date, '-infinity') and p.date_ref <= coalesce($4::date, 'infinity')
      and ($5::uuid is null or p.trace_key = $5) and ($6::integer is null or p.rejected_posting->>'eventCode' = $6::text)
      and ($10::text[] is null or p.branch = any($10::text[])) and ($11::text is null or p.producer = $11)
      and (p.date_ref, 1, 0::bigint, p.id) > ($7::date, $13::integer, $8::bigint, $14::uuid)
  ) found
  order by "dateRef", "group", "orderSeq", id
  limit $9`;

const noUuid = '00000000-0000-0000-0000-000000000000';

/**
 * Entries matching every given filter: posted ones in statement order (date_ref, seq); with
 * `status` `rejected` or `all`, rejections with their reason, after the posted entries of their day.
 */
export async function searchTransactions(db: Queryable, search: TransactionSearch): Promise<Page<TransactionView>> {
  if ((search.status ?? 'posted') !== 'posted') return searchWithRejections(db, search);
  const limit = Math.min(search.limit ?? pageLimitDefault, pageLimitMax);
  const [afterDate, afterSeq] = search.cursor === undefined
    ? ['-infinity', '-1']
    : decodeCursor('transactions', search.cursor, ['date', 'seq'] as const);
  const { rows } = await db.query<TransactionView>(searchSql, [
    search.branch ?? null, search.account ?? null, search.from ?? null, search.to ?? null,
    search.traceKey ?? null, search.eventCode ?? null, afterDate, afterSeq, limit + 1, search.branches ?? null,
    search.producer ?? null,
  ]);
  return pageOf(rows, limit, (last) => encodeCursor('transactions', [last.dateRef, last.seq!]));
}

async function searchWithRejections(db: Queryable, search: TransactionSearch): Promise<Page<TransactionView>> {
  const limit = Math.min(search.limit ?? pageLimitDefault, pageLimitMax);
  const kind = `transactions-${search.status}`;
  const [afterDate, afterGroup, afterSeq, afterId] = search.cursor === undefined
    ? ['-infinity', 0, '-1', noUuid]
    : decodeCursor(kind, search.cursor, ['date', 'code', 'seq', 'text'] as const);
  if (!uuidPattern.test(afterId)) throw new CursorError('the cursor is damaged');
  const { rows } = await db.query<TransactionView & { group: number; orderSeq: string }>(searchWithRejectionsSql, [
    search.branch ?? null, search.account ?? null, search.from ?? null, search.to ?? null,
    search.traceKey ?? null, search.eventCode ?? null, afterDate, afterSeq, limit + 1, search.branches ?? null,
    search.producer ?? null, search.status, afterGroup, afterId,
  ]);
  const page = pageOf(rows, limit, (last) => encodeCursor(kind, [last.dateRef, last.group, last.orderSeq, last.id]));
  return { items: page.items.map(({ group: _group, orderSeq: _orderSeq, ...view }) => view), nextCursor: page.nextCursor };
}
