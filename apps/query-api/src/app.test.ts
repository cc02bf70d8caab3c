// The app as a whole: tokens and scopes, unknown routes, health, the OpenAPI document against
// the routes actually registered, and a database that cannot be reached (503, never a stack).
import { buildOpenApiDocument } from '@flow/contracts';
import { connectPostgres, openPglite, pageLimitDefault, pageLimitMax } from '@flow/ledger-core';
import { databaseTargets, type TestDatabase } from '@flow/ledger-core/testing';
import type { Express } from 'express';
import request from 'supertest';
import { dateRangeDaysMax } from './limits.ts';
import { createTestApp, type TestApp } from './testing.ts';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every "METHOD /path" the app registers, path parameters written the OpenAPI way. */
function registeredRoutes(app: Express): string[] {
  const walk = (stack: RouterLayer[]): string[] => stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
    }
    return layer.handle?.stack === undefined ? [] : walk(layer.handle.stack);
  });
  return walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
}

const document = buildOpenApiDocument('query-api');
type DocumentedParameter = { name: string; schema: { maximum?: number; default?: number }; description: string };
const documentedPaths = document.paths as Record<string, Record<string, { parameters?: DocumentedParameter[] }>>;
/** The document's own routes describe the document; they are not part of it. */
// The console's pages (routes/console.ts) are a web page, not API operations.
const selfDescribing = ['GET /openapi.json', 'GET /console', 'GET /console/settings.json', 'GET /console/vendor/{file}'];

describe.each(databaseTargets())('query API app on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await target.create();
    api = await createTestApp(db.database);
  });
  afterAll(() => db.drop());

  test('a read route needs a valid token with flow:read', async () => {
    expect((await request(api.app).get('/v1/transactions').expect(401)).body).toMatchObject({ code: 'unauthorized', details: { reason: 'token_missing' } });
    await request(api.app).get('/v1/transactions').set('authorization', 'Bearer not.a.token').expect(401);
    expect((await request(api.app).get('/v1/reports/daily?date=2026-11-24').set('authorization', api.auth.poster).expect(403)).body)
      .toMatchObject({ code: 'forbidden', details: { requiredScope: 'flow:read' } });
    await request(api.app).get('/v1/reports/daily?date=2026-11-24').set('authorization', api.auth.reader).expect(200);
  });

  test('an unknown route is a problem+json 404 with a request id', async () => {
    const response = await request(api.app).get('/v1/nothing-here').set('x-request-id', 'probe-1').expect(404);
    expect(response.body).toEqual({
      type: 'https://flow.dev/problems/not_found', title: 'Not found.', status: 404, detail: 'Not found.',
      instance: 'urn:flow:request:probe-1', code: 'not_found', message: 'Not found.',
    });
    expect(response.headers['x-request-id']).toBe('probe-1');
  });

  test('health answers without a token; ready runs select 1 on the read database', async () => {
    expect((await request(api.app).get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(api.app).get('/health/ready').expect(200)).body).toEqual({ status: 'ok', checks: { readDatabase: 'ok', schema: 'ok' } });
  });

  test('/openapi.json and /docs answer', async () => {
    expect((await request(api.app).get('/openapi.json').expect(200)).body).toEqual(JSON.parse(JSON.stringify(document)));
    expect((await request(api.app).get('/docs/').expect(200)).text).toContain('swagger-ui');
  });
});

describe('the OpenAPI document and the app agree', () => {
  let api: TestApp;
  let closeDatabase: () => Promise<void>;

  beforeAll(async () => {
    const database = await openPglite();
    closeDatabase = () => database.close();
    api = await createTestApp(database);
  });
  afterAll(() => closeDatabase());

  test('every registered route is documented and every documented operation is registered', () => {
    const registered = registeredRoutes(api.queryApi).filter((route) => !selfDescribing.includes(route));
    const documented = Object.entries(documentedPaths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(registered.length).toBeGreaterThanOrEqual(16);
    expect([...registered].sort()).toEqual([...documented].sort());
  });

  test('the documented bounds are the ones the app enforces', () => {
    const limit = documentedPaths['/v1/transactions']!.get!.parameters!.find((parameter) => parameter.name === 'limit')!;
    expect([limit.schema.maximum, limit.schema.default]).toEqual([pageLimitMax, pageLimitDefault]);
    const from = documentedPaths['/v1/accounts/{branch}/{account}/statement']!.get!.parameters!.find((parameter) => parameter.name === 'from')!;
    expect(from.description).toContain(`at most ${dateRangeDaysMax} days`);
  });
});

describe('a database that cannot be reached', () => {
  test('a closed database is 503 database_unavailable, logged, never a stack trace', async () => {
    const database = await openPglite();
    const api = await createTestApp(database);
    await database.close();
    const response = await request(api.app).get('/v1/transactions?branch=0001').set('authorization', api.auth.reader).expect(503);
    expect(response.body).toMatchObject({ code: 'database_unavailable', status: 503, details: { traceId: response.headers['x-request-id'] } });
    expect(response.body.instance).toBe(`urn:flow:request:${response.headers['x-request-id']}`);
    expect(response.headers['retry-after']).toBe('5');
    expect(JSON.stringify(response.body)).not.toMatch(/PGlite|at .*\.ts/);
    expect(api.logLines()).toContainEqual(expect.objectContaining({
      code: 'request_failed', level: 'error', reason: 'database_unavailable', requestId: response.headers['x-request-id'],
    }));
    expect((await request(api.app).get('/health/ready').expect(503)).body).toMatchObject({ status: 'unavailable' });
  });

  test('a pg pool whose server refuses connections is 503 on reads and catalog writes', async () => {
    const database = connectPostgres({ connectionString: 'postgres://flow@127.0.0.1:1/flow', poolSize: 1 });
    try {
      const api = await createTestApp(database);
      await request(api.app).get(`/v1/transactions/${crypto.randomUUID()}`).set('authorization', api.auth.reader).expect(503);
      const write = await request(api.app).post('/v1/events').set('authorization', api.auth.admin)
        .send({ code: 5, description: 'Saque', allowDebit: true, allowCredit: false }).expect(503);
      expect(write.body.code).toBe('database_unavailable');
    } finally {
      await database.close();
    }
  });
});
