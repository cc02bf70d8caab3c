// The standard headers of the query API's answers: `Link: <…>; rel="next"` (RFC 8288) beside
// every `nextCursor`, and following it walks the pages; RFC 6750 challenges on 401 and 403
// (missing scope, branch outside the token's); 406 for an Accept that allows no JSON.
import { pgliteTarget, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { signEmbeddedToken } from '@flow/service-kit';
import request from 'supertest';
import { createTestApp, testSecret, type TestApp } from './testing.ts';

let db: TestDatabase;
let api: TestApp;

beforeAll(async () => {
  db = await pgliteTarget.create();
  await seedCatalog(db.database, [{ branch: '0001', account: 'A1' }, { branch: '0001', account: 'A2' }, { branch: '0001', account: 'A3' }]);
  api = await createTestApp(db.database);
});
afterAll(() => db.drop());

const get = (path: string, headers: Record<string, string>) => request(api.app).get(path).set(headers);

test('a page with more has Link rel="next" carrying its nextCursor; following the links walks every item once', async () => {
  const seen: string[] = [];
  let path: string | null = '/v1/accounts?branch=0001&limit=2';
  while (path !== null) {
    const response = await get(path, { authorization: api.auth.admin });
    expect(response.status).toBe(200);
    const body = response.body as { items: { account: string }[]; nextCursor: string | null };
    seen.push(...body.items.map((item) => item.account));
    const link = response.headers.link as string | undefined;
    if (body.nextCursor === null) {
      expect(link).toBeUndefined();
      path = null;
    } else {
      const match = /^<([^>]+)>; rel="next"$/.exec(link ?? '');
      expect(new URL(match![1]!, 'http://x').searchParams.get('cursor')).toBe(body.nextCursor);
      expect(new URL(match![1]!, 'http://x').searchParams.get('limit')).toBe('2');
      path = match![1]!;
    }
  }
  expect(seen).toEqual(['A1', 'A2', 'A3']);
});

test('401 and 403 carry their WWW-Authenticate challenge', async () => {
  const missing = await request(api.app).get('/v1/accounts/0001/A1/balance?date=2026-11-24');
  expect([missing.status, missing.headers['www-authenticate']]).toEqual([401, 'Bearer realm="flow"']);
  const scope = await get('/v1/events', { authorization: api.auth.reader });
  expect(scope.status).toBe(403);
  expect(scope.headers['www-authenticate']).toMatch(/^Bearer realm="flow", error="insufficient_scope", scope="flow:admin"/);
  const otherBranch = `Bearer ${await signEmbeddedToken({ secret: testSecret, scopes: ['flow:read'], branches: ['0002'] })}`;
  const branch = await get('/v1/accounts/0001/A1/balance?date=2026-11-24', { authorization: otherBranch });
  expect([branch.status, branch.body.code]).toEqual([403, 'branch_forbidden']);
  expect(branch.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
});

test('an Accept without JSON gets 406 not_acceptable as a problem; one that allows JSON gets JSON', async () => {
  const csv = await get('/v1/accounts/0001/A1/balance?date=2026-11-24', { authorization: api.auth.reader, accept: 'text/csv' });
  expect([csv.status, csv.body.code, csv.headers['content-type']]).toEqual([406, 'not_acceptable', expect.stringContaining('application/problem+json')]);
  const either = await get('/v1/accounts/0001/A1/balance?date=2026-11-24', { authorization: api.auth.reader, accept: 'text/csv;q=1, application/json;q=0.1' });
  expect(either.status).toBe(200);
});

test.each([
  'application/json', 'application/problem+json, application/json', '*/*', 'application/*',
])('errors are problem+json whatever an Accept that allows JSON (%s)', async (accept) => {
  const bad = await get('/v1/accounts/0001/A1/balance?date=nope', { authorization: api.auth.reader, accept });
  expect([bad.status, bad.headers['content-type'], bad.body.code]).toEqual([400, 'application/problem+json; charset=utf-8', 'query_invalid']);
});

test('Swagger UI under /docs still answers HTML to a browser', async () => {
  const page = await request(api.app).get('/docs/').set('accept', 'text/html');
  expect(page.status).toBe(200);
});
