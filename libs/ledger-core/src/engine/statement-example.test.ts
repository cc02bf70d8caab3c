// The statement example of issue #2: five postings on five consecutive days ending today,
// applied out of order, give running balances 8.00, 9.00, 8.00, −2.00, 12.00.
import { databaseTargets, makePosting, seedCatalog, statementExample, type TestDatabase } from '../testing/index.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { readDailyBalances, readBalanceAt } from '../queries/balances.ts';
import { reconcileBalances } from '../queries/reconciliation.ts';
import { readStatement } from '../queries/statement.ts';
import { createLedgerEngine } from './apply-batch.ts';

const now = () => new Date('2026-11-24T15:00:00Z');
const today = '2026-11-24';
const timeZone = 'America/Sao_Paulo';
const example = statementExample(today);
const day = example.day;

describe.each(databaseTargets())('statement example on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: '100001' }]);
  });
  afterAll(() => db.drop());

  test('out-of-order postings give the running balances in date order', async () => {
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    const entries = example.entries.map((fields) => makePosting(fields));
    for (const index of example.applyOrder) {
      const { outcomes } = await engine.applyBatch([entries[index]!]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['posted']);
    }

    const statement = await readStatement(db.database, { branch: '0001', account: '100001', from: day(1), to: today });
    expect(statement.openingBalance).toBe('0.00');
    expect(statement.lines.map((line) => [line.dateRef, line.debit, line.credit, line.balanceBefore, line.balanceAfter])).toEqual(example.lines);
    expect(statement.closingBalance).toBe('12.00');
    expect(statement.nextCursor).toBeNull();

    const balances = await readDailyBalances(db.database, { branch: '0001', account: '100001', from: day(1), to: today, timeZone });
    expect(balances.items.map((row) => row.balance)).toEqual(example.balances);
    expect((await readBalanceAt(db.database, '0001', '100001', day(4))).balance).toBe('-2.00');
    expect(await reconcileBalances(db.database)).toEqual([]);
  });

  test('a statement read page by page has the same lines and balances as one read', async () => {
    const request = { branch: '0001', account: '100001', from: day(2), to: today };
    const whole = await readStatement(db.database, request);
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await readStatement(db.database, { ...request, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      pages.push(...page.lines);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(whole.openingBalance).toBe('8.00');
    expect(pages).toEqual(whole.lines);
    expect(pages.map((line) => line.balanceAfter)).toEqual(['9.00', '8.00', '-2.00', '12.00']);
  });
});
