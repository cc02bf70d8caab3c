// The statement (extrato) of an account over a date range: the opening balance, every entry in
// (date_ref, seq) order with the balance before and after it, and the closing balance. All of it
// is read in one repeatable-read snapshot, so a page never mixes two states of the ledger and
// its running balances agree with the daily balances (invariant I3).
import { formatCents, parseCents } from '@flow/contracts';
import type { Database, Queryable } from '../database/port.ts';
import { pageLimitDefault, pageLimitMax } from '../limits.ts';
import { addDays } from '../rules/business-date.ts';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';

export interface StatementLine {
  readonly id: string;
  readonly dateRef: string;
  readonly seq: string;
  readonly eventCode: number;
  readonly description: string | null;
  readonly traceKey: string;
  /** The amount when a debit, else null. */
  readonly debit: string | null;
  /** The amount when a credit, else null. */
  readonly credit: string | null;
  readonly balanceBefore: string;
  readonly balanceAfter: string;
}

export interface Statement {
  readonly branch: string;
  readonly account: string;
  readonly from: string;
  readonly to: string;
  /** Balance at the end of the day before `from`. */
  readonly openingBalance: string;
  /** Balance at the end of `to`. */
  readonly closingBalance: string;
  readonly lines: StatementLine[];
  readonly nextCursor: string | null;
}

export interface StatementRequest {
  readonly branch: string;
  readonly account: string;
  readonly from: string;
  readonly to: string;
  readonly limit?: number;
  readonly cursor?: string;
}

const balanceAtEndOfSql = `
  select (accumulated_credit - accumulated_debit)::text as balance
  from flow.balance
  where branch = $1 and account = $2 and date_ref <= $3
  order by date_ref desc
  limit 1`;

const statementLinesSql = `
  select id, date_ref as "dateRef", seq, event_code as "eventCode", description, trace_key as "traceKey",
         debit_credit as "debitCredit", amount::text as amount
  from flow.transaction
  where branch = $1 and account = $2 and date_ref between $3 and $4 and (date_ref, seq) > ($5::date, $6::bigint)
  order by date_ref, seq
  limit $7`;

const dayBalanceBeforeSql = `
  select coalesce(sum(case when debit_credit = 'C' then amount else -amount end), 0)::numeric(24,2)::text as movement
  from flow.transaction
  where branch = $1 and account = $2 and date_ref = $3 and seq < $4`;

export async function readStatement(database: Database, request: StatementRequest): Promise<Statement> {
  const limit = Math.min(request.limit ?? pageLimitDefault, pageLimitMax);
  const [afterDate, afterSeq] = request.cursor === undefined
    ? [addDays(request.from, -1), '0']
    : decodeCursor('statement', request.cursor, ['date', 'seq'] as const);
  return database.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    const { branch, account, from, to } = request;
    const openingBalance = await balanceAtEndOf(tx, branch, account, addDays(from, -1));
    const closingBalance = await balanceAtEndOf(tx, branch, account, to);
    const { rows } = await tx.query<Omit<StatementLine, 'debit' | 'credit' | 'balanceBefore' | 'balanceAfter'> & {
      debitCredit: 'D' | 'C'; amount: string;
    }>(statementLinesSql, [branch, account, from, to, afterDate, afterSeq, limit + 1]);
    const page = pageOf(rows, limit, (last) => encodeCursor('statement', [last.dateRef, last.seq]));
    // The first page starts at the opening balance; a later page starts just before its first line.
    const first = page.items[0];
    let running = request.cursor === undefined || first === undefined
      ? parseCents(openingBalance)
      : await balanceBefore(tx, branch, account, first.dateRef, first.seq);
    const lines = page.items.map(({ debitCredit, amount, ...line }) => {
      const cents = parseCents(amount);
      const before = running;
      running += debitCredit === 'C' ? cents : -cents;
      return {
        ...line,
        debit: debitCredit === 'D' ? amount : null,
        credit: debitCredit === 'C' ? amount : null,
        balanceBefore: formatCents(before),
        balanceAfter: formatCents(running),
      };
    });
    return { branch, account, from, to, openingBalance, closingBalance, lines, nextCursor: page.nextCursor };
  });
}

async function balanceAtEndOf(tx: Queryable, branch: string, account: string, date: string): Promise<string> {
  const { rows } = await tx.query<{ balance: string }>(balanceAtEndOfSql, [branch, account, date]);
  return rows[0]?.balance ?? '0.00';
}

/** Balance just before the entry (dateRef, seq): end of the previous day plus that day's earlier entries. */
async function balanceBefore(tx: Queryable, branch: string, account: string, dateRef: string, seq: string): Promise<bigint> {
  const previousDay = parseCents(await balanceAtEndOf(tx, branch, account, addDays(dateRef, -1)));
  const { rows } = await tx.query<{ movement: string }>(dayBalanceBeforeSql, [branch, account, dateRef, seq]);
  return previousDay + parseCents(rows[0]!.movement);
}
