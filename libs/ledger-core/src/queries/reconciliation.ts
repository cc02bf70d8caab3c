// The proof of invariant I2 and the operators' audit: recompute every account-day from the
// ledger (flow.transaction) and compare it with flow.balance. Any row returned is a difference:
// a day total or an accumulated total that does not equal the sum of the entries, or a
// balance row with no entries (or entries with no balance row). Zero rows means I2 holds.
// Exact after archives: the accumulated totals of a day start from the account's latest
// checkpoint (flow.balance_checkpoint, written when a month went to the lake) before that day
// and add only the entries after it; balance rows inside an archived month are not compared
// (their entries are in the lake, and the checkpoint holds their end).
import type { Queryable } from '../database/port.ts';

export interface BalanceDifference {
  readonly branch: string;
  readonly account: string;
  readonly dateRef: string;
  readonly ledger: DayFigures | null;
  readonly balance: DayFigures | null;
}

interface DayFigures {
  readonly totalDebit: string;
  readonly totalCredit: string;
  readonly accumulatedDebit: string;
  readonly accumulatedCredit: string;
  readonly transactionCount: number;
}

export interface ReconciliationScope {
  readonly branch?: string;
  readonly account?: string;
  /** Only days from this date ("YYYY-MM-DD") are reported; earlier entries still count in the accumulated totals. */
  readonly from?: string;
  readonly to?: string;
}

export interface AccountKey {
  readonly branch: string;
  readonly account: string;
}

// $1/$2: branch and account filters (null = any); $3/$4: an explicit list of accounts (null =
// every account of the filters); $5/$6: the reported days.
const reconciliationSql = `
  with ledger_day as (
    select branch, account, date_ref,
           coalesce(sum(amount) filter (where debit_credit = 'D'), 0.00) as total_debit,
           coalesce(sum(amount) filter (where debit_credit = 'C'), 0.00) as total_credit,
           count(*)::integer as transaction_count
    from flow.transaction
    where ($1::text is null or branch = $1) and ($2::text is null or account = $2)
      and ($3::text[] is null or (branch, account) in (select * from unnest($3::text[], $4::text[])))
    group by branch, account, date_ref
  ),
  based as (
    select d.*, c.month as base_month,
           coalesce(c.accumulated_debit, 0.00) as base_debit, coalesce(c.accumulated_credit, 0.00) as base_credit
    from ledger_day d
    left join lateral (
      select month, accumulated_debit, accumulated_credit from flow.balance_checkpoint c
      where c.branch = d.branch and c.account = d.account and c.month + interval '1 month' <= d.date_ref
      order by c.month desc limit 1
    ) c on true
  ),
  ledger as (
    select branch, account, date_ref, total_debit, total_credit, transaction_count,
           base_debit + sum(total_debit) over running as accumulated_debit,
           base_credit + sum(total_credit) over running as accumulated_credit
    from based
    window running as (partition by branch, account, base_month order by date_ref)
  ),
  stored as (
    select branch, account, date_ref, total_debit, total_credit, accumulated_debit, accumulated_credit, transaction_count
    from flow.balance b
    where ($1::text is null or branch = $1) and ($2::text is null or account = $2)
      and ($3::text[] is null or (branch, account) in (select * from unnest($3::text[], $4::text[])))
      and not exists (
        select 1 from flow.archived_month m where b.date_ref >= m.month and b.date_ref < m.month + interval '1 month')
  )
  select coalesce(l.branch, s.branch) as branch, coalesce(l.account, s.account) as account,
         coalesce(l.date_ref, s.date_ref) as "dateRef",
         case when l.branch is null then null else json_build_object(
           'totalDebit', l.total_debit::text, 'totalCredit', l.total_credit::text,
           'accumulatedDebit', l.accumulated_debit::text, 'accumulatedCredit', l.accumulated_credit::text,
           'transactionCount', l.transaction_count) end as ledger,
         case when s.branch is null then null else json_build_object(
           'totalDebit', s.total_debit::text, 'totalCredit', s.total_credit::text,
           'accumulatedDebit', s.accumulated_debit::text, 'accumulatedCredit', s.accumulated_credit::text,
           'transactionCount', s.transaction_count) end as balance
  from ledger l
  full join stored s on s.branch = l.branch and s.account = l.account and s.date_ref = l.date_ref
  where (l.branch is null or s.branch is null
     or (l.total_debit, l.total_credit, l.accumulated_debit, l.accumulated_credit, l.transaction_count)
        is distinct from (s.total_debit, s.total_credit, s.accumulated_debit, s.accumulated_credit, s.transaction_count))
    and ($5::date is null or coalesce(l.date_ref, s.date_ref) >= $5::date)
    and ($6::date is null or coalesce(l.date_ref, s.date_ref) <= $6::date)
  order by 1, 2, 3`;

/** Every account-day where the daily balances disagree with the ledger; empty when I2 holds. */
export async function reconcileBalances(db: Queryable, scope: ReconciliationScope = {}): Promise<BalanceDifference[]> {
  return reconcileQuery(db, scope, null);
}

/** The same check for a list of accounts only (one page of a streaming run). */
export async function reconcileAccounts(
  db: Queryable, accounts: readonly AccountKey[], scope: ReconciliationScope = {},
): Promise<BalanceDifference[]> {
  if (accounts.length === 0) return [];
  return reconcileQuery(db, scope, accounts);
}

async function reconcileQuery(db: Queryable, scope: ReconciliationScope, accounts: readonly AccountKey[] | null): Promise<BalanceDifference[]> {
  const { rows } = await db.query<BalanceDifference>(reconciliationSql, [
    scope.branch ?? null, scope.account ?? null,
    accounts === null ? null : accounts.map((key) => key.branch), accounts === null ? null : accounts.map((key) => key.account),
    scope.from ?? null, scope.to ?? null,
  ]);
  return rows;
}
