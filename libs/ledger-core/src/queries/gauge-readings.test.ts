// The readings behind the services' gauges, on PGlite and PostgreSQL: the outbox backlog, the
// read database's lag (a primary has none) and the latest finished reconciliation run, which the
// query API's gauges and GET /v1/operations share.
import { databaseTargets, type TestDatabase } from '../testing/index.ts';
import { readOutboxStatus } from '../outbox/outbox-status.ts';
import { latestReconciliationRun } from './reconciliation-run.ts';
import { readReplicaLagSeconds } from './replica-lag.ts';

describe.each(databaseTargets())('operational readings on $name', (target) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await target.create();
  });
  afterEach(async () => db.drop());

  test('the outbox backlog counts unsent rows and ages the oldest', async () => {
    expect(await readOutboxStatus(db.database)).toEqual({ unsent: 0, oldestUnsentAt: null, oldestUnsentAgeSeconds: 0, lastBatchAt: null });
    await db.database.query(`insert into flow.outbox (outcomes, outcome_count, created_at) values ('[]', 1, now() - interval '90 seconds'), ('[]', 1, now())`);
    await db.database.query(`insert into flow.outbox (outcomes, outcome_count, created_at, sent_at) values ('[]', 1, now() - interval '1 hour', now())`);
    const status = await readOutboxStatus(db.database);
    expect(status.unsent).toBe(2);
    expect(status.oldestUnsentAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(status.oldestUnsentAgeSeconds).toBeLessThan(3_600);
    // The oldest unsent row is the first written (by id); the newest batch is the last, sent one.
    expect(Date.parse(status.oldestUnsentAt!) - Date.parse(status.lastBatchAt!)).toBeGreaterThan(3_000_000);
  });

  test('a primary has no replica lag', async () => {
    expect(await readReplicaLagSeconds(db.database)).toBe(0);
  });

  test('the latest finished reconciliation run: none before one is recorded, and never one still running', async () => {
    expect(await latestReconciliationRun(db.database)).toBeNull();
    await db.database.query(`insert into flow.reconciliation_run (started_at, finished_at, differences, status) values
      ('2026-01-02T03:00:00Z', '2026-01-02T03:00:01Z', 4, 'differences'), ('2026-01-03T03:00:00Z', '2026-01-03T03:00:01Z', 1, 'differences'),
      (now(), null, 0, 'running')`);
    const run = await latestReconciliationRun(db.database);
    expect([run?.finishedAt.toISOString(), run?.differences, run?.status]).toEqual(['2026-01-03T03:00:01.000Z', 1, 'differences']);
  });
});
