// The readings behind the services' gauges, on PGlite and PostgreSQL: the outbox backlog, the
// read database's lag (a primary has none) and the latest reconciliation run, which reads as none
// while its table does not exist (42P01) and fails loudly for any other error.
import { databaseTargets, type TestDatabase } from '../testing/index.ts';
import { readOutboxBacklog } from '../outbox/outbox-backlog.ts';
import { readLatestReconciliationRun } from './operational-readings.ts';
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

  test('the latest finished reconciliation run, none before one is recorded or while the table is missing', async () => {
    expect(await readLatestReconciliationRun(db.database)).toBeNull();
    await db.database.query('create table if not exists flow.reconciliation_run (finished_at timestamptz, differences int)');
    expect(await readLatestReconciliationRun(db.database)).toBeNull();
    await db.database.query(`insert into flow.reconciliation_run (finished_at, differences) values
      ('2026-01-02T03:00:00Z', 4), ('2026-01-03T03:00:00Z', 1), (null, 9)`);
    expect(await readLatestReconciliationRun(db.database)).toEqual({ finishedAt: Date.parse('2026-01-03T03:00:00Z') / 1_000, differences: 1 });
  });

  test('any other failure than a missing table is not hidden', async () => {
    await db.database.query('create table if not exists flow.reconciliation_run (finished_at timestamptz, differences int)');
    await db.database.query('alter table flow.reconciliation_run rename column differences to difference_count');
    await expect(readLatestReconciliationRun(db.database)).rejects.toMatchObject({ code: '42703' });
  });
});
