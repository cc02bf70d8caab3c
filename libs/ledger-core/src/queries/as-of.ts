// The ledger as it stood at an instant (`asOf`): which entries count, and why only the last
// retro window of days has to be recomputed from entries.
//
// Recorded. An entry is recorded at its batch's `created_at`, the start of the database
// transaction that inserted it (`now()`); a batch becomes visible at its commit, a few
// milliseconds later. An `asOf` answer counts the entries with `created_at <= asOf`, so a batch
// in flight at `asOf` (started before it, committed after) counts as recorded: the tolerance is
// one batch's duration, bounded by the worker's statement timeout and in practice milliseconds.
// `asOf` keeps PostgreSQL's microseconds: it is compared as text cast to timestamptz.
//
// Bounded time. The engine accepts a posting only when `dateRef` is within
// [today − retro window, today], today being the business date at the batch. So an entry
// recorded after `asOf` is dated at least (business date at `asOf`) − window. The business date
// is within one day of the UTC date in every time zone (UTC−12 to UTC+14) — the same day of
// margin absorbs a worker clock up to 12 hours behind the database's — and the window is at most
// `retroWindowDaysMax`, the largest any deployment may configure (it is never lowered). Hence:
//   - every day before `firstOpenDay` = UTC date of asOf − retroWindowDaysMax − 1 was final at
//     asOf: its stored daily balance (accumulated totals) is what it was then;
//   - no entry recorded by asOf is dated after `lastVisibleDay` = UTC date of asOf + 1 (no
//     posting is dated after its business date).
// An asOf answer therefore reads the stored balance of the day before `firstOpenDay` and adds
// the entries of [firstOpenDay, lastVisibleDay] recorded by asOf: at most
// retroWindowDaysMax + 3 days of one account's entries, through the statement index, whatever
// the account's age — never a scan of its history. Bounding by the largest window rather than
// the one in force makes the argument hold across configuration changes (a window widened after
// asOf lets later entries reach further back) at the cost of a few more days read.
// The property test `as-of.model.test.ts` checks it against the reference model.
import { utcInstantSql } from '../database/utc-instant.ts';
import { retroWindowDaysMax } from '../limits.ts';
import { addDays } from '../rules/business-date.ts';

export interface AsOf {
  /** The instant, RFC 3339, as the client gave it (PostgreSQL parses it, microseconds kept). */
  readonly instant: string;
  /** The first business date whose entries may have been recorded after `instant`. */
  readonly firstOpenDay: string;
  /** The last business date an entry recorded by `instant` can carry. */
  readonly lastVisibleDay: string;
}

/** The bounds of an asOf read; `instant` must be a valid RFC 3339 timestamp. */
export function asOfBounds(instant: string): AsOf {
  const utcDay = new Date(Date.parse(instant)).toISOString().slice(0, 10);
  return { instant, firstOpenDay: addDays(utcDay, -retroWindowDaysMax - 1), lastVisibleDay: addDays(utcDay, 1) };
}

/**
 * Accumulated totals at the end of `$3` as of the instant `$4` ($5 firstOpenDay, $6
 * lastVisibleDay): the stored day before the open days, plus the open days' entries recorded by
 * then. `lastMovementDate` is the last day with an entry counted.
 */
export const accumulatedAsOfSql = `
  with base as (
    select date_ref, accumulated_debit, accumulated_credit
    from flow.balance
    where branch = $1 and account = $2 and date_ref <= least($3::date, $5::date - 1)
    order by date_ref desc
    limit 1
  ), recent as (
    select max(date_ref) as last_date,
           coalesce(sum(amount) filter (where debit_credit = 'D'), 0) as debit,
           coalesce(sum(amount) filter (where debit_credit = 'C'), 0) as credit
    from flow.transaction
    where branch = $1 and account = $2 and date_ref between $5::date and least($3::date, $6::date)
      and created_at <= $4::timestamptz
  )
  select ((coalesce(b.accumulated_credit, 0) + r.credit) - (coalesce(b.accumulated_debit, 0) + r.debit))::numeric(24,2)::text as balance,
         (coalesce(b.accumulated_debit, 0) + r.debit)::numeric(24,2)::text as "accumulatedDebit",
         (coalesce(b.accumulated_credit, 0) + r.credit)::numeric(24,2)::text as "accumulatedCredit",
         coalesce(r.last_date, b.date_ref) as "lastMovementDate"
  from recent r
  left join base b on true`;

/**
 * The account's days with movement in [$3, $4] as of the instant `$6` ($7 firstOpenDay, $8
 * lastVisibleDay), oldest first, at most `$5`: stored rows before the open days, the open days
 * recomputed from the entries recorded by then on top of the last stored accumulated totals.
 * `changedAt` is when the day's figures last changed by then: a stored day's last rewrite, a
 * recomputed day's latest entry recorded on it or on an earlier day (an entry moves the
 * accumulated totals of every later day).
 */
export const dailyBalancesAsOfSql = `
  with base as (
    select accumulated_debit, accumulated_credit, case when updated_at <= $6::timestamptz then updated_at end as changed_at
    from flow.balance
    where branch = $1 and account = $2 and date_ref < $7::date
    order by date_ref desc
    limit 1
  ), recent as (
    select date_ref,
           coalesce(sum(amount) filter (where debit_credit = 'D'), 0) as total_debit,
           coalesce(sum(amount) filter (where debit_credit = 'C'), 0) as total_credit,
           count(*)::integer as transaction_count, max(created_at) as last_recorded_at
    from flow.transaction
    where branch = $1 and account = $2 and date_ref between $7::date and least($4::date, $8::date)
      and created_at <= $6::timestamptz
    group by date_ref
  ), recomputed as (
    select date_ref, total_debit, total_credit, transaction_count,
           coalesce((select accumulated_debit from base), 0) + sum(total_debit) over (order by date_ref) as accumulated_debit,
           coalesce((select accumulated_credit from base), 0) + sum(total_credit) over (order by date_ref) as accumulated_credit,
           greatest((select changed_at from base), max(last_recorded_at) over (order by date_ref)) as changed_at
    from recent
  ), days as (
    select date_ref, total_debit, total_credit, transaction_count, accumulated_debit, accumulated_credit,
           case when updated_at <= $6::timestamptz then updated_at end as changed_at
    from flow.balance
    where branch = $1 and account = $2 and date_ref between $3 and $4 and date_ref < $7::date
    union all
    select date_ref, total_debit, total_credit, transaction_count, accumulated_debit, accumulated_credit, changed_at
    from recomputed
    where date_ref >= $3
  )
  select date_ref as "dateRef", total_debit::numeric(20,2)::text as "totalDebit", total_credit::numeric(20,2)::text as "totalCredit",
         accumulated_debit::numeric(24,2)::text as "accumulatedDebit", accumulated_credit::numeric(24,2)::text as "accumulatedCredit",
         (accumulated_credit - accumulated_debit)::numeric(24,2)::text as balance, transaction_count as "transactionCount",
         ${utcInstantSql('changed_at', 'us')} as "changedAt"
  from days
  order by date_ref
  limit $5`;
