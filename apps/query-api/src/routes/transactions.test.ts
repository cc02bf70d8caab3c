// GET /v1/transactions/{id} and GET /v1/transactions over HTTP, on every database target.
import { createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { databaseTargets, fixtureEvents, makePosting, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import request from 'supertest';
import { createTestApp, type TestApp } from '../testing.ts';

const now = () => new Date('2026-11-24T12:00:00Z');
const traceKey = '0b7c6f0e-55a1-4a0f-9d43-0d2d2f1c9a11';

describe.each(databaseTargets())('transaction routes on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;
  const postings = [
    makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-20', amount: '100.00', traceKey }),
    makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-21', amount: '30.00', debitCredit: 'D', traceKey }),
    makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-21', amount: '5.00', description: 'Tarifa', eventCode: fixtureEvents.debitOnly, debitCredit: 'D' }),
    makePosting({ branch: '0001', account: 'B', dateRef: '2026-11-21', amount: '7.50', details: { channel: 'pix' } }),
    makePosting({ branch: '0002', account: 'C', dateRef: '2026-11-22', amount: '1.00' }),
    makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-22', amount: '0.01' }),
    makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-23', amount: '2.00' }),
    makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-21', amount: '9.99', eventCode: 999 }),
  ];
  const rejected = postings[7]!;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: 'A' }, { branch: '0001', account: 'B' }, { branch: '0002', account: 'C' }]);
    const { outcomes } = await createLedgerEngine({ database: db.database, rules: ledgerRules(), now }).applyBatch(postings);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([...Array(7).fill('posted'), 'rejected']);
    api = await createTestApp(db.database);
  });
  afterAll(() => db.drop());

  const get = (path: string) => request(api.app).get(path).set('authorization', api.auth.reader);

  test('a posted transaction answers with every field, amounts as decimal strings', async () => {
    const posted = postings[3]!;
    const response = await get(`/v1/transactions/${posted.id}`).expect(200);
    expect(response.body).toEqual({
      id: posted.id, status: 'posted', reason: null, branch: '0001', account: 'B', amount: '7.50', debitCredit: 'C',
      eventCode: 494, description: null, details: { channel: 'pix' }, dateRef: '2026-11-21', traceKey: posted.traceKey,
      seq: expect.stringMatching(/^\d+$/), processedAt: expect.any(String), producer: null,
      reverses: null, reversedAmount: '0.00', reversals: [],
    });
  });

  test('a rejected posting answers with status rejected and its reason code', async () => {
    const response = await get(`/v1/transactions/${rejected.id}`).expect(200);
    expect(response.body).toMatchObject({ id: rejected.id, status: 'rejected', reason: 'event_not_found', amount: '9.99', seq: null });
  });

  test('an unknown id is 404 not_found, a malformed one 400 query_invalid', async () => {
    expect((await get(`/v1/transactions/${crypto.randomUUID()}`).expect(404)).body.code).toBe('not_found');
    const malformed = await get('/v1/transactions/not-a-uuid').expect(400);
    expect(malformed.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(malformed.body).toEqual({
      type: 'https://flow.dev/problems/query_invalid', title: expect.any(String), status: 400, detail: '1 parameter problem; see errors.',
      instance: `urn:flow:request:${malformed.headers['x-request-id']}`, code: 'query_invalid', message: expect.any(String),
      errors: [{ pointer: '/path/id', code: 'value_invalid', message: 'must be a UUID' }], errorsTotal: 1,
    });
  });

  test('search by producer: only what that producer posted; a bad producer is 400', async () => {
    expect((await get('/v1/transactions?producer=bank-nobody').expect(200)).body.items).toEqual([]);
    const bad = await get(`/v1/transactions?producer=${'x'.repeat(201)}`).expect(400);
    expect(bad.body.errors).toEqual([{ pointer: '/query/producer', code: 'value_invalid', message: 'must be 1 to 200 characters' }]);
  });

  test('search applies every filter', async () => {
    const amounts = async (query: string) => (await get(`/v1/transactions?${query}`).expect(200)).body.items.map((item: { amount: string }) => item.amount);
    expect(await amounts('branch=0001&account=A')).toEqual(['100.00', '30.00', '5.00', '0.01', '2.00']);
    expect(await amounts(`traceKey=${traceKey}`)).toEqual(['100.00', '30.00']);
    expect(await amounts(`eventCode=${fixtureEvents.debitOnly}`)).toEqual(['5.00']);
    // Within a day the order is the engine's insertion order (seq), so compare the day's set.
    expect((await amounts('from=2026-11-21&to=2026-11-22')).slice(0, 3).sort()).toEqual(['30.00', '5.00', '7.50']);
    expect((await amounts('from=2026-11-21&to=2026-11-22')).slice(3).sort()).toEqual(['0.01', '1.00']);
    expect(await amounts('branch=0002&from=2026-11-23')).toEqual([]);
  });

  test('status=rejected finds rejections with their reason; status=all finds every posting of a trace key', async () => {
    const late = makePosting({ branch: '0001', account: 'A', dateRef: '2026-11-20', amount: '3.00', eventCode: fixtureEvents.inactive, traceKey });
    const early = makePosting({ branch: '0001', account: 'A', dateRef: '2026-10-01', amount: '4.00', traceKey });
    await createLedgerEngine({ database: db.database, rules: ledgerRules(), now }).applyBatch([late, early]);
    const search = async (query: string) => (await get(`/v1/transactions?${query}`).expect(200)).body.items as
      { id: string; status: string; reason: string | null; amount: string; seq: string | null; eventCode: number }[];
    const byTrace = await search(`traceKey=${traceKey}&status=all`);
    expect(byTrace.map((item) => [item.amount, item.status, item.reason])).toEqual([
      ['4.00', 'rejected', 'date_ref_outside_window'],
      ['100.00', 'posted', null],
      ['3.00', 'rejected', 'event_inactive'],
      ['30.00', 'posted', null],
    ]);
    expect((await search(`traceKey=${traceKey}`)).map((item) => item.amount)).toEqual(['100.00', '30.00']);
    expect((await search(`traceKey=${traceKey}&status=posted`)).map((item) => item.amount)).toEqual(['100.00', '30.00']);
    const rejections = await search('status=rejected&branch=0001');
    expect(rejections.map((item) => [item.amount, item.reason, item.seq])).toEqual([
      ['4.00', 'date_ref_outside_window', null], ['3.00', 'event_inactive', null], ['9.99', 'event_not_found', null],
    ]);
    expect((await search(`status=rejected&eventCode=999`)).map((item) => item.id)).toEqual([rejected.id]);
    expect((await search('status=rejected&from=2026-11-21&to=2026-11-21')).map((item) => item.eventCode)).toEqual([999]);
    expect(await search('status=rejected&branch=0002')).toEqual([]);
    // Walked one item a page, status=all gives the same items in the same order.
    const whole = await search('status=all&branch=0001&account=A');
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: { items: { id: string }[]; nextCursor: string | null } = (await get(`/v1/transactions?status=all&branch=0001&account=A&limit=1${query}`).expect(200)).body;
      walked.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(walked).toEqual(whole.map((item) => item.id));
    expect(whole).toHaveLength(8);
    const bad = await get('/v1/transactions?status=pending').expect(400);
    expect(bad.body.code).toBe('query_invalid');
    expect(bad.body.errors).toEqual([{ pointer: '/query/status', code: 'value_invalid', message: 'must be one of: posted, rejected, all' }]);
  });

  test('a cursor walk returns every item exactly once, in statement order', async () => {
    const whole = (await get('/v1/transactions?branch=0001').expect(200)).body;
    expect(whole.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: { items: { id: string }[]; nextCursor: string | null } = (await get(`/v1/transactions?branch=0001&limit=2${query}`).expect(200)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(whole.items.map((item: { id: string }) => item.id));
  });

  test('bad filters are one 400 query_invalid naming each parameter', async () => {
    const response = await get('/v1/transactions?from=2026-02-30&traceKey=x&eventCode=0&limit=501&color=red').expect(400);
    expect(response.body.code).toBe('query_invalid');
    expect(response.body.errors.map((error: { pointer: string }) => error.pointer).sort())
      .toEqual(['/query/color', '/query/eventCode', '/query/from', '/query/limit', '/query/traceKey']);
    expect(response.body.errors.find((error: { pointer: string }) => error.pointer === '/query/color').code).toBe('field_unknown');
  });

  test('a damaged cursor, or one from another list, is 400 cursor_invalid', async () => {
    expect((await get('/v1/transactions?cursor=garbage').expect(400)).body.code).toBe('cursor_invalid');
    const statement = await get('/v1/accounts/0001/A/statement?from=2026-11-20&to=2026-11-24&limit=1').expect(200);
    const foreign = await get(`/v1/transactions?cursor=${statement.body.nextCursor}`).expect(400);
    expect(foreign.body.code).toBe('cursor_invalid');
  });

  // Last: it adds entries to account A that the searches above do not expect.
  test('an original shows what its reversals add up to and their ids; a reversal names its original', async () => {
    const original = postings[0]!;
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    const reversals = [
      makePosting({ account: 'A', dateRef: '2026-11-23', amount: '40.00', debitCredit: 'D', reverses: original.id }),
      makePosting({ account: 'A', dateRef: '2026-11-22', amount: '60.00', debitCredit: 'D', reverses: original.id }),
      makePosting({ account: 'A', dateRef: '2026-11-24', amount: '0.01', debitCredit: 'D', reverses: original.id }),
    ];
    const { outcomes } = await engine.applyBatch(reversals);
    expect(outcomes.map((outcome) => outcome.reason)).toEqual([null, null, 'reversal_exceeds_remainder']);
    const body = (await get(`/v1/transactions/${original.id}`).expect(200)).body;
    // In statement order: by date, then insertion.
    expect(body).toMatchObject({ id: original.id, reverses: null, reversedAmount: '100.00', reversals: [reversals[1]!.id, reversals[0]!.id] });
    expect((await get(`/v1/transactions/${reversals[0]!.id}`).expect(200)).body).toMatchObject({ reverses: original.id, reversals: [] });
    expect((await get(`/v1/transactions/${reversals[2]!.id}`).expect(200)).body)
      .toMatchObject({ status: 'rejected', reason: 'reversal_exceeds_remainder', reverses: original.id });
  });
});
