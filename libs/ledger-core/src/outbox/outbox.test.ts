// The outbox relay's queries on PGlite and PostgreSQL: the sweep claims unsent rows oldest
// first, bounded, leaves fresh rows to the worker that wrote them, marks what it published and
// nothing it failed to publish, and (on PostgreSQL) two concurrent sweeps never claim one row.
import { createLedgerEngine } from '../engine/apply-batch.ts';
import type { PostingOutcome } from '../engine/outcome.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { businessDate } from '../rules/business-date.ts';
import { databaseTargets, makePosting, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { claimUnsentOutbox } from './claim-unsent-outbox.ts';
import { countUnsentOutbox } from './count-unsent-outbox.ts';
import { markOutboxSent } from './mark-outbox-sent.ts';
import { sweepOutbox } from './sweep-outbox.ts';
import type { OutboxRow } from './claim-unsent-outbox.ts';

const rules = ledgerRules({ autoOpenAccounts: true });
const today = businessDate(new Date(), rules.businessTimeZone);

describe.each(databaseTargets())('outbox relay queries on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
  });
  afterAll(() => db.drop());
  beforeEach(() => db.database.query('update flow.outbox set sent_at = now() where sent_at is null'));

  const engine = () => createLedgerEngine({ database: db.database, rules });
  const applyBatches = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      ids.push((await engine().applyBatch([makePosting({ dateRef: today, account: `ACC${index}` })])).outboxId);
    }
    return ids;
  };

  test('claims unsent rows oldest first, at most rowsMax, with their outcomes', async () => {
    const ids = await applyBatches(3);
    const rows = await db.database.transaction((tx) => claimUnsentOutbox(tx, { rowsMax: 2, ageMinMs: 0 }));
    expect(rows.map((row) => row.id)).toEqual(ids.slice(0, 2));
    expect(rows[0]!.outcomes).toEqual([expect.objectContaining<Partial<PostingOutcome>>({ status: 'posted', account: 'ACC0' })]);
  });

  test('leaves rows younger than ageMinMs to the worker that committed them', async () => {
    await applyBatches(1);
    const rows = await db.database.transaction((tx) => claimUnsentOutbox(tx, { rowsMax: 10, ageMinMs: 60_000 }));
    expect(rows).toEqual([]);
  });

  test('markOutboxSent marks the given rows only, and keeps the first sent_at', async () => {
    const [first, second] = await applyBatches(2);
    await markOutboxSent(db.database, [first!]);
    const { rows: before } = await db.database.query<{ sentAt: Date }>('select sent_at as "sentAt" from flow.outbox where id = $1', [first]);
    await markOutboxSent(db.database, [first!]);
    const { rows: after } = await db.database.query<{ sentAt: Date }>('select sent_at as "sentAt" from flow.outbox where id = $1', [first]);
    expect(after[0]!.sentAt).toEqual(before[0]!.sentAt);
    const rows = await db.database.transaction((tx) => claimUnsentOutbox(tx, { rowsMax: 10, ageMinMs: 0 }));
    expect(rows.map((row) => row.id)).toEqual([second]);
  });

  test('a sweep marks what it published and stops at the first publish failure', async () => {
    const ids = await applyBatches(3);
    const published: string[] = [];
    const result = await sweepOutbox(db.database, async (row) => {
      if (row.id === ids[1]) throw new Error('callback topic unavailable');
      published.push(row.id);
    }, { rowsMax: 10, ageMinMs: 0 });
    expect(published).toEqual([ids[0]]);
    expect(result).toMatchObject({ rowsPublished: 1, outcomesPublished: 1, failure: expect.any(Error) });
    expect(await countUnsentOutbox(db.database)).toBe(2);
    const again = await sweepOutbox(db.database, async () => undefined, { rowsMax: 10, ageMinMs: 0 });
    expect(again).toMatchObject({ rowsPublished: 2, failure: undefined });
    expect(await countUnsentOutbox(db.database)).toBe(0);
  });

  if (target.name === 'postgres') {
    test('two concurrent sweeps never claim the same row (for update skip locked)', async () => {
      await applyBatches(6);
      const claimed: string[] = [];
      const slowPublish = async (row: OutboxRow) => {
        claimed.push(row.id);
        await new Promise((resolve) => setTimeout(resolve, 50));
      };
      const options = { rowsMax: 3, ageMinMs: 0 };
      const results = await Promise.all([sweepOutbox(db.database, slowPublish, options), sweepOutbox(db.database, slowPublish, options)]);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(results.map((result) => result.rowsPublished)).toEqual([3, 3]);
      expect(await countUnsentOutbox(db.database)).toBe(0);
    });
  }
});
