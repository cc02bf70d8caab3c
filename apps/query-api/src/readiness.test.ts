// Readiness tells the truth: the query API is ready only on the schema its code expects, and the
// log line of the failing probe names the missing migration.
import { migrate, openPglite, readMigrations, type Database } from '@flow/ledger-core';
import { databaseTargets, type TestDatabase } from '@flow/ledger-core/testing';
import request from 'supertest';
import { createTestApp } from './testing.ts';

describe('query-api readiness and the schema', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPglite();
  });
  afterAll(() => database.close());

  test('an unmigrated database: 503 on the schema check, the log names the first missing migration; ready once migrated', async () => {
    const api = await createTestApp(database);
    const before = await request(api.app).get('/health/ready');
    expect([before.status, before.body.checks]).toEqual([503, { readDatabase: 'ok', schema: 'unavailable' }]);
    const first = readMigrations()[0]!.name;
    expect(api.logLines()).toContainEqual(expect.objectContaining({
      code: 'readiness_failed', check: 'schema', error: expect.objectContaining({ message: expect.stringContaining(`migration ${first} is not applied`) }),
    }));
    await migrate(database);
    expect((await request(api.app).get('/health/ready')).status).toBe(200);
  });
});

describe.each(databaseTargets())('a schema behind the code on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
  });
  afterAll(() => db.drop());

  test('the latest migration unrecorded: not ready, naming it', async () => {
    const latest = readMigrations().at(-1)!;
    await db.database.query('delete from flow_migration.applied where version = $1', [latest.version]);
    const api = await createTestApp(db.database);
    expect((await request(api.app).get('/health/ready')).status).toBe(503);
    expect(api.logLines()).toContainEqual(expect.objectContaining({ check: 'schema', error: expect.objectContaining({ message: expect.stringContaining(latest.name) }) }));
  });
});
