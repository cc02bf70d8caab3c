// The I2 proof must be able to fail: each test builds a known ledger (two days of one account),
// corrupts flow.balance in one way and expects reconciliation to report exactly that difference,
// nothing more. Runs on PGlite, and on PostgreSQL when FLOW_TEST_DATABASE_URL is set.
import { createLedgerEngine } from '../engine/apply-batch.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { databaseTargets, makePosting, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { reconcileBalances } from './reconciliation.ts';

const now = () => new Date('2026-11-25T15:00:00Z');
const yesterday = '2026-11-24';
const today = '2026-11-25';
const branch = '0001';

/** yesterday: C 100.00 + D 30.00; today: C 5.00. */
const yesterdayFigures = { totalDebit: '30.00', totalCredit: '100.00', accumulatedDebit: '30.00', accumulatedCredit: '100.00', transactionCount: 2 };
const todayFigures = { totalDebit: '0.00', totalCredit: '5.00', accumulatedDebit: '30.00', accumulatedCredit: '105.00', transactionCount: 1 };

describe.each(databaseTargets())('reconciliation (I2) on $name', (target) => {
  let db: TestDatabase;
  let accountNumber = 0;
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
  });
  afterAll(() => db.drop());

  /** A fresh account with the two days above, reconciled clean before the test corrupts it. */
  async function ledgerOfTwoDays(): Promise<string> {
    const account = `REC${++accountNumber}`;
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules({ autoOpenAccounts: true }), now });
    await engine.applyBatch([
      makePosting({ branch, account, dateRef: yesterday, amount: '100.00', debitCredit: 'C' }),
      makePosting({ branch, account, dateRef: yesterday, amount: '30.00', debitCredit: 'D' }),
    ]);
    await engine.applyBatch([makePosting({ branch, account, dateRef: today, amount: '5.00', debitCredit: 'C' })]);
    expect(await reconcileBalances(db.database, { branch, account })).toEqual([]);
    return account;
  }

  const corrupt = (sql: string, account: string, dateRef: string) =>
    db.database.query(`${sql} where branch = $1 and account = $2 and date_ref = $3`, [branch, account, dateRef]);

  test('a wrong day total is reported on that day only', async () => {
    const account = await ledgerOfTwoDays();
    await corrupt('update flow.balance set total_credit = total_credit + 0.01', account, yesterday);
    expect(await reconcileBalances(db.database, { branch, account })).toEqual([{
      branch, account, dateRef: yesterday, ledger: yesterdayFigures, balance: { ...yesterdayFigures, totalCredit: '100.01' },
    }]);
  });

  test('a wrong accumulated total is reported', async () => {
    const account = await ledgerOfTwoDays();
    await corrupt('update flow.balance set accumulated_debit = 31', account, today);
    expect(await reconcileBalances(db.database, { branch, account })).toEqual([{
      branch, account, dateRef: today, ledger: todayFigures, balance: { ...todayFigures, accumulatedDebit: '31.00' },
    }]);
  });

  test('a wrong transaction count is reported', async () => {
    const account = await ledgerOfTwoDays();
    await corrupt('update flow.balance set transaction_count = 3', account, yesterday);
    expect(await reconcileBalances(db.database, { branch, account })).toEqual([{
      branch, account, dateRef: yesterday, ledger: yesterdayFigures, balance: { ...yesterdayFigures, transactionCount: 3 },
    }]);
  });

  test('a deleted balance row is reported as entries without a balance', async () => {
    const account = await ledgerOfTwoDays();
    await corrupt('delete from flow.balance', account, today);
    expect(await reconcileBalances(db.database, { branch, account })).toEqual([
      { branch, account, dateRef: today, ledger: todayFigures, balance: null },
    ]);
  });

  test('an orphan balance row (no entries that day) is reported', async () => {
    const account = await ledgerOfTwoDays();
    const orphan = '2026-11-23';
    await db.database.query(
      `insert into flow.balance (branch, account, date_ref, total_debit, total_credit, accumulated_debit, accumulated_credit,
         transaction_count, last_trace_key)
       values ($1, $2, $3, 0, 1, 0, 1, 1, gen_random_uuid())`, [branch, account, orphan]);
    expect(await reconcileBalances(db.database, { branch, account })).toEqual([{
      branch, account, dateRef: orphan, ledger: null,
      balance: { totalDebit: '0.00', totalCredit: '1.00', accumulatedDebit: '0.00', accumulatedCredit: '1.00', transactionCount: 1 },
    }]);
  });

  test('every difference at once, and only those, across accounts', async () => {
    const wrong = await ledgerOfTwoDays();
    const clean = await ledgerOfTwoDays();
    await corrupt('update flow.balance set total_debit = 29', wrong, yesterday);
    await corrupt('delete from flow.balance', wrong, today);
    const differences = await reconcileBalances(db.database);
    expect(differences.filter((row) => row.account === clean)).toEqual([]);
    expect(differences.filter((row) => row.account === wrong).map((row) => row.dateRef)).toEqual([yesterday, today]);
  });
});
