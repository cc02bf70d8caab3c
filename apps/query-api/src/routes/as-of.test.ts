// `asOf` over HTTP on every database target: the statement, the daily balances and the balance
// at a date as the ledger stood at an instant — "what did this statement say on the 24th at
// 18:00" — with a backdated entry recorded later left out, microseconds respected, and every
// malformed or future instant a 400. The batches' recording instants (`created_at`) are set
// by the test, as the property test does; as-of.model.test.ts in ledger-core proves the rest.
import { createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { databaseTargets, makePosting, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { createTestApp, type TestApp } from '../testing.ts';

const now = () => new Date('2026-11-24T15:00:00Z');
const account = '/v1/accounts/0001/100001';
const range = 'from=2026-11-20&to=2026-11-24';

describe.each(databaseTargets())('asOf routes on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: '100001' }]);
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    const record = async (at: string, ...postings: ReturnType<typeof makePosting>[]) => {
      await engine.applyBatch(postings);
      await db.database.query('update flow.transaction set created_at = $1::timestamptz where id = any($2::uuid[])', [at, postings.map((posting) => posting.id)]);
    };
    await record('2026-11-24T12:00:00Z',
      makePosting({ dateRef: '2026-11-20', amount: '100.00' }),
      makePosting({ dateRef: '2026-11-22', amount: '30.00', debitCredit: 'D' }),
      makePosting({ dateRef: '2026-11-24', amount: '5.00' }));
    // Recorded at 19:00:00.000500, backdated to the 21st: it changes the past days' balances.
    await record('2026-11-24T19:00:00.0005Z', makePosting({ dateRef: '2026-11-21', amount: '40.00', debitCredit: 'D' }));
    api = await createTestApp(db.database);
  });
  afterAll(() => db.drop());

  const get = (path: string) => request(api.app).get(path).set('authorization', api.auth.reader);
  const statementAt = async (asOf?: string) => (await get(`${account}/statement?${range}${asOf === undefined ? '' : `&asOf=${encodeURIComponent(asOf)}`}`).expect(200)).body;

  test('the statement as of 18:00 leaves out the entry recorded at 19:00, with the balances it had then', async () => {
    const then = await statementAt('2026-11-24T15:00:00-03:00');
    expect(then.asOf).toBe('2026-11-24T15:00:00-03:00');
    expect(then.lines.map((line: { dateRef: string; balanceAfter: string }) => [line.dateRef, line.balanceAfter]))
      .toEqual([['2026-11-20', '100.00'], ['2026-11-22', '70.00'], ['2026-11-24', '75.00']]);
    expect([then.openingBalance, then.closingBalance]).toEqual(['0.00', '75.00']);
    const current = await statementAt();
    expect(current.lines.map((line: { balanceAfter: string }) => line.balanceAfter)).toEqual(['100.00', '60.00', '30.00', '35.00']);
    expect(current.asOf).toBeNull();
  });

  test('"at or before": the instant of recording counts, to the microsecond', async () => {
    expect((await statementAt('2026-11-24T19:00:00.0005Z')).lines).toHaveLength(4);
    expect((await statementAt('2026-11-24T19:00:00.000499Z')).lines).toHaveLength(3);
    expect((await statementAt('2026-11-24T11:59:59Z')).lines).toHaveLength(0);
  });

  test('daily balances and the balance at a date as of an instant', async () => {
    const asOf = encodeURIComponent('2026-11-24T18:00:00Z');
    const days = (await get(`${account}/balances?${range}&asOf=${asOf}`).expect(200)).body;
    expect(days.asOf).toBe('2026-11-24T18:00:00Z');
    expect(days.items.map((day: { dateRef: string; balance: string }) => [day.dateRef, day.balance]))
      .toEqual([['2026-11-20', '100.00'], ['2026-11-22', '70.00'], ['2026-11-24', '75.00']]);
    expect((await get(`${account}/balance?date=2026-11-21&asOf=${asOf}`).expect(200)).body).toEqual({
      branch: '0001', account: '100001', date: '2026-11-21', balance: '100.00', accumulatedDebit: '0.00', accumulatedCredit: '100.00',
      lastMovementDate: '2026-11-20', asOf: '2026-11-24T18:00:00Z',
    });
    expect((await get(`${account}/balance?date=2026-11-21`).expect(200)).body).toMatchObject({ balance: '60.00', lastMovementDate: '2026-11-21' });
  });

  test('an export as of an instant has the lines of the JSON statement as of that instant', async () => {
    const response = await get(`${account}/statement?${range}&asOf=2026-11-24T18:00:00Z&format=csv`).expect(200);
    const records: { id: string; balanceAfter: string }[] = parseCsv(response.text, { columns: true });
    const json = await statementAt('2026-11-24T18:00:00Z');
    expect(records.map((record) => [record.id, record.balanceAfter]))
      .toEqual(json.lines.map((line: { id: string; balanceAfter: string }) => [line.id, line.balanceAfter]));
  });

  test('an asOf that is not an RFC 3339 instant with its offset, or is in the future, is 400 query_invalid', async () => {
    const problem = async (asOf: string) => {
      const response = await get(`${account}/balance?date=2026-11-24&asOf=${encodeURIComponent(asOf)}`).expect(400);
      expect(response.body.code).toBe('query_invalid');
      return response.body.errors as { pointer: string; code: string; message: string }[];
    };
    for (const asOf of ['2026-11-24', '2026-11-24T18:00:00', '2026-02-30T00:00:00Z', '2026-11-24T24:00:00Z', '2026-11-24T18:00:00.1234567Z', 'yesterday']) {
      expect(await problem(asOf)).toEqual([{ pointer: '/query/asOf', code: 'value_invalid', message: expect.stringMatching(/^must be an RFC 3339 timestamp/) }]);
    }
    expect(await problem(new Date(Date.now() + 3_600_000).toISOString())).toEqual([{ pointer: '/query/asOf', code: 'value_invalid', message: 'must not be in the future' }]);
  });

  test('a statement cursor is bound to its asOf', async () => {
    const page = (await get(`${account}/statement?${range}&limit=1&asOf=2026-11-24T18:00:00Z`).expect(200)).body;
    const cursor = encodeURIComponent(page.nextCursor);
    await get(`${account}/statement?${range}&limit=1&asOf=2026-11-24T18:00:00Z&cursor=${cursor}`).expect(200);
    const moved = await get(`${account}/statement?${range}&limit=1&asOf=2026-11-24T19:00:00Z&cursor=${cursor}`).expect(400);
    expect(moved.body.code).toBe('cursor_invalid');
  });
});
