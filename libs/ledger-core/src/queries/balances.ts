// Daily balances (consolidado diário), the balance at a date, and the consolidated daily report
// across accounts. Balance at the end of day d = accumulated credit − accumulated debit of the
// account's last balance row on or before d. With `asOf`, the same as the ledger stood at that
// instant (as-of.ts: only the last retro window of days is recomputed from entries).
import type { Queryable } from '../database/port.ts';
import { utcInstantSql } from '../database/utc-instant.ts';
import { accumulatedAsOfSql, asOfBounds, dailyBalancesAsOfSql } from './as-of.ts';
import { pageLimitDefault, pageLimitMax } from '../limits.ts';
import { addDays, businessDate } from '../rules/business-date.ts';
import { decodeCursor, encodeCursor, pageOf, type Page } from './cursor.ts';

export interface DailyBalance {
  readonly dateRef: string;
  readonly totalDebit: string;
  readonly totalCredit: string;
  readonly accumulatedDebit: string;
  readonly accumulatedCredit: string;
  /** Balance at the end of the day. */
  readonly balance: string;
  readonly transactionCount: number;
  /**
   * When the day's figures last changed after the day had closed in the business time zone — a
   * backdated entry on this day or on an earlier one moved them — RFC 3339 UTC; null when they
   * never changed after the day closed.
   */
  readonly revisedAt: string | null;
}

/** A daily balance row as read, before `revisedAt` is decided from `changedAt`. */
type DailyBalanceRow = Omit<DailyBalance, 'revisedAt'> & { readonly changedAt: string | null };

const dailyBalancesSql = `
  select date_ref as "dateRef", total_debit::text as "totalDebit", total_credit::text as "totalCredit",
         accumulated_debit::text as "accumulatedDebit", accumulated_credit::text as "accumulatedCredit",
         (accumulated_credit - accumulated_debit)::text as balance, transaction_count as "transactionCount",
         ${utcInstantSql('updated_at', 'us')} as "changedAt"
  from flow.balance
  where branch = $1 and account = $2 and date_ref between $3 and $4
  order by date_ref
  limit $5`;

/**
 * The account's days with movement between `from` and `to`, oldest first. `timeZone` is the
 * business time zone (IANA), which says when each day closed, for `revisedAt`.
 */
export async function readDailyBalances(
  db: Queryable,
  request: { branch: string; account: string; from: string; to: string; timeZone: string; limit?: number; cursor?: string; asOf?: string },
): Promise<Page<DailyBalance>> {
  const limit = Math.min(request.limit ?? pageLimitDefault, pageLimitMax);
  const from = request.cursor === undefined
    ? request.from
    : addDays(decodeCursor('balances', request.cursor, ['date'] as const)[0], 1);
  const parameters = [request.branch, request.account, from, request.to, limit + 1];
  let sql = dailyBalancesSql;
  if (request.asOf !== undefined) {
    const asOf = asOfBounds(request.asOf);
    parameters.push(asOf.instant, asOf.firstOpenDay, asOf.lastVisibleDay);
    sql = dailyBalancesAsOfSql;
  }
  const { rows } = await db.query<DailyBalanceRow>(sql, parameters);
  const items = rows.map(({ changedAt, ...day }) => ({ ...day, revisedAt: revisedAfterClose(day.dateRef, changedAt, request.timeZone) }));
  return pageOf(items, limit, (last) => encodeCursor('balances', [last.dateRef]));
}

/** `changedAt` when it fell on a business date after `dateRef` (the day had closed), else null. */
function revisedAfterClose(dateRef: string, changedAt: string | null, timeZone: string): string | null {
  return changedAt !== null && businessDate(new Date(changedAt), timeZone) > dateRef ? changedAt : null;
}

export interface BalanceAtDate {
  readonly branch: string;
  readonly account: string;
  readonly date: string;
  readonly balance: string;
  readonly accumulatedDebit: string;
  readonly accumulatedCredit: string;
  /** The last day with movement on or before `date`; null when the account had none. */
  readonly lastMovementDate: string | null;
}

