// The statement (extrato) of an account over a date range: the opening balance, every entry in
// (date_ref, seq) order with the balance before and after it, and the closing balance. All of it
// is read in one repeatable-read snapshot, so a page never mixes two states of the ledger and
// its running balances agree with the daily balances (invariant I3). `readStatement` answers a
// page; `streamStatement` the whole range, fetched through a server-side cursor in bounded
// batches, for the exports. With `asOf`, both answer as the ledger stood at that instant
// (as-of.ts explains which entries count and why the balances cost O(retro window)).
import { formatCents, parseCents } from '@flow/contracts';
import type { Database, Queryable, Transaction } from '../database/port.ts';
import { pageLimitDefault, pageLimitMax } from '../limits.ts';
import { addDays } from '../rules/business-date.ts';
import { accumulatedAsOfSql, asOfBounds, type AsOf } from './as-of.ts';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';

export interface StatementLine {
  readonly id: string;
  readonly dateRef: string;
  readonly seq: string;
  readonly eventCode: number;
  /** The event's description in the catalog (the histórico); null if the code is not registered. */
  readonly eventDescription: string | null;
  readonly description: string | null;
  readonly traceKey: string;
  /** The id of the entry this one reverses (estorno); null unless a reversal. */
  readonly reverses: string | null;
  /** The amount when a debit, else null. */
  readonly debit: string | null;
  /** The amount when a credit, else null. */
  readonly credit: string | null;
  readonly balanceBefore: string;
  readonly balanceAfter: string;
}

export interface StatementSummary {
  readonly branch: string;
  readonly account: string;
  readonly from: string;
  readonly to: string;
  /** Balance at the end of the day before `from`. */
  readonly openingBalance: string;
  /** Balance at the end of `to`. */
  readonly closingBalance: string;
  /** The instant the statement is read as of; null for the ledger as it is. */
  readonly asOf: string | null;
}

export interface Statement extends StatementSummary {
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
  /** RFC 3339: only entries recorded at or before it, balances as they were then. */
  readonly asOf?: string;
}

const balanceAtEndOfSql = `
  select (accumulated_credit - accumulated_debit)::text as balance
  from flow.balance
  where branch = $1 and account = $2 and date_ref <= $3
  order by date_ref desc
  limit 1`;

/** $7: the asOf instant, or null for every entry; $8: the page size, absent when streaming. */
const statementLinesSql = (paged: boolean) => `
  select t.id, t.date_ref as "dateRef", t.seq, t.event_code as "eventCode", e.description as "eventDescription",
         t.description, t.trace_key as "traceKey", t.reverses, t.debit_credit as "debitCredit", t.amount::text as amount
  from flow.transaction t
  left join flow.event e on e.code = t.event_code
  where t.branch = $1 and t.account = $2 and t.date_ref between $3 and $4 and (t.date_ref, t.seq) > ($5::date, $6::bigint)
    and ($7::timestamptz is null or t.created_at <= $7::timestamptz)
  order by t.date_ref, t.seq
  ${paged ? 'limit $8' : ''}`;

const dayBalanceBeforeSql = `
  select coalesce(sum(case when debit_credit = 'C' then amount else -amount end), 0)::numeric(24,2)::text as movement
  from flow.transaction
  where branch = $1 and account = $2 and date_ref = $3 and seq < $4
    and ($5::timestamptz is null or created_at <= $5::timestamptz)`;

type LineRow = Omit<StatementLine, 'debit' | 'credit' | 'balanceBefore' | 'balanceAfter'> & { debitCredit: 'D' | 'C'; amount: string };

export async function readStatement(database: Database, request: StatementRequest): Promise<Statement> {
  const limit = Math.min(request.limit ?? pageLimitDefault, pageLimitMax);
  const [afterDate, afterSeq] = request.cursor === undefined
    ? [addDays(request.from, -1), '0']
    : decodeCursor('statement', request.cursor, ['date', 'seq'] as const);
  return inSnapshot(database, async (tx) => {
    const summary = await readSummary(tx, request);
    const asOf = request.asOf ?? null;
    const { branch, account, from, to } = request;
    const { rows } = await tx.query<LineRow>(statementLinesSql(true), [branch, account, from, to, afterDate, afterSeq, asOf, limit + 1]);
    const page = pageOf(rows, limit, (last) => encodeCursor('statement', [last.dateRef, last.seq]));
    // The first page starts at the opening balance; a later page starts just before its first line.
    const first = page.items[0];
    const start = request.cursor === undefined || first === undefined
      ? parseCents(summary.openingBalance)
      : await balanceBefore(tx, request, first.dateRef, first.seq);
    return { ...summary, lines: withRunningBalances(page.items, start).lines, nextCursor: page.nextCursor };
  });
}

