// With the database down, Flow keeps accepting: ingest never touches the database, so it still
// answers 202, and the accepted postings wait in the queue. When the database returns, the
// worker drains the backlog and every accepted posting has exactly one outcome (I1, I4), none
// of them parked in the dead-letter queue. On PostgreSQL the stack reaches the server through
// a TCP proxy the test cuts while batches are in flight (real lost connections, mid-batch and
// at commit included); PGlite is in-process, so there a fault injected around the real database
// fails every call the way a lost connection does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessDate, migrate, openPglite, reconcileBalances, type Database } from '@flow/ledger-core';
import { databaseTargets, faultyDatabase, type TestDatabase } from '@flow/ledger-core/testing';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { byId, call, collectOutcomes, queueDepth, tokenFor } from './testing/e2e-client.ts';
import { waitFor } from '@flow/service-kit/testing';
import { startTcpProxy } from './testing/tcp-proxy.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const requestsInFlight = 10;
const requestsWhileDown = 20;
const postingsPerRequest = 10;

/** Longest wait for a state (a queue drained, a probe answering) before the test fails. */
const stateDeadlineMs = 30_000;

describe.each(databaseTargets())('database down on $name', (target) => {
  let dataDir: string;
  let testDatabase: TestDatabase | undefined;
  let real: Database;
  let outage: { down(): void; up(): void; close(): Promise<void> };
  let stack: LocalStack;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-db-down-'));
    let through: { database: Database } | { databaseUrl: string };
    if (target.name === 'postgres') {
      testDatabase = await target.create();
      real = testDatabase.database;
      const url = new URL(testDatabase.url!);
      const proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
      url.host = `127.0.0.1:${proxy.port}`;
      through = { databaseUrl: url.toString() };
      outage = { down: () => proxy.cut(), up: () => proxy.restore(), close: () => proxy.close() };
    } else {
      real = await openPglite({ dataDir: join(dataDir, 'pglite') });
      await migrate(real);
      const faulty = faultyDatabase(real);
      through = { database: faulty.database };
      outage = { down: () => faulty.failWith('ECONNREFUSED'), up: () => faulty.failWith(null), close: async () => {} };
    }
    stack = await startLocalStack({
      dataDir,
      ...freePortsOnLoopback,
      seedDemo: true,
      ...through,
      // Failed batches come back soon instead of after the default minute.
      visibilityTimeoutSeconds: 2,
      environment: { FLOW_LOG_LEVEL: 'error' },
    });
    token = await tokenFor(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await outage?.close();
    if (testDatabase !== undefined) await testDatabase.drop();
    else await real?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('ingest answers 202 while the database is down; the backlog drains once it returns', async () => {
    const warmUp = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: posting('0.01') });
    await collectOutcomes(stack, [(warmUp.body as { id: string }).id]);

    // Batches in flight when the database goes: the cut lands mid-batch or at commit.
    const ids: string[] = [];
    const inFlight = await Promise.all(Array.from({ length: requestsInFlight }, (_, request) =>
      call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: batchOf(100 + request) })));
    for (const accepted of inFlight) ids.push(...acceptedIds(accepted));
    outage.down();
    for (let request = 0; request < requestsWhileDown; request++) {
      const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: batchOf(request + 1) });
      expect(accepted.status).toBe(202);
      ids.push(...acceptedIds(accepted));
    }
    await waitFor(async () => (await fetch(`${stack.workerHealthUrl}/health/ready`)).status === 503, stateDeadlineMs);

    outage.up();
    const outcomes = byId(await collectOutcomes(stack, ids, 120_000));
    for (const id of ids) expect(outcomes.get(id)?.[0]?.status).toBe('posted');
    const { rows } = await real.query<{ id: string; status: string }>(
      'select id::text, status from flow.posting where id = any($1::uuid[])',
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    const { rows: transactions } = await real.query<{ count: string }>(
      'select count(*)::text as count from flow.transaction where id = any($1::uuid[])',
      [ids],
    );
    expect(Number(transactions[0]!.count)).toBe(ids.length);
    expect(await reconcileBalances(real)).toEqual([]);
    expect(await queueDepth(stack, stack.broker.deadLetterQueueUrl)).toBe(0);
    await waitFor(async () => (await fetch(`${stack.workerHealthUrl}/health/ready`)).status === 200, stateDeadlineMs);
  });
});

function batchOf(units: number) {
  return { transactions: Array.from({ length: postingsPerRequest }, (_, index) => posting(`${units}.${String(index).padStart(2, '0')}`)) };
}

function acceptedIds(answer: { status: number; body: unknown }): string[] {
  expect(answer.status).toBe(202);
  return (answer.body as { transactions: { id: string }[] }).transactions.map((item) => item.id);
}

function posting(amount: string) {
  return { branch: demoBranch, account: demoAccount, amount, debitCredit: 'C', eventCode: demoEventCode, dateRef: today };
}
