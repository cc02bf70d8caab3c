// Reconciliation after a month left the database (flow archive), rule by rule: the accumulated
// totals after the month start from the account's checkpoint; balance rows inside the archived
// month are not compared; a wrong or missing checkpoint shows on the first day after the month.
// And the recorded, paged run. On PGlite, and on PostgreSQL when FLOW_TEST_DATABASE_URL is set.
import { createLedgerEngine } from '../engine/apply-batch.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { databaseTargets, makePosting, registerBranches, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { reconcileBalances } from './reconciliation.ts';
import { latestReconciliationRun, runReconciliation } from './reconciliation-run.ts';

const branch = '0009';
const october = { start: '2026-10-01', day: '2026-10-20' };
const november = '2026-11-10';

describe.each(databaseTargets())('reconciliation after an archive on $name', (target) => {
  let db: TestDatabase;
  let accountNumber = 0;
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
    await registerBranches(db.database, [branch]);
  });
  afterAll(() => db.drop());

  /** October: C 100.00, D 30.00; November: C 5.00 — then October "archived": entries gone, checkpoint (100.00 C, 30.00 D) recorded. */
  async function archivedAccount(checkpoint: { credit: string; debit: string } | null): Promise<string> {
    const account = `ARCH${++accountNumber}`;
    const at = (day: string) => createLedgerEngine({ database: db.database, rules: ledgerRules({ autoOpenAccounts: true }), now: () => new Date(`${day}T15:00:00Z`) });
    await at(october.day).applyBatch([
      makePosting({ branch, account, dateRef: october.day, amount: '100.00', debitCredit: 'C' }),
      makePosting({ branch, account, dateRef: october.day, amount: '30.00', debitCredit: 'D' }),
    ]);
    await at(november).applyBatch([makePosting({ branch, account, dateRef: november, amount: '5.00', debitCredit: 'C' })]);
    await db.database.query(`insert into flow.archived_month (month, location, manifest) values ($1, 's3://lake/ledger/2026-10/', '{}')
      on conflict do nothing`, [october.start]);
    if (checkpoint !== null) {
      await db.database.query(`insert into flow.balance_checkpoint (branch, account, month, accumulated_debit, accumulated_credit, transaction_count)
        values ($1, $2, $3, $4, $5, 2)`, [branch, account, october.start, checkpoint.debit, checkpoint.credit]);
    }
    await db.database.query('delete from flow.transaction where branch = $1 and account = $2 and date_ref < $3', [branch, account, '2026-11-01']);
    return account;
  }

  test.each([
    { rule: 'the checkpoint carries the archived month: clean', checkpoint: { credit: '100.00', debit: '30.00' }, corruptOctober: false, days: [] },
    { rule: 'a corrupt balance row inside the archived month is not compared', checkpoint: { credit: '100.00', debit: '30.00' }, corruptOctober: true, days: [] },
    { rule: 'a wrong checkpoint shows on the first day after the month', checkpoint: { credit: '100.01', debit: '30.00' }, corruptOctober: false, days: [november] },
    { rule: 'a missing checkpoint shows on the first day after the month', checkpoint: null, corruptOctober: false, days: [november] },
  ])('$rule', async ({ checkpoint, corruptOctober, days }) => {
    const account = await archivedAccount(checkpoint);
    if (corruptOctober) {
      await db.database.query('update flow.balance set total_credit = 1 where branch = $1 and account = $2 and date_ref = $3', [branch, account, october.day]);
    }
    const differences = await reconcileBalances(db.database, { branch, account });
    expect(differences.map((difference) => difference.dateRef)).toEqual(days);
  });

  test('a recorded run pages through the accounts, reports progress and each difference, and keeps its scope', async () => {
    const clean = await archivedAccount({ credit: '100.00', debit: '30.00' });
    const wrong = await archivedAccount(null);
    const progress: number[] = [];
    const found: string[] = [];
    const run = await runReconciliation(db.database, {
      scope: { branch, from: '2026-11-01' }, pageSize: 1,
      onProgress: ({ done }) => progress.push(done),
      onDifference: (difference) => found.push(difference.account),
    });
    expect(found).toContain(wrong);
    expect(found).not.toContain(clean);
    expect(run).toMatchObject({ status: 'differences', scope: { branch, from: '2026-11-01' } });
    expect(run.accountsChecked).toBe(accountNumber);
    expect(progress).toEqual(Array.from({ length: accountNumber + 1 }, (_, index) => index));
    expect(await latestReconciliationRun(db.database)).toMatchObject({ runId: run.runId, differences: run.differences, status: 'differences' });
  });
});
