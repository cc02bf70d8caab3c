// The outbox relay's queries on PGlite and PostgreSQL: the sweep finds unsent rows oldest
// first, bounded, leaves fresh rows to the worker that wrote them, marks what it published and
// nothing it failed to publish, holds no lock while it publishes, and (on PostgreSQL) two
// concurrent sweeps leave no row unsent (a row may be published by both: at-least-once).
import { createLedgerEngine } from '../engine/apply-batch.ts';
import type { PostingOutcome } from '../engine/outcome.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { businessDate } from '../rules/business-date.ts';
import { databaseTargets, makePosting, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { findUnsentOutbox } from './find-unsent-outbox.ts';
import { countUnsentOutbox } from './count-unsent-outbox.ts';
import { markOutboxSent } from './mark-outbox-sent.ts';
import { sweepOutbox } from './sweep-outbox.ts';
import type { OutboxRow } from './find-unsent-outbox.ts';

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
      ids.push(...(await engine().applyBatch([makePosting({ dateRef: today, account: `ACC${index}` })])).outboxRows.map((row) => row.outboxId));
    }
    return ids;
  };

  test('finds unsent rows oldest first, at most rowsMax, with their outcomes', async () => {
    const ids = await applyBatches(3);
    const rows = await findUnsentOutbox(db.database, { rowsMax: 2, ageMinMs: 0 });
    expect(rows.map((row) => row.id)).toEqual(ids.slice(0, 2));
    expect(rows[0]!.outcomes).toEqual([expect.objectContaining<Partial<PostingOutcome>>({ status: 'posted', account: 'ACC0' })]);
  });

  test('leaves rows younger than ageMinMs to the worker that committed them', async () => {
    await applyBatches(1);
    const rows = await findUnsentOutbox(db.database, { rowsMax: 10, ageMinMs: 60_000 });
    expect(rows).toEqual([]);
  });

  test('markOutboxSent marks the given rows only, and keeps the first sent_at', async () => {
    const [first, second] = await applyBatches(2);
    await markOutboxSent(db.database, [first!]);
    const { rows: before } = await db.database.query<{ sentAt: Date }>('select sent_at as "sentAt" from flow.outbox where id = $1', [first]);
    await markOutboxSent(db.database, [first!]);
    const { rows: after } = await db.database.query<{ sentAt: Date }>('select sent_at as "sentAt" from flow.outbox where id = $1', [first]);
    expect(after[0]!.sentAt).toEqual(before[0]!.sentAt);
    const rows = await findUnsentOutbox(db.database, { rowsMax: 10, ageMinMs: 0 });
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

  test('a sweep publishes outside any transaction: the row it is publishing is not locked', async () => {
    const [id] = await applyBatches(1);
    const lockable: boolean[] = [];
    await sweepOutbox(db.database, async (row) => {
      // Another transaction takes the row's lock at once (nowait fails if the sweep held it).
      const { rows } = await db.database.transaction((tx) => tx.query<{ id: string }>('select id from flow.outbox where id = $1 for update nowait', [row.id]));
      lockable.push(rows.length === 1);
    }, { rowsMax: 10, ageMinMs: 0 });
    expect(lockable).toEqual([true]);
    const { rows } = await db.database.query<{ sent: boolean }>('select sent_at is not null as sent from flow.outbox where id = $1', [id]);
    expect(rows).toEqual([{ sent: true }]);
  });

  if (target.name === 'postgres') {
    test('two concurrent sweeps publish every row at least once and leave none unsent', async () => {
      const ids = await applyBatches(6);
      const published: string[] = [];
      const slowPublish = async (row: OutboxRow) => {
        published.push(row.id);
        await new Promise((resolve) => setTimeout(resolve, 20));
      };
      const options = { rowsMax: 10, ageMinMs: 0 };
      await Promise.all([sweepOutbox(db.database, slowPublish, options), sweepOutbox(db.database, slowPublish, options)]);
      expect(new Set(published)).toEqual(new Set(ids));
      expect(await countUnsentOutbox(db.database)).toBe(0);
    });
  }
});
