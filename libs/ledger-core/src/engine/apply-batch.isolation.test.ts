// Posting isolation: a posting the database refuses for its own data (SQLSTATE class 22) is
// rejected as `posting_unstorable` and its batch neighbours commit. The engine does not
// validate (ingest and the worker's decoder do), so these postings reach it here directly, as
// they would if a producer published past ingest. Runs on PGlite, and on PostgreSQL when
// FLOW_TEST_DATABASE_URL is set.
import type { Posting } from '@flow/contracts';
import { batchPostingsMax } from '../limits.ts';
import { findTransaction } from '../queries/transactions.ts';
import { reconcileBalances } from '../queries/reconciliation.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { databaseTargets, makePosting, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { createLedgerEngine } from './apply-batch.ts';

const now = () => new Date('2026-11-25T15:00:00Z');
const today = '2026-11-25';

const unstorable: [string, Partial<Posting>][] = [
  ['NUL in description', { description: 'a\u0000b' }],
  ['NUL in a details value', { details: { note: 'x\u0000' } }],
  ['NUL in a details key', { details: { 'k\u0000': 1 } }],
  ['a lone high surrogate in details', { details: { note: '\ud800' } }],
  ['a lone low surrogate inside a details string', { details: { note: 'x\udc00y' } }],
];

describe.each(databaseTargets())('posting isolation on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
  });
  afterAll(() => db.drop());

  const engine = () => createLedgerEngine({ database: db.database, rules: ledgerRules({ autoOpenAccounts: true }), now });

  test.each(unstorable)('%s: rejected posting_unstorable, its neighbours posted', async (_name, fields) => {
    const bad = makePosting({ dateRef: today, account: 'ISO1', ...fields });
    const batch = [makePosting({ dateRef: today, account: 'ISO1' }), bad, makePosting({ dateRef: today, account: 'ISO2' })];
    const { outcomes } = await engine().applyBatch(batch);
    expect(outcomes.map((outcome) => [outcome.id, outcome.status, outcome.reason])).toEqual([
      [batch[0]!.id, 'posted', null], [bad.id, 'rejected', 'posting_unstorable'], [batch[2]!.id, 'posted', null],
    ]);
    expect(await findTransaction(db.database, bad.id)).toMatchObject({ status: 'rejected', reason: 'posting_unstorable' });
    const again = await engine().applyBatch([bad]);
    expect(again.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'posting_unstorable', replay: true });
  });

  test(`one unstorable posting among ${batchPostingsMax - 1} valid ones: ${batchPostingsMax - 1} posted, 1 rejected`, async () => {
    const batch = Array.from({ length: batchPostingsMax }, (_unused, index) => makePosting({ dateRef: today, account: `BIG${index % 7}` }));
    batch[417] = { ...batch[417]!, description: 'nul \u0000 here' };
    const { outcomes } = await engine().applyBatch(batch);
    expect(outcomes).toHaveLength(batchPostingsMax);
    expect(outcomes.filter((outcome) => outcome.status === 'posted')).toHaveLength(batchPostingsMax - 1);
    expect(outcomes[417]).toMatchObject({ id: batch[417]!.id, status: 'rejected', reason: 'posting_unstorable' });
    const { rows } = await db.database.query<{ outcomes: unknown[] }>(
      'select outcomes from flow.outbox order by id desc limit 1');
    expect(rows[0]!.outcomes).toHaveLength(batchPostingsMax);
    expect(await reconcileBalances(db.database)).toEqual([]);
  });

  test('several culprits in one batch are all found', async () => {
    const batch = Array.from({ length: 40 }, () => makePosting({ dateRef: today, account: 'MANY' }));
    for (const index of [0, 13, 39]) batch[index] = { ...batch[index]!, details: { bad: '\u0000' } };
    const { outcomes } = await engine().applyBatch(batch);
    const rejected = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [index] : []));
    expect(rejected).toEqual([0, 13, 39]);
  });
});
