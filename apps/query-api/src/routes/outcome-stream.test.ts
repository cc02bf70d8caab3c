// The live outcomes stream through real HTTP on every database target: it starts at the newest
// outcome, sends each new batch's outcomes (posted ones with their amount, rejected ones with
// their reason) as `event: outcome`, only of the token's branches, resumes after Last-Event-ID,
// and refuses bad input with a 4xx. Also `GET /v1/operations`, the console's operations figures,
// with the worker's readiness asked of a real health router.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import { createAccount, createLedgerEngine, ledgerRules, type LedgerEngine } from '@flow/ledger-core';
import { databaseTargets, faultyDatabase, freePortOnLoopback, makePosting, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { closeServer, createAuthenticator, createLogger, healthRoutes, signEmbeddedToken } from '@flow/service-kit';
import express from 'express';
import { createQueryApiApp } from '../app.ts';
import request from 'supertest';
import { createTestApp, testSecret, type TestApp } from '../testing.ts';

const now = () => new Date('2026-11-24T15:00:00Z');
const today = '2026-11-24';

interface StreamEvent { readonly name: string; readonly id: string | undefined; readonly data: Record<string, unknown> }

/** Reads events from the stream until `count` outcome events came or `waitMs` passed, then closes it. */
async function readEvents(url: string, token: string, count: number, waitMs: number, lastEventId?: string): Promise<StreamEvent[]> {
  const controller = new AbortController();
  const events: StreamEvent[] = [];
  const timer = setTimeout(() => controller.abort(), waitMs);
  try {
    const response = await fetch(url, {
      headers: { authorization: token, accept: 'text/event-stream, application/json;q=0.1', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    let buffer = '';
    for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const data = block.find((line) => line.startsWith('data: '));
        if (data === undefined) continue;
        events.push({ name: block.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message',
          id: block.find((line) => line.startsWith('id: '))?.slice(4), data: JSON.parse(data.slice(6)) });
      }
      if (events.length >= count) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe.each(databaseTargets())('outcome stream and operations on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;
  let engine: LedgerEngine;
  let server: Server;
  let url: string;
  const branchToken = (branches: string[]) => signEmbeddedToken({ secret: testSecret, scopes: ['flow:read'], branches }).then((token) => `Bearer ${token}`);

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: '100001' }]);
    await createAccount(db.database, { branch: '0002', account: '200002', status: 'active', holderName: null });
    engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    await engine.applyBatch([makePosting({ dateRef: today, amount: '1.00' })]);
    api = await createTestApp(db.database);
    server = api.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/outcomes/stream`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.drop();
  });

  test('sends the outcomes decided after it opened, posted with amount and side, rejected with reason', async () => {
    const reading = readEvents(url, api.auth.reader, 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const posted = makePosting({ dateRef: today, amount: '12.34', debitCredit: 'D' });
    const rejected = makePosting({ dateRef: today, amount: '5.00', eventCode: 999_999 });
    await engine.applyBatch([posted, rejected]);
    const events = await reading;
    expect(events.map((event) => event.name)).toEqual(['outcome', 'outcome']);
    const byId = new Map(events.map((event) => [event.data.id, event.data]));
    expect(byId.get(posted.id)).toMatchObject({ status: 'posted', reason: null, branch: '0001', account: '100001', amount: '12.34', debitCredit: 'D', replay: false });
    expect(byId.get(rejected.id)).toMatchObject({ status: 'rejected', reason: 'event_not_found', amount: '5.00', debitCredit: 'C' });
    expect(events[0]!.id).toMatch(/^\d+$/);
  });

  test('skips outbox rows of another kind (balance changes, say) and goes on', async () => {
    const reading = readEvents(url, api.auth.reader, 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db.database.query('insert into flow.outbox (outcomes, outcome_count) values ($1::json, 1)', ['{"kind":"flow.balance-changes","changes":[]}']);
    await db.database.query('insert into flow.outbox (outcomes, outcome_count) values ($1::json, 1)', ['[{"kind":"flow.balance-changes"}]']);
    const after = makePosting({ dateRef: today, amount: '6.00' });
    await engine.applyBatch([after]);
    expect((await reading).map((event) => event.data.id)).toEqual([after.id]);
  });

  test('a token of another branch gets only its branch\'s outcomes', async () => {
    const reading = readEvents(url, await branchToken(['0002']), 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await engine.applyBatch([makePosting({ dateRef: today })]);
    const visible = makePosting({ branch: '0002', account: '200002', dateRef: today, amount: '2.00' });
    await engine.applyBatch([visible]);
    const events = await reading;
    expect(events.map((event) => [event.data.id, event.data.branch])).toEqual([[visible.id, '0002']]);
  });

  test('resumes after Last-Event-ID with the batches it missed', async () => {
    const first = makePosting({ dateRef: today, amount: '3.00' });
    await engine.applyBatch([first]);
    const [seen] = await readEvents(url, api.auth.reader, 1, 5_000, '0');
    expect(seen).toBeDefined();
    const missed = makePosting({ dateRef: today, amount: '4.00' });
    const { outboxId } = (await engine.applyBatch([missed])).outboxRows[0]!;
    const events = await readEvents(url, api.auth.reader, 1, 5_000, String(BigInt(outboxId) - 1n));
    expect(events.map((event) => event.data.id)).toEqual([missed.id]);
  });

  test.each([
    ['no token', {}, 401, 'unauthorized'],
    ['a token of no branch', { branches: [] as string[] }, 403, 'branch_forbidden'],
    ['a bad Last-Event-ID', { lastEventId: 'x1' }, 400, 'query_invalid'],
    ['an unknown parameter', { query: '?from=2026-11-24' }, 400, 'query_invalid'],
    ['an Accept without JSON', { accept: 'text/event-stream' }, 406, 'not_acceptable'],
  ] as const)('refuses %s', async (_case, input, status, code) => {
    const inputs = input as { branches?: string[]; lastEventId?: string; query?: string; accept?: string };
    const call = request(api.app).get(`/v1/outcomes/stream${inputs.query ?? ''}`).set('accept', inputs.accept ?? 'text/event-stream, application/json;q=0.1');
    if (status !== 401) call.set('authorization', inputs.branches ? await branchToken(inputs.branches) : api.auth.reader);
    if (inputs.lastEventId) call.set('last-event-id', inputs.lastEventId);
    const response = await call;
    expect([response.status, response.body.code]).toEqual([status, code]);
    if (inputs.lastEventId) expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/header/Last-Event-ID', code: 'value_invalid' })]);
  });

  test('a stopping server ends its open streams instead of waiting for them', async () => {
    const stopping = api.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => stopping.once('listening', resolve));
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${(stopping.address() as AddressInfo).port}/v1/outcomes/stream`, {
      headers: { authorization: api.auth.reader, accept: 'text/event-stream, application/json;q=0.1' }, signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const body = response.text();
    await closeServer(stopping);
    expect(await body).toMatch(/^retry: /);
  }, 20_000);

  test('a database lost mid-stream ends the stream; reconnecting then is a 503, never a hang', async () => {
    const faulty = faultyDatabase(db.database);
    const app = createQueryApiApp({
      readDatabase: faulty.database, primaryDatabase: faulty.database, authenticator: createAuthenticator({ mode: 'embedded', secret: testSecret }),
      logger: createLogger({ service: 'flow-query-api', level: 'error', stream: new PassThrough() }),
    });
    const lossy = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => lossy.once('listening', resolve));
    try {
      const streamUrl = `http://127.0.0.1:${(lossy.address() as AddressInfo).port}/v1/outcomes/stream`;
      const headers = { authorization: api.auth.reader, accept: 'text/event-stream, application/json;q=0.1' };
      const response = await fetch(streamUrl, { headers });
      expect(response.status).toBe(200);
      const body = response.text();
      faulty.failWith('ECONNREFUSED');
      expect(await body).toMatch(/^retry: /);
      const again = await fetch(streamUrl, { headers });
      expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([503, 'database_unavailable']);
    } finally {
      lossy.closeAllConnections();
      await closeServer(lossy);
    }
  }, 20_000);

  test('operations: admin only, with the outbox backlog and the last batch', async () => {
    await request(api.app).get('/v1/operations').set('authorization', api.auth.reader).expect(403);
    const response = await request(api.app).get('/v1/operations').set('authorization', api.auth.admin).expect(200);
    expect(response.body).toMatchObject({ queues: null, lastReconciliation: null, worker: null });
    expect(response.body.outbox.unsent).toBeGreaterThan(0);
    expect(response.body.outbox.oldestUnsentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(response.body.outbox.lastBatchAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test('operations: the last finished reconciliation run, not one still running', async () => {
    await db.database.query(`insert into flow.reconciliation_run (started_at, finished_at, accounts_checked, differences, status)
      values ('2026-12-01T03:00:00Z', '2026-12-01T03:00:05Z', 12, 2, 'differences'), (now(), null, 0, 0, 'running')`);
    const response = await request(api.app).get('/v1/operations').set('authorization', api.auth.admin).expect(200);
    expect(response.body.lastReconciliation).toEqual({ finishedAt: '2026-12-01T03:00:05.000Z', status: 'differences', accountsChecked: 12, differences: 2 });
  });

  test('operations: the queue gauges the worker publishes on its /metrics', async () => {
    const metricsText = [
      '# TYPE flow_queue_messages gauge', 'flow_queue_messages{queue="flow-transaction"} 7', 'flow_queue_messages{queue="flow-transaction-dlq"} 1',
      'flow_queue_oldest_message_age_seconds{queue="flow-transaction"} 2.5', 'flow_queue_oldest_message_age_seconds{queue="flow-transaction-dlq"} 90',
    ].join('\n');
    const worker = express().get('/metrics', (_request, answer) => void answer.type('text/plain').send(metricsText))
      .use(healthRoutes([{ name: 'database', check: async () => undefined }]));
    const health = worker.listen(0, '127.0.0.1');
    await new Promise((resolve) => health.once('listening', resolve));
    try {
      const app = appWithWorker(`http://127.0.0.1:${(health.address() as AddressInfo).port}`);
      const response = await request(app).get('/v1/operations').set('authorization', api.auth.admin).expect(200);
      expect(response.body.queues).toEqual({
        'flow-transaction': { messages: 7, oldestAgeSeconds: 2.5 }, 'flow-transaction-dlq': { messages: 1, oldestAgeSeconds: 90 },
      });
    } finally {
      await closeServer(health);
    }
  });

  test.each([
    ['ready', true, 'ok', { database: 'ok' }],
    ['not ready', false, 'unavailable', { database: 'unavailable' }],
  ] as const)('operations: a worker that is %s', async (_case, ready, status, checks) => {
    const worker = express().use(healthRoutes([{ name: 'database', check: async () => { if (!ready) throw new Error('down'); } }]));
    const health = worker.listen(0, '127.0.0.1');
    await new Promise((resolve) => health.once('listening', resolve));
    try {
      const app = appWithWorker(`http://127.0.0.1:${(health.address() as AddressInfo).port}`);
      const response = await request(app).get('/v1/operations').set('authorization', api.auth.admin).expect(200);
      expect(response.body.worker).toEqual({ status, checks });
    } finally {
      await closeServer(health);
    }
  });

  test('operations: a worker that does not answer', async () => {
    const app = appWithWorker(`http://127.0.0.1:${await freePortOnLoopback()}`);
    const response = await request(app).get('/v1/operations').set('authorization', api.auth.admin).expect(200);
    expect(response.body.worker).toEqual({ status: 'unreachable', checks: {} });
    expect(response.body.queues).toBeNull();
  });

  function appWithWorker(workerHealthUrl: string) {
    return createQueryApiApp({
      readDatabase: db.database, primaryDatabase: db.database, authenticator: createAuthenticator({ mode: 'embedded', secret: testSecret }),
      logger: createLogger({ service: 'flow-query-api', level: 'error' }), workerHealthUrl,
    });
  }
});
