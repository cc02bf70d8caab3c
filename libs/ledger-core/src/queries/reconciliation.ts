// The proof of invariant I2 and the operators' audit: recompute every account-day from the
// ledger (flow.transaction) and compare it with flow.balance. Any row returned is a difference:
// a day total or an accumulated total that does not equal the sum of the entries, or a
// balance row with no entries (or entries with no balance row). Zero rows means I2 holds.
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

const reconciliationSql = `
  with ledger_day as (
    select branch, account, date_ref,
           sum(amount) filter (where debit_credit = 'D') as total_debit,
           sum(amount) filter (where debit_credit = 'C') as total_credit,
           count(*)::integer as transaction_count
    from flow.transaction
    where ($1::text is null or branch = $1) and ($2::text is null or account = $2)
    group by branch, account, date_ref
  ),
  ledger as (
    select branch, account, date_ref,
           coalesce(total_debit, 0.00) as total_debit, coalesce(total_credit, 0.00) as total_credit,
           sum(coalesce(total_debit, 0.00)) over running as accumulated_debit,
           sum(coalesce(total_credit, 0.00)) over running as accumulated_credit,
           transaction_count
    from ledger_day
    window running as (partition by branch, account order by date_ref)
  ),
  stored as (
    select branch, account, date_ref, total_debit, total_credit, accumulated_debit, accumulated_credit, transaction_count
    from flow.balance
    where ($1::text is null or branch = $1) and ($2::text is null or account = $2)
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
  where l.branch is null or s.branch is null
     or (l.total_debit, l.total_credit, l.accumulated_debit, l.accumulated_credit, l.transaction_count)
        is distinct from (s.total_debit, s.total_credit, s.accumulated_debit, s.accumulated_credit, s.transaction_count)
  order by 1, 2, 3`;

/** Every account-day where the daily balances disagree with the ledger; empty when I2 holds. */
export async function reconcileBalances(
  db: Queryable, scope: { branch?: string; account?: string } = {},
): Promise<BalanceDifference[]> {
  const { rows } = await db.query<BalanceDifference>(reconciliationSql, [scope.branch ?? null, scope.account ?? null]);
  return rows;
}
