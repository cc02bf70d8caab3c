// Tenant access through HTTP on every database target: each token sees only its branches
// (the flow_branches claim), on every ledger route; the catalog admin stays scope-only.
import { createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { databaseTargets, makePosting, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { signEmbeddedToken, type Scope } from '@flow/service-kit';
import request from 'supertest';
import { createTestApp, testSecret, type TestApp } from './testing.ts';

const now = () => new Date('2026-11-24T12:00:00Z');
const day = '2026-11-20';
const branches = ['0001', '0002', '0003'] as const;

const tokenFor = async (claim: readonly string[] | null, scopes: Scope[] = ['flow:read']) =>
  `Bearer ${await signEmbeddedToken({ secret: testSecret, scopes, branches: claim })}`;

/** Which branches each token may read; `[]` means none at all. */
const tokens: readonly { name: string; claim: readonly string[] | null; scopes?: Scope[]; sees: readonly string[] }[] = [
  { name: 'no claim', claim: null, sees: [] },
  { name: 'an empty claim', claim: [], sees: [] },
  { name: 'a malformed claim', claim: ['0001', 7 as unknown as string], sees: [] },
  { name: 'one branch', claim: ['0001'], sees: ['0001'] },
  { name: 'two branches', claim: ['0001', '0002'], sees: ['0001', '0002'] },
  { name: 'every branch', claim: ['*'], sees: branches },
  { name: 'admin without the claim', claim: null, scopes: ['flow:read', 'flow:admin'], sees: [] },
  { name: 'admin with one branch', claim: ['0002'], scopes: ['flow:read', 'flow:admin'], sees: ['0002'] },
];

describe.each(databaseTargets())('branch access on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;
  const postings = branches.flatMap((branch) => [
    makePosting({ branch, account: 'A', dateRef: day, amount: '10.00' }),
    makePosting({ branch, account: 'A', dateRef: day, amount: '2.50', debitCredit: 'D' }),
  ]);
  const idOf = (branch: string) => postings.find((posting) => posting.branch === branch)!.id;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, branches.map((branch) => ({ branch, account: 'A' })));
    await createLedgerEngine({ database: db.database, rules: ledgerRules(), now }).applyBatch(postings);
    api = await createTestApp(db.database);
  });
  afterAll(() => db.drop());

  const get = (path: string, authorization: string) => request(api.app).get(path).set('authorization', authorization);

  describe.each(tokens)('a token with $name', ({ claim, scopes, sees }) => {
    let token: string;
    beforeAll(async () => {
      token = await tokenFor(claim, scopes);
    });
    const refusedAll = sees.length === 0;

    test.each(branches)('account routes of branch %s: 200 when it is the token\'s, else 403 branch_forbidden', async (branch) => {
      for (const path of [
        `/v1/accounts/${branch}/A/statement?from=${day}&to=${day}`,
        `/v1/accounts/${branch}/A/balances?from=${day}&to=${day}`,
        `/v1/accounts/${branch}/A/balance?date=${day}`,
      ]) {
        const response = await get(path, token);
        if (sees.includes(branch)) {
          expect([path, response.status]).toEqual([path, 200]);
        } else {
          expect([path, response.status, response.body.code]).toEqual([path, 403, 'branch_forbidden']);
        }
      }
    });

    test.each(branches)('a transaction of branch %s by id: 200 when it is the token\'s, else 404 (its existence not revealed)', async (branch) => {
      const response = await get(`/v1/transactions/${idOf(branch)}`, token);
      if (refusedAll) expect([response.status, response.body.code]).toEqual([403, 'branch_forbidden']);
      else if (sees.includes(branch)) expect(response.status).toBe(200);
      else expect([response.status, response.body.code]).toEqual([404, 'not_found']);
    });

    test('search and the daily report without a branch filter list only the token\'s branches', async () => {
      const search = await get('/v1/transactions', token);
      const report = await get(`/v1/reports/daily?date=${day}`, token);
      if (refusedAll) {
        expect([search.status, search.body.code, report.status, report.body.code])
          .toEqual([403, 'branch_forbidden', 403, 'branch_forbidden']);
        return;
      }
      expect([search.status, report.status]).toEqual([200, 200]);
      const listed = (items: { branch: string }[]) => [...new Set(items.map((item) => item.branch))].sort();
      expect(listed(search.body.items)).toEqual([...sees].sort());
      expect(search.body.items).toHaveLength(sees.length * 2);
      expect(listed(report.body.items)).toEqual([...sees].sort());
    });

    test.each(branches)('search and the daily report filtered by branch %s: 403 outside the token\'s branches', async (branch) => {
      const search = await get(`/v1/transactions?branch=${branch}`, token);
      const report = await get(`/v1/reports/daily?date=${day}&branch=${branch}`, token);
      if (sees.includes(branch)) {
        expect([search.status, report.status]).toEqual([200, 200]);
        expect(search.body.items.map((item: { branch: string }) => item.branch)).toEqual([branch, branch]);
      } else {
        expect([search.status, search.body.code, report.status, report.body.code])
          .toEqual([403, 'branch_forbidden', 403, 'branch_forbidden']);
      }
    });
  });

  test('the catalog admin needs only flow:admin: an admin token without the claim lists every account', async () => {
    const response = await get('/v1/accounts', await tokenFor(null, ['flow:admin'])).expect(200);
    expect(response.body.items.map((item: { branch: string }) => item.branch).sort()).toEqual([...branches]);
  });

  test('a refusal is logged with the subject and the branch', async () => {
    const response = await get(`/v1/accounts/0002/A/statement?from=${day}&to=${day}`, await tokenFor(['0001']));
    expect(response.body).toMatchObject({ type: 'https://flow.dev/problems/branch_forbidden', status: 403, code: 'branch_forbidden', details: { branch: '0002' } });
    expect(api.logLines()).toContainEqual(expect.objectContaining({
      code: 'auth_failed', reason: 'branch_forbidden', branch: '0002', requestId: response.headers['x-request-id'],
    }));
  });
});
