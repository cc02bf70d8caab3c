// The statement example of issue #2 through HTTP (five postings on five days, applied out of
// order, running balances 8.00, 9.00, 8.00, −2.00, 12.00), read whole and page by page, with
// the daily balances, the balance at a date and the consolidated report over the same ledger.
import { createAccount, createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { databaseTargets, makePosting, seedCatalog, statementExample, type TestDatabase } from '@flow/ledger-core/testing';
import request from 'supertest';
import { createTestApp, type TestApp } from '../testing.ts';

const now = () => new Date('2026-11-24T15:00:00Z');
const today = '2026-11-24';
const example = statementExample(today);
const day = example.day;

interface Line {
  dateRef: string; debitCredit: string; debit: string | null; credit: string | null; amount: string; balanceBefore: string; balanceAfter: string;
}

describe.each(databaseTargets())('statement, balances and report routes on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: '100001' }, { branch: '0001', account: '100002' }]);
    await createAccount(db.database, { branch: '0002', account: 'IDLE', status: 'active', holderName: null });
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    const entries = example.entries.map((fields) => makePosting(fields));
    for (const index of example.applyOrder) await engine.applyBatch([entries[index]!]);
    await engine.applyBatch([makePosting({ account: '100002', dateRef: day(4), debitCredit: 'C', amount: '0.50' })]);
    api = await createTestApp(db.database);
  });
  afterAll(() => db.drop());

  const get = (path: string) => request(api.app).get(path).set('authorization', api.auth.reader);

  test('the statement has the opening and closing balances and a running balance per line', async () => {
    const response = await get(`/v1/accounts/0001/100001/statement?from=${day(1)}&to=${today}`).expect(200);
    expect(response.body).toMatchObject({ branch: '0001', account: '100001', from: day(1), to: today,
      openingBalance: '0.00', closingBalance: '12.00', nextCursor: null });
    const lines: Line[] = response.body.lines;
    expect(lines.map((line) => [line.dateRef, line.debit, line.credit, line.balanceBefore, line.balanceAfter])).toEqual(example.lines);
    expect(lines.map((line) => [line.dateRef, line.debitCredit, line.amount]))
      .toEqual(example.entries.map((entry) => [entry.dateRef, entry.debitCredit, entry.amount]));
    expect(Object.keys(response.body.lines[0]).sort()).toEqual([
      'amount', 'balanceAfter', 'balanceBefore', 'credit', 'dateRef', 'debit', 'debitCredit', 'description', 'eventCode', 'eventDescription', 'id',
      'reverses', 'seq', 'traceKey',
    ]);
    // The histórico as the catalog registers it; no reversal here.
    expect(response.body.lines.map((line: { eventDescription: string; reverses: string | null }) => [line.eventDescription, line.reverses]))
      .toEqual(Array(5).fill(['Transferência', null]));
    expect(response.body.asOf).toBeNull();
  });

  test('read page by page, the statement has the same lines and balances as read whole', async () => {
    const base = `/v1/accounts/0001/100001/statement?from=${day(2)}&to=${today}`;
    const whole = (await get(base).expect(200)).body;
    const lines: Line[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: { openingBalance: string; closingBalance: string; lines: Line[]; nextCursor: string | null } = (await get(`${base}&limit=2${query}`).expect(200)).body;
      expect(page.lines.length).toBeLessThanOrEqual(2);
      expect([page.openingBalance, page.closingBalance]).toEqual(['8.00', '12.00']);
      lines.push(...page.lines);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(lines).toEqual(whole.lines);
    expect(lines.map((line) => line.balanceAfter)).toEqual(['9.00', '8.00', '-2.00', '12.00']);
  });

  test('a statement needs a bounded date range and a registered account', async () => {
    const problems = async (query: string) => (await get(`/v1/accounts/0001/100001/statement?${query}`).expect(400)).body.errors;
    expect(await problems('to=2026-11-24')).toEqual([{ pointer: '/query/from', code: 'field_required', message: 'required' }]);
    expect(await problems('from=2026-11-24&to=2026-11-23')).toEqual([{ pointer: '/query/to', code: 'value_invalid', message: 'must not be before from' }]);
    expect(await problems('from=2025-01-01&to=2026-01-02')).toEqual([{ pointer: '/query/to', code: 'value_invalid', message: 'the range may span at most 366 days' }]);
    expect(await problems('from=2026-11-24&to=24/11/2026')).toEqual([{ pointer: '/query/to', code: 'value_invalid', message: 'must be a calendar date "YYYY-MM-DD"' }]);
    expect(await problems('from=2026-11-24&to=2026-11-24&limit=0&limit=2')).toEqual([{ pointer: '/query/limit', code: 'value_invalid', message: 'give it once, as a single value' }]);
    const badPath = await get('/v1/accounts/00-01/100001/statement?from=2026-11-24&to=x').expect(400);
    expect(badPath.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/query/to', '/path/branch']);
    expect(badPath.body.errorsTotal).toBe(2);
    await get(`/v1/accounts/0001/NOPE/statement?from=${day(1)}&to=${today}`).expect(404);
  });

  test('daily balances carry day totals, accumulated totals and the end-of-day balance', async () => {
    const response = await get(`/v1/accounts/0001/100001/balances?from=${day(2)}&to=${today}`).expect(200);
    expect(response.body).toMatchObject({ branch: '0001', account: '100001', from: day(2), to: today, nextCursor: null });
    // The example's days are in the past of the database's clock: each was written after it closed.
    expect(response.body.items[0]).toEqual({ dateRef: day(2), totalDebit: '0.00', totalCredit: '1.00',
      accumulatedDebit: '0.00', accumulatedCredit: '9.00', balance: '9.00', transactionCount: 1, revisedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
    expect(response.body.items.map((item: { balance: string }) => item.balance)).toEqual(['9.00', '8.00', '-2.00', '12.00']);
    const first = (await get(`/v1/accounts/0001/100001/balances?from=${day(1)}&to=${today}&limit=3`).expect(200)).body;
    const rest = (await get(`/v1/accounts/0001/100001/balances?from=${day(1)}&to=${today}&limit=3&cursor=${first.nextCursor}`).expect(200)).body;
    expect([...first.items, ...rest.items].map((item: { balance: string }) => item.balance)).toEqual(['8.00', '9.00', '8.00', '-2.00', '12.00']);
    expect(rest.nextCursor).toBeNull();
  });

  test('the balance at a date is the end of that day, zero before any movement', async () => {
    expect((await get(`/v1/accounts/0001/100001/balance?date=${day(4)}`).expect(200)).body).toEqual({
      branch: '0001', account: '100001', date: day(4), balance: '-2.00', accumulatedDebit: '11.00', accumulatedCredit: '9.00', lastMovementDate: day(4), asOf: null,
    });
    expect((await get('/v1/accounts/0001/100001/balance?date=2026-01-01').expect(200)).body).toMatchObject({ balance: '0.00', lastMovementDate: null });
    expect((await get('/v1/accounts/0001/100001/balance').expect(400)).body.errors).toEqual([{ pointer: '/query/date', code: 'field_required', message: 'required' }]);
  });

  test('the daily report consolidates each branch, paginated by branch', async () => {
    const response = await get(`/v1/reports/daily?date=${day(4)}`).expect(200);
    expect(response.body).toEqual({ date: day(4), nextCursor: null, items: [
      { branch: '0001', date: day(4), accountsWithMovement: 2, transactionCount: 2, totalDebit: '10.00', totalCredit: '0.50', closingBalance: '-1.50' },
    ] });
    const byBranch = await get(`/v1/reports/daily?date=${day(4)}&branch=0002`).expect(200);
    expect(byBranch.body.items).toEqual([]);
    const page = await get(`/v1/reports/daily?date=${day(4)}&limit=1`).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect((await get('/v1/reports/daily?branch=0001').expect(400)).body.errors).toEqual([{ pointer: '/query/date', code: 'field_required', message: 'required' }]);
  });
});