export interface StatementStream {
  readonly summary: StatementSummary;
  /** The lines in order, in batches of at most `batchRows`. */
  readonly lines: AsyncIterable<StatementLine[]>;
  /** How many lines the range holds, when asked for (`countLines`); else null. */
  readonly lineCount: number | null;
}

const lineCountSql = `
  select count(*)::integer as count
  from flow.transaction
  where branch = $1 and account = $2 and date_ref between $3 and $4 and ($5::timestamptz is null or created_at <= $5::timestamptz)`;

/**
 * The whole range at once, for the exports: `consume` reads the summary and the lines while the
 * snapshot's transaction stays open; memory holds one batch, whatever the range holds.
 */
export async function streamStatement<Result>(
  database: Database,
  request: Omit<StatementRequest, 'limit' | 'cursor'> & { readonly batchRows?: number; readonly countLines?: boolean },
  consume: (statement: StatementStream) => Promise<Result>,
): Promise<Result> {
  return inSnapshot(database, async (tx) => {
    const summary = await readSummary(tx, request);
    const { branch, account, from, to } = request;
    const asOf = request.asOf ?? null;
    const lineCount = request.countLines === true
      ? (await tx.query<{ count: number }>(lineCountSql, [branch, account, from, to, asOf])).rows[0]!.count
      : null;
    const rows = tx.stream<LineRow>(statementLinesSql(false), [branch, account, from, to, addDays(from, -1), '0', asOf], request.batchRows);
    async function* lines(): AsyncGenerator<StatementLine[]> {
      let running = parseCents(summary.openingBalance);
      for await (const batch of rows) {
        const priced = withRunningBalances(batch, running);
        running = priced.end;
        yield priced.lines;
      }
    }
    return consume({ summary, lines: lines(), lineCount });
  });
}

function inSnapshot<Result>(database: Database, work: (tx: Transaction) => Promise<Result>): Promise<Result> {
  return database.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    return work(tx);
  });
}

async function readSummary(tx: Queryable, request: Omit<StatementRequest, 'limit' | 'cursor'>): Promise<StatementSummary> {
  const { branch, account, from, to } = request;
  const asOf = request.asOf === undefined ? null : asOfBounds(request.asOf);
  const openingBalance = await balanceAtEndOf(tx, branch, account, addDays(from, -1), asOf);
  const closingBalance = await balanceAtEndOf(tx, branch, account, to, asOf);
  return { branch, account, from, to, openingBalance, closingBalance, asOf: request.asOf ?? null };
}

/** The lines of `rows` with their balances, starting at `start` cents; `end` is the last balance. */
function withRunningBalances(rows: readonly LineRow[], start: bigint): { lines: StatementLine[]; end: bigint } {
  let running = start;
  const lines = rows.map(({ debitCredit, amount, ...line }) => {
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
  return { lines, end: running };
}

async function balanceAtEndOf(tx: Queryable, branch: string, account: string, date: string, asOf: AsOf | null): Promise<string> {
  if (asOf !== null) {
    const { rows } = await tx.query<{ balance: string }>(
      accumulatedAsOfSql, [branch, account, date, asOf.instant, asOf.firstOpenDay, asOf.lastVisibleDay]);
    return rows[0]!.balance;
  }
  const { rows } = await tx.query<{ balance: string }>(balanceAtEndOfSql, [branch, account, date]);
  return rows[0]?.balance ?? '0.00';
}

/** Balance just before the entry (dateRef, seq): end of the previous day plus that day's earlier entries. */
async function balanceBefore(tx: Queryable, request: StatementRequest, dateRef: string, seq: string): Promise<bigint> {
  const { branch, account } = request;
  const asOf = request.asOf === undefined ? null : asOfBounds(request.asOf);
  const previousDay = parseCents(await balanceAtEndOf(tx, branch, account, addDays(dateRef, -1), asOf));
  const { rows } = await tx.query<{ movement: string }>(dayBalanceBeforeSql, [branch, account, dateRef, seq, request.asOf ?? null]);
  return previousDay + parseCents(rows[0]!.movement);
}
