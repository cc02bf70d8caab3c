// The read side: transaction by id (posted and rejected), search with cursors, daily balances,
// balance at a date, the consolidated daily report, and cursors that belong to another query.
import { createAccount } from '../catalog/accounts.ts';
import { createLedgerEngine } from '../engine/apply-batch.ts';
import { businessDate } from '../rules/business-date.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { databaseTargets, makePosting, seedCatalog, statementExample, type TestDatabase } from '../testing/index.ts';
import { readBalanceAt, readDailyBalances, readDailyReport } from './balances.ts';
import { CursorError } from './cursor.ts';
import { readStatement } from './statement.ts';
import { findTransaction, searchTransactions } from './transactions.ts';

const now = () => new Date('2026-11-24T12:00:00Z');
const timeZone = 'America/Sao_Paulo';
const traceKey = '0b7c6f0e-55a1-4a0f-9d43-0d2d2f1c9a11';

describe.each(databaseTargets())('read queries on $name', (target) => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [
      { branch: '0001', account: 'A' }, { branch: '0001', account: 'B' }, { branch: '0002', account: 'C' },
    ]);
    await createAccount(db.database, { branch: '0002', account: 'IDLE', status: 'active', holderName: null });
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    const postings = [
      makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-20', amount: '100.00', traceKey }),
      makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-21', amount: '30.00', debitCredit: 'D', traceKey }),
      makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-21', amount: '5.00', description: 'Tarifa' }),
      makePosting({ branch: '0001', account: 'B', dateRef: '2026-11-21', amount: '7.50', details: { channel: 'pix' } }),
      makePosting({ branch: '0002', account: 'C', dateRef: '2026-11-19', amount: '1.00' }),
      makePosting({ branch: '0002', account: 'C', dateRef: '2026-11-21', amount: '2.00', debitCredit: 'D' }),
      makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-21', amount: '9.99', eventCode: 999 }),
    ];
    await engine.applyBatch(postings);
    ids.posted = postings[3]!.id;
    ids.rejected = postings[6]!.id;
  });
  afterAll(() => db.drop());

  test('a posted transaction reads back with its outcome and fields', async () => {
    expect(await findTransaction(db.database, ids.posted!)).toMatchObject({
      id: ids.posted, status: 'posted', reason: null, branch: '0001', account: 'B', amount: '7.50',
      debitCredit: 'C', eventCode: 494, details: { channel: 'pix' }, dateRef: '2026-11-21',
    });
  });

  test('a rejected posting reads back with its reason and the fields it was sent with', async () => {
    expect(await findTransaction(db.database, ids.rejected!)).toMatchObject({
      id: ids.rejected, status: 'rejected', reason: 'event_not_found', amount: '9.99', eventCode: 999, seq: null,
    });
    expect(await findTransaction(db.database, crypto.randomUUID())).toBeNull();
  });

  test('search filters and pages through results in statement order', async () => {
    const all = await searchTransactions(db.database, { branch: '0001' });
    expect(all.items.map((item) => [item.account, item.amount])).toEqual([
      ['A', '100.00'], ['A', '30.00'], ['A', '5.00'], ['B', '7.50'],
    ]);
    const byTrace = await searchTransactions(db.database, { traceKey });
    expect(byTrace.items.map((item) => item.amount)).toEqual(['100.00', '30.00']);
    const byDay = await searchTransactions(db.database, { from: '2026-11-21', to: '2026-11-21', account: 'C' });
    expect(byDay.items.map((item) => item.amount)).toEqual(['2.00']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchTransactions(db.database, { branch: '0001', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.amount));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(all.items.map((item) => item.amount));
  });

  test('daily balances, balance at a date and days without movement', async () => {
    const days = await readDailyBalances(db.database, { branch: '0001', account: 'A', from: '2026-11-01', to: '2026-11-30', timeZone });
    expect(days.items.map((day) => [day.dateRef, day.totalDebit, day.totalCredit, day.balance, day.transactionCount])).toEqual([
      ['2026-11-20', '0.00', '100.00', '100.00', 1],
      ['2026-11-21', '30.00', '5.00', '75.00', 2],
    ]);
    const paged = await readDailyBalances(db.database, { branch: '0001', account: 'A', from: '2026-11-01', to: '2026-11-30', timeZone, limit: 1 });
    const rest = await readDailyBalances(db.database, {
      branch: '0001', account: 'A', from: '2026-11-01', to: '2026-11-30', timeZone, limit: 1, cursor: paged.nextCursor!,
    });
    expect([...paged.items, ...rest.items]).toEqual(days.items);
    expect(rest.nextCursor).toBeNull();
    expect(await readBalanceAt(db.database, '0001', 'A', '2026-11-23')).toMatchObject({ balance: '75.00', lastMovementDate: '2026-11-21' });
    expect(await readBalanceAt(db.database, '0001', 'A', '2026-11-19')).toMatchObject({ balance: '0.00', lastMovementDate: null });
  });

  test('a day whose figures changed after it closed says when; today and untouched days do not', async () => {
    // On the real clock, as the database records: the five-day example ending today, applied out
    // of order, then one more entry today. Days 1–4 were written after they closed (backdated);
    // day 5 is today, still open.
    const today = businessDate(new Date(), timeZone);
    const example = statementExample(today);
    await createAccount(db.database, { branch: '0001', account: 'REVISED', status: 'active', holderName: null });
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules({ businessTimeZone: timeZone }) });
    for (const index of example.applyOrder) {
      const { outcomes } = await engine.applyBatch([makePosting({ branch: '0001', account: 'REVISED', ...example.entries[index]! })]);
      expect(outcomes[0]!.status).toBe('posted');
    }
    await engine.applyBatch([makePosting({ branch: '0001', account: 'REVISED', dateRef: today, amount: '1.00' })]);
    const request = { branch: '0001', account: 'REVISED', from: example.day(1), to: today, timeZone };
    const live = await readDailyBalances(db.database, request);
    expect(live.items.map((day) => day.balance)).toEqual(['8.00', '9.00', '8.00', '-2.00', '13.00']);
    expect(live.items.map((day) => day.revisedAt !== null)).toEqual([true, true, true, true, false]);
    for (const day of live.items.filter((item) => item.revisedAt !== null)) {
      expect(businessDate(new Date(day.revisedAt!), timeZone)).toBe(today);
    }
    // As the ledger stood now, recomputed from the entries: the same days, the same instants.
    const asOf = await readDailyBalances(db.database, { ...request, asOf: new Date(Date.now() + 1_000).toISOString() });
    expect(asOf.items.map((day) => day.revisedAt)).toEqual(live.items.map((day) => day.revisedAt));
    // Before anything was recorded, nothing was.
    const before = await readDailyBalances(db.database, { ...request, asOf: new Date(Date.now() - 3_600_000).toISOString() });
    expect(before.items).toEqual([]);
  });

  test('the consolidated report sums the day per branch and every account at the end of it', async () => {
    const report = await readDailyReport(db.database, { date: '2026-11-21' });
    expect(report.items).toEqual([
      { branch: '0001', date: '2026-11-21', accountsWithMovement: 2, transactionCount: 3,
        totalDebit: '30.00', totalCredit: '12.50', closingBalance: '82.50' },
      { branch: '0002', date: '2026-11-21', accountsWithMovement: 1, transactionCount: 1,
        totalDebit: '2.00', totalCredit: '0.00', closingBalance: '-1.00' },
    ]);
    const quietDay = await readDailyReport(db.database, { date: '2026-11-20', branch: '0002' });
    expect(quietDay.items).toEqual([{ branch: '0002', date: '2026-11-20', accountsWithMovement: 0, transactionCount: 0,
      totalDebit: '0.00', totalCredit: '0.00', closingBalance: '1.00' }]);
    const firstPage = await readDailyReport(db.database, { date: '2026-11-21', limit: 1 });
    expect(firstPage.items.map((row) => row.branch)).toEqual(['0001']);
    const secondPage = await readDailyReport(db.database, { date: '2026-11-21', limit: 1, cursor: firstPage.nextCursor! });
    expect(secondPage.items.map((row) => row.branch)).toEqual(['0002']);
  });

  test('a cursor from another query, or a damaged one, is refused with cursor_invalid', async () => {
    const page = await searchTransactions(db.database, { branch: '0001', limit: 1 });
    const request = { branch: '0001', account: 'A', from: '2026-11-01', to: '2026-11-30' };
    await expect(readStatement(db.database, { ...request, cursor: page.nextCursor! })).rejects.toBeInstanceOf(CursorError);
    await expect(searchTransactions(db.database, { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'cursor_invalid' });
  });
});
