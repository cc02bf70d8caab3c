// Least privilege end to end (PostgreSQL only: PGlite has one connection and one user). The
// query API runs with its two pools on two logins, a flow_reader member for ledger reads and a
// flow_catalog member for the catalog, as on AWS. It serves both; the read pool's credentials
// cannot write (42501).
import { connectPostgres, type Database } from '@flow/ledger-core';
import { createRoleLogin, postgresTarget, seedCatalog, type RoleLogin, type TestDatabase } from '@flow/ledger-core/testing';
import { signEmbeddedToken } from '@flow/service-kit';
import { readQueryApiConfig } from './config.ts';
import { startQueryApi, type RunningQueryApi } from './start.ts';
import { testSecret } from './testing.ts';

const postgres = postgresTarget();

(postgres === null ? describe.skip : describe)('the query API on least-privilege logins', () => {
  let db: TestDatabase;
  let reader: RoleLogin;
  let catalog: RoleLogin;
  let api: RunningQueryApi;
  let token: string;

  beforeAll(async () => {
    db = await postgres!.create();
    await seedCatalog(db.database, [{ branch: '0001', account: '100001' }]);
    [reader, catalog] = await Promise.all([createRoleLogin(db, 'flow_reader'), createRoleLogin(db, 'flow_catalog')]);
    const config = readQueryApiConfig({
      FLOW_JWT_SECRET: testSecret, FLOW_HOST: '127.0.0.1', FLOW_PORT: '0', FLOW_LOG_LEVEL: 'error',
      FLOW_DATABASE_URL: db.url!,
      FLOW_DATABASE_USER: new URL(catalog.url).username,
      FLOW_DATABASE_READ_USER: new URL(reader.url).username,
    });
    api = await startQueryApi(config);
    token = await signEmbeddedToken({ secret: testSecret, scopes: ['flow:read', 'flow:admin'] });
  });
  afterAll(async () => {
    await api.stop();
    await Promise.all([reader.drop(), catalog.drop()]);
    await db.drop();
  });

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${api.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

  test('ledger reads go through the reader login, catalog writes through the catalog login', async () => {
    const balance = await call('/v1/accounts/0001/100001/balance?date=2026-11-24');
    expect(balance.status).toBe(200);
    const created = await call('/v1/events', { method: 'POST', body: JSON.stringify({ code: 777, description: 'Pix recebido', allowDebit: false, allowCredit: true }) });
    expect(created.status).toBe(201);
    const { rows } = await db.database.query<{ usename: string; application_name: string }>(`
      select distinct usename, application_name from pg_stat_activity
      where datname = current_database() and application_name like 'flow-query-api-%' order by application_name`);
    expect(rows).toEqual([
      { usename: new URL(catalog.url).username, application_name: 'flow-query-api-primary' },
      { usename: new URL(reader.url).username, application_name: 'flow-query-api-read' },
    ]);
  });

  test('the read pool\'s credentials cannot write: 42501', async () => {
    const readPool: Database = connectPostgres({ connectionString: reader.url, poolSize: 1 });
    try {
      const attempt = readPool.query(`insert into flow.event (code, description) values (778, 'x')`);
      await expect(attempt).rejects.toMatchObject({ code: '42501' });
      await expect(readPool.query(`update flow.balance set total_credit = 0`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await readPool.close();
    }
  });
});
