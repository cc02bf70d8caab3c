// The catalog admin over HTTP: events, branches and accounts listed, read, created (201, 409 when
// they exist), updated, with per-field 400s; accounts only in an active branch; admin scope only.
import { databaseTargets, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import request from 'supertest';
import { createTestApp, type TestApp } from '../testing.ts';

describe.each(databaseTargets())('catalog routes on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
    api = await createTestApp(db.database);
  });
  afterAll(() => db.drop());

  const admin = (method: 'get' | 'post' | 'patch', path: string) => request(api.app)[method](path).set('authorization', api.auth.admin);

  test('an event is created, read, listed and updated', async () => {
    const created = await admin('post', '/v1/events').send({ code: 777, description: 'Pix recebido', allowDebit: false, allowCredit: true }).expect(201);
    expect(created.headers.location).toBe('/v1/events/777');
    expect(created.body).toMatchObject({ code: 777, description: 'Pix recebido', active: true, allowDebit: false, allowCredit: true });
    expect((await admin('get', '/v1/events/777').expect(200)).body).toEqual(created.body);
    const updated = await admin('patch', '/v1/events/777').send({ active: false, description: 'Pix recebido (antigo)' }).expect(200);
    expect(updated.body).toMatchObject({ code: 777, active: false, description: 'Pix recebido (antigo)', allowCredit: true });
    const codes = (await admin('get', '/v1/events').expect(200)).body.items.map((event: { code: number }) => event.code);
    expect(codes).toEqual([100, 200, 300, 494, 777]);
  });

  test('the event list pages with a cursor', async () => {
    const first = (await admin('get', '/v1/events?limit=3').expect(200)).body;
    expect(first.items.map((event: { code: number }) => event.code)).toEqual([100, 200, 300]);
    const second = (await admin('get', `/v1/events?limit=3&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.items.map((event: { code: number }) => event.code)).toEqual([494, 777]);
    expect(second.nextCursor).toBeNull();
    const accountsCursor = (await admin('get', '/v1/accounts?limit=1').expect(200)).body.nextCursor;
    expect((await admin('get', `/v1/events?cursor=${accountsCursor}`).expect(400)).body.code).toBe('cursor_invalid');
  });

  test('an existing event code is 409, bad fields are 400 with one error per field', async () => {
    expect((await admin('post', '/v1/events').send({ code: 494, description: 'Again', allowDebit: true, allowCredit: true }).expect(409)).body)
      .toMatchObject({ code: 'conflict', details: { code: 494 } });
    const invalid = await admin('post', '/v1/events').send({ code: 0, description: '', allowDebit: 'yes', colour: 'red' }).expect(400);
    expect(invalid.body.code).toBe('validation_failed');
    expect(invalid.body.errors.map((error: { pointer: string }) => error.pointer).sort())
      .toEqual(['/allowCredit', '/allowDebit', '/code', '/colour', '/description']);
    expect(invalid.body.errorsTotal).toBe(5);
    expect((await admin('patch', '/v1/events/494').send({}).expect(400)).body.errors)
      .toEqual([{ pointer: '', code: 'field_required', message: 'give at least one of description, active, allowDebit, allowCredit' }]);
    const notJson = await admin('post', '/v1/events').set('content-type', 'application/json').send('{"code":').expect(400);
    expect(notJson.body.code).toBe('validation_failed');
    await admin('get', '/v1/events/999999').expect(404);
    await admin('patch', '/v1/events/999999').send({ active: true }).expect(404);
    expect((await admin('get', '/v1/events/abc').expect(400)).body.code).toBe('query_invalid');
  });

  test('an account is registered, read, listed by branch and blocked', async () => {
    const created = await admin('post', '/v1/accounts').send({ branch: '0001', account: 'VIRT', holderName: 'Maria Silva' }).expect(201);
    expect(created.body).toMatchObject({ branch: '0001', account: 'VIRT', status: 'active', holderName: 'Maria Silva' });
    await admin('post', '/v1/accounts').send({ branch: '0002', account: '123456', status: 'blocked' }).expect(201);
    expect((await admin('get', '/v1/accounts/0001/VIRT').expect(200)).body).toEqual(created.body);
    const blocked = await admin('patch', '/v1/accounts/0001/VIRT').send({ status: 'blocked', holderName: null }).expect(200);
    expect(blocked.body).toMatchObject({ status: 'blocked', holderName: null });
    expect((await admin('get', '/v1/accounts?branch=0002').expect(200)).body.items.map((account: { account: string }) => account.account)).toEqual(['123456']);
    const first = (await admin('get', '/v1/accounts?limit=1').expect(200)).body;
    const second = (await admin('get', `/v1/accounts?limit=1&cursor=${first.nextCursor}`).expect(200)).body;
    expect([...first.items, ...second.items].map((account: { branch: string }) => account.branch)).toEqual(['0001', '0002']);
    expect(second.nextCursor).toBeNull();
  });

  test('an existing account is 409, bad fields and unknown accounts are 400 and 404', async () => {
    await admin('post', '/v1/accounts').send({ branch: '0001', account: 'VIRT' }).expect(409);
    const invalid = await admin('post', '/v1/accounts').send({ branch: 'a-b', status: 'frozen', holderName: 'x'.repeat(201) }).expect(400);
    expect(invalid.body.errors).toEqual([
      { pointer: '/branch', code: 'value_invalid', message: 'must be 1 to 10 letters or digits' },
      { pointer: '/account', code: 'field_required', message: 'required' },
      { pointer: '/status', code: 'value_invalid', message: 'must be one of: active, blocked, closed' },
      { pointer: '/holderName', code: 'value_invalid', message: 'must be null or a string of at most 200 characters' },
    ]);
    expect((await admin('post', '/v1/accounts').send([1, 2]).expect(400)).body.errors[0])
      .toEqual({ pointer: '', code: 'body_invalid', message: 'the body must be a JSON object' });
    await admin('get', '/v1/accounts/0001/NOPE').expect(404);
    await admin('patch', '/v1/accounts/0001/NOPE').send({ status: 'closed' }).expect(404);
  });

  test('a branch is registered, read, listed, renamed and closed; a closed or unknown branch takes no account', async () => {
    const created = await admin('post', '/v1/branches').send({ code: '0042', name: 'Agência Centro' }).expect(201);
    expect(created.headers.location).toBe('/v1/branches/0042');
    expect(created.body).toEqual({ code: '0042', name: 'Agência Centro', status: 'active', createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect((await admin('get', '/v1/branches/0042').expect(200)).body).toEqual(created.body);
    await admin('post', '/v1/accounts').send({ branch: '0042', account: 'A1' }).expect(201);
    const closed = await admin('patch', '/v1/branches/0042').send({ status: 'closed', name: 'Centro (fechada)' }).expect(200);
    expect(closed.body).toMatchObject({ code: '0042', status: 'closed', name: 'Centro (fechada)' });
    const intoClosed = await admin('post', '/v1/accounts').send({ branch: '0042', account: 'A2' });
    expect([intoClosed.status, intoClosed.body.code]).toEqual([422, 'branch_not_registered']);
    const intoUnknown = await admin('post', '/v1/accounts').send({ branch: '9999', account: 'A1' });
    expect([intoUnknown.status, intoUnknown.body.code]).toEqual([422, 'branch_not_registered']);
    // Its accounts stay.
    await admin('get', '/v1/accounts/0042/A1').expect(200);
    const first = (await admin('get', '/v1/branches?limit=2').expect(200)).body;
    expect(first.items.map((branch: { code: string }) => branch.code)).toEqual(['0001', '0002']);
    const second = (await admin('get', `/v1/branches?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.items.map((branch: { code: string }) => branch.code)).toEqual(['0042']);
  });

  test('an existing branch is 409, bad fields are 400, unknown branches 404', async () => {
    expect((await admin('post', '/v1/branches').send({ code: '0001', name: 'Again' }).expect(409)).body.code).toBe('conflict');
    const invalid = await admin('post', '/v1/branches').send({ code: '00-1', name: '', status: 'frozen', city: 'Rio' }).expect(400);
    expect(invalid.body.code).toBe('validation_failed');
    expect((await admin('patch', '/v1/branches/0001').send({}).expect(400)).body.code).toBe('validation_failed');
    expect((await admin('patch', '/v1/branches/0001').send({ status: 'blocked' }).expect(400)).body.code).toBe('validation_failed');
    expect((await admin('get', '/v1/branches/7777').expect(404)).body.code).toBe('not_found');
    expect((await admin('patch', '/v1/branches/7777').send({ status: 'closed' }).expect(404)).body.code).toBe('not_found');
    expect((await admin('get', '/v1/branches/a-b').expect(400)).body.code).toBe('query_invalid');
    await request(api.app).get('/v1/branches').set('authorization', api.auth.reader).expect(403);
  });

  test('the catalog needs the admin scope: 401 without a token, 403 with a read token', async () => {
    expect((await request(api.app).get('/v1/events').expect(401)).body.code).toBe('unauthorized');
    // The token is checked before the body is read: an anonymous malformed body is a 401, not a 400.
    const anonymous = await request(api.app).post('/v1/events').set('content-type', 'application/json').send('{"code":');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthorized']);
    const forbidden = await request(api.app).post('/v1/accounts').set('authorization', api.auth.reader).send({ branch: '1', account: '2' }).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'forbidden', details: { requiredScope: 'flow:admin' } });
    await request(api.app).get('/v1/accounts/0001/VIRT').set('authorization', api.auth.reader).expect(403);
    await request(api.app).get('/v1/transactions').set('authorization', api.auth.admin).expect(403);
  });
});
