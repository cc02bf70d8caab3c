// Signed, bound cursors through HTTP on both databases: a cursor works only on the request that
// issued it (route, path parameters, filters; any page size), under a key the app still knows.
// The hostile positions found by the hostile-client run (each once a 500) are named cases: sent
// as they were (unsigned) and validly signed with the app's own key, both are 400 cursor_invalid.
import { createLedgerEngine, ledgerRules, type Database } from '@flow/ledger-core';
import { databaseTargets, makePosting, seedCatalog, statementExample, type TestDatabase } from '@flow/ledger-core/testing';
import { createAuthenticator, createLogger } from '@flow/service-kit';
import type { Express } from 'express';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { createQueryApiApp } from '../app.ts';
import { createTestApp, testCursorKey, testSecret, type TestApp } from '../testing.ts';
import { CursorSeal, cursorBinding } from './cursor-seal.ts';

const now = () => new Date('2026-11-24T15:00:00Z');
const today = '2026-11-24';
const example = statementExample(today);
const day = example.day;
const oldKey = 'the-retired-cursor-key-of-at-least-32-bytes';
const newKey = 'the-current-cursor-key-of-at-least-32-bytes';

/** The query position as ledger-core writes it, before query-api seals it. */
const position = (payload: unknown[]) => Buffer.from(JSON.stringify(payload)).toString('base64url');

/** A cursor signed with the test app's key for `path?query`: what a leaked key could forge. */
function forged(path: string, query: Record<string, string>, payload: unknown[]): string {
  return new CursorSeal([testCursorKey]).seal(cursorBinding({ method: 'GET', path, query }), position(payload));
}

function appWithKeys(database: Database, cursorKeys: string[]): Express {
  const logger = createLogger({ service: 'flow-query-api', level: 'error', stream: new PassThrough() });
  return createQueryApiApp({ readDatabase: database, primaryDatabase: database, authenticator: createAuthenticator({ mode: 'embedded', secret: testSecret }), logger, cursorKeys });
}