/** The balance at the end of `date`; with `asOf` (RFC 3339), as the ledger stood at that instant. */
export async function readBalanceAt(
  db: Queryable, branch: string, account: string, date: string, asOf?: string,
): Promise<BalanceAtDate> {
  if (asOf !== undefined) {
    const bounds = asOfBounds(asOf);
    const { rows } = await db.query<Omit<BalanceAtDate, 'branch' | 'account' | 'date'>>(
      accumulatedAsOfSql, [branch, account, date, bounds.instant, bounds.firstOpenDay, bounds.lastVisibleDay]);
    return { branch, account, date, ...rows[0]! };
  }
  const { rows } = await db.query<Omit<BalanceAtDate, 'branch' | 'account' | 'date'>>(`
    select (accumulated_credit - accumulated_debit)::text as balance, accumulated_debit::text as "accumulatedDebit",
           accumulated_credit::text as "accumulatedCredit", date_ref as "lastMovementDate"
    from flow.balance
    where branch = $1 and account = $2 and date_ref <= $3
    order by date_ref desc
    limit 1`, [branch, account, date]);
  const found = rows[0] ?? { balance: '0.00', accumulatedDebit: '0.00', accumulatedCredit: '0.00', lastMovementDate: null };
  return { branch, account, date, ...found };
}

export interface BranchDayReport {
  readonly branch: string;
  readonly date: string;
  /** Accounts with at least one entry on the day. */
  readonly accountsWithMovement: number;
  readonly transactionCount: number;
  readonly totalDebit: string;
  readonly totalCredit: string;
  /** Sum of every registered account's balance at the end of the day. */
  readonly closingBalance: string;
}

const dailyReportSql = `
  with branch_day as (
    select branch, count(*)::integer as accounts_with_movement, sum(transaction_count)::integer as transaction_count,
           sum(total_debit) as total_debit, sum(total_credit) as total_credit
    from flow.balance
    where date_ref = $1 and ($2::text is null or branch = $2) and branch > $3
      and ($5::text[] is null or branch = any($5::text[]))
    group by branch
  ),
  branch_closing as (
    select a.branch, sum(last_day.accumulated_credit - last_day.accumulated_debit) as closing_balance
    from flow.account a
    cross join lateral (
      select b.accumulated_credit, b.accumulated_debit from flow.balance b
      where b.branch = a.branch and b.account = a.account and b.date_ref <= $1
      order by b.date_ref desc limit 1
    ) last_day
    where ($2::text is null or a.branch = $2) and a.branch > $3
      and ($5::text[] is null or a.branch = any($5::text[]))
    group by a.branch
  )
  select c.branch, $1::date as date, coalesce(d.accounts_with_movement, 0) as "accountsWithMovement",
         coalesce(d.transaction_count, 0) as "transactionCount",
         coalesce(d.total_debit, 0)::numeric(24,2)::text as "totalDebit",
         coalesce(d.total_credit, 0)::numeric(24,2)::text as "totalCredit",
         c.closing_balance::text as "closingBalance"
  from branch_closing c
  left join branch_day d on d.branch = c.branch
  order by c.branch
  limit $4`;

/** The consolidated day per branch: movement of the day and the sum of closing balances. */
export async function readDailyReport(
  db: Queryable,
  request: { date: string; branch?: string; branches?: readonly string[] | null; limit?: number; cursor?: string },
): Promise<Page<BranchDayReport>> {
  const limit = Math.min(request.limit ?? pageLimitDefault, pageLimitMax);
  const after = request.cursor === undefined ? '' : decodeCursor('report', request.cursor, ['text'] as const)[0];
  const { rows } = await db.query<BranchDayReport>(
    dailyReportSql, [request.date, request.branch ?? null, after, limit + 1, request.branches ?? null]);
  return pageOf(rows, limit, (last) => encodeCursor('report', [last.branch]));
}
