// The readings behind the services' gauges, on PGlite and PostgreSQL: the outbox backlog, the
// read database's lag (a primary has none) and the latest finished reconciliation run, which the
// query API's gauges and GET /v1/operations share.
import { databaseTargets, type TestDatabase } from '../testing/index.ts';
import { readOutboxBacklog } from '../outbox/outbox-backlog.ts';
import { latestReconciliationRun } from './reconciliation-run.ts';
import { readReplicaLagSeconds } from './replica-lag.ts';

describe.each(databaseTargets())('operational readings on $name', (target) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await target.create();
  });
  afterEach(async () => db.drop());

  test('the outbox backlog counts unsent rows and ages the oldest', async () => {
    expect(await readOutboxBacklog(db.database)).toEqual({ unsentRows: 0, oldestUnsentAgeSeconds: 0 });
    await db.database.query(`insert into flow.outbox (outcomes, outcome_count, created_at) values ('[]', 1, now() - interval '90 seconds'), ('[]', 1, now())`);
    await db.database.query(`insert into flow.outbox (outcomes, outcome_count, created_at, sent_at) values ('[]', 1, now() - interval '1 hour', now())`);
    const backlog = await readOutboxBacklog(db.database);
    expect(backlog.unsentRows).toBe(2);
    expect(backlog.oldestUnsentAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(backlog.oldestUnsentAgeSeconds).toBeLessThan(3_600);
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