describe.each(databaseTargets())('signed, bound cursors on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;
  const statementPath = '/v1/accounts/0001/100001/statement';
  const statementQuery = { from: day(1), to: today };
  const statementUrl = `${statementPath}?from=${day(1)}&to=${today}`;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: '100001' }, { branch: '0002', account: '000777' }, { branch: '0003', account: 'ABC' }]);
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    for (const fields of example.entries) await engine.applyBatch([makePosting(fields)]);
    for (const fields of example.entries) await engine.applyBatch([makePosting({ ...fields, branch: '0002', account: '000777' })]);
    api = await createTestApp(db.database);
  });
  afterAll(() => db.drop());

  const read = (app: Express, path: string) => request(app).get(path).set('authorization', api.auth.reader);
  const admin = (path: string) => request(api.app).get(path).set('authorization', api.auth.admin);

  test('a cursor is accepted on its own request, also with another page size', async () => {
    const first = (await read(api.app, `${statementUrl}&limit=2`).expect(200)).body;
    expect(first.nextCursor).toMatch(/^[\w-]+\.[\w-]{43}$/);
    const next = await read(api.app, `${statementUrl}&limit=3&cursor=${first.nextCursor}`).expect(200);
    expect(next.body.lines[0].seq).not.toBe(first.lines.at(-1).seq);
    expect(next.body.lines).toHaveLength(3);
  });

  test('a statement cursor of 0001/100001 is refused on 0002/000777, on other filters and on another route', async () => {
    const cursor = (await read(api.app, `${statementUrl}&limit=2`).expect(200)).body.nextCursor;
    for (const elsewhere of [
      `/v1/accounts/0002/000777/statement?from=${day(1)}&to=${today}`,
      `${statementPath}?from=${day(2)}&to=${today}`,
      `/v1/accounts/0001/100001/balances?from=${day(1)}&to=${today}`,
      `/v1/transactions?branch=0001&account=100001`,
    ]) {
      const answer = await read(api.app, `${elsewhere}&cursor=${cursor}`).expect(400);
      expect([elsewhere, answer.body.code]).toEqual([elsewhere, 'cursor_invalid']);
    }
  });

  test('a tampered cursor is 400 cursor_invalid: position or signature changed, or no signature', async () => {
    const cursor: string = (await read(api.app, `${statementUrl}&limit=2`).expect(200)).body.nextCursor;
    const [inner, signature] = cursor.split('.') as [string, string];
    const moved = position(['statement', day(1), '1']);
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    for (const tampered of [`${moved}.${signature}`, `${inner}.${flipped}`, inner, `${inner}.`, 'garbage']) {
      const answer = await read(api.app, `${statementUrl}&cursor=${encodeURIComponent(tampered)}`).expect(400);
      expect(answer.body.code).toBe('cursor_invalid');
    }
  });

  test('rotation: the first key signs and every key verifies; a retired key is refused', async () => {
    const before = appWithKeys(db.database, [oldKey]);
    const rotating = appWithKeys(db.database, [newKey, oldKey]);
    const after = appWithKeys(db.database, [newKey]);
    const oldCursor = (await read(before, `${statementUrl}&limit=2`).expect(200)).body.nextCursor;
    await read(rotating, `${statementUrl}&limit=2&cursor=${oldCursor}`).expect(200);
    const newCursor = (await read(rotating, `${statementUrl}&limit=2`).expect(200)).body.nextCursor;
    await read(after, `${statementUrl}&limit=2&cursor=${newCursor}`).expect(200);
    expect((await read(after, `${statementUrl}&limit=2&cursor=${oldCursor}`).expect(400)).body.code).toBe('cursor_invalid');
  });

  // Each was a 500 when cursors were plain base64url JSON: the database refused the position.
  const hostile: [string, string, Record<string, string>, unknown[], 'read' | 'admin'][] = [
    ['a seq that is not a number (22P02)', statementPath, statementQuery, ['statement', '2026-11-30', 'abc'], 'read'],
    ['a 20-digit seq (22003)', statementPath, statementQuery, ['statement', '2026-11-30', '12345678901234567890'], 'read'],
    ['a date that is not one (RangeError)', '/v1/accounts/0001/100001/balances', statementQuery, ['balances', 'zzz'], 'read'],
    ['an event code beyond integer (22003)', '/v1/events', {}, ['events', 3_000_000_000], 'admin'],
    ['NUL in an account key (22021)', '/v1/accounts', {}, ['accounts', '0001\u0000', 'ABC'], 'admin'],
    ['NUL in a report branch (22021)', '/v1/reports/daily', { date: today }, ['report', '\u0000'], 'read'],
    ['a lone surrogate in an account key', '/v1/accounts', {}, ['accounts', '0001', '\ud800'], 'admin'],
    ['a search seq of another type', '/v1/transactions', {}, ['transactions', '2026-11-30', 7], 'read'],
  ];

  test.each(hostile)('%s is 400 cursor_invalid, unsigned or validly signed', async (_name, path, query, payload, role) => {
    const search = new URLSearchParams(query).toString();
    const url = (cursor: string) => `${path}?${search}${search === '' ? '' : '&'}cursor=${encodeURIComponent(cursor)}`;
    const get = (cursor: string) => (role === 'admin' ? admin(url(cursor)) : read(api.app, url(cursor)));
    expect((await get(position(payload)).expect(400)).body.code).toBe('cursor_invalid');
    const signed = await get(forged(path, query, payload)).expect(400);
    expect(signed.body).toMatchObject({ code: 'cursor_invalid', details: { reason: 'the cursor is damaged' } });
  });

  test('a validly signed, well-formed position is served (the forging helper is sound)', async () => {
    const cursor = forged(statementPath, statementQuery, ['statement', day(2), '0']);
    const page = await read(api.app, `${statementUrl}&cursor=${encodeURIComponent(cursor)}`).expect(200);
    expect(page.body.lines.length).toBeGreaterThan(0);
  });
});
