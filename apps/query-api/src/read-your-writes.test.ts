// Read-your-writes without a real replica (stack/src/read-replica.e2e.test.ts has one): two PGlite
// databases, a "replica" that has not replayed the latest batch and a "primary" that has. An id or
// an account only the primary has yet is answered from the primary, never a false 404; without the
// fallback the same reads are 404, which is what the fallback exists to prevent.
import { createLedgerEngine, ledgerRules, migrate, openPglite, type Database } from '@flow/ledger-core';
import { makePosting, seedCatalog } from '@flow/ledger-core/testing';
import request from 'supertest';
import { createTestApp, type TestApp } from './testing.ts';

const now = () => new Date('2026-11-24T12:00:00Z');
const early = makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-23', amount: '10.00' });
const late = makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-24', amount: '2.50' });
const onNewAccount = makePosting({ branch: '0001', account: 'NEW', dateRef: '2026-11-24', amount: '1.00' });

describe('a read the replica cannot answer yet', () => {
  let replica: Database;
  let primary: Database;
  let withFallback: TestApp;
  let replicaOnly: TestApp;

  beforeAll(async () => {
    [replica, primary] = await Promise.all([openPglite(), openPglite()]);
    for (const database of [replica, primary]) {
      await migrate(database);
      await seedCatalog(database, [{ branch: '0001', account: 'A' }]);
      await createLedgerEngine({ database, rules: ledgerRules(), now }).applyBatch([early]);
    }
    // Only the primary has the latest batch, and the account it needed.
    await seedCatalog(primary, [{ branch: '0001', account: 'NEW' }]);
    await createLedgerEngine({ database: primary, rules: ledgerRules(), now }).applyBatch([late, onNewAccount]);
    withFallback = await createTestApp(replica, primary, { primaryReadDatabase: primary });
    replicaOnly = await createTestApp(replica, primary);
  });
  afterAll(async () => {
    await Promise.all([replica.close(), primary.close()]);
  });

  const get = (api: TestApp, path: string) => request(api.app).get(path).set('authorization', api.auth.reader);

  test.each([
    ['a transaction the replica has', `/v1/transactions/${early.id}`, 200, 200],
    ['a transaction only the primary has yet', `/v1/transactions/${late.id}`, 200, 404],
    ['a transaction neither has', '/v1/transactions/0190a7e4-0000-7000-8000-000000000000', 404, 404],
    ['the statement of an account only the primary has yet', '/v1/accounts/0001/NEW/statement?from=2026-11-24&to=2026-11-24', 200, 404],
    ['the balance of an account only the primary has yet', '/v1/accounts/0001/NEW/balance?date=2026-11-24', 200, 404],
    ['the statement of an account neither has', '/v1/accounts/0001/NONE/statement?from=2026-11-24&to=2026-11-24', 404, 404],
  ])('%s (%s): %i with the fallback, %i on the replica alone', async (_name, path, expected, alone) => {
    const answer = await get(withFallback, path);
    expect(answer.status).toBe(expected);
    if (expected === 404) expect(answer.body.code).toBe('not_found');
    expect((await get(replicaOnly, path)).status).toBe(alone);
  });

  test('served whole from the primary: the new account\'s statement has its line', async () => {
    const answer = await get(withFallback, '/v1/accounts/0001/NEW/statement?from=2026-11-24&to=2026-11-24');
    expect(answer.body.lines.map((line: { id: string }) => line.id)).toEqual([onNewAccount.id]);
    expect((await get(withFallback, `/v1/transactions/${late.id}`)).body).toMatchObject({ id: late.id, status: 'posted', amount: '2.50' });
  });

  test('readiness checks the replica\'s lag only when reads fall back to a primary', async () => {
    expect((await request(withFallback.app).get('/health/ready')).body.checks).toEqual({ readDatabase: 'ok', schema: 'ok', replicaLag: 'ok' });
    expect((await request(replicaOnly.app).get('/health/ready')).body.checks).toEqual({ readDatabase: 'ok', schema: 'ok' });
  });
});
