// Crash safety (invariants I1, I2, I4, I5 under kill -9): a worker runs as a child process
// against a real database (the test's PostgreSQL database, or a PGlite data folder when no
// server is configured) and the local broker; the parent publishes a few thousand postings in
// many messages (some messages sent twice, some ids repeated across messages), SIGKILLs the
// child after its first committed batches, starts a new one and waits for the queue to drain.
// Then: one stored outcome per distinct id, balances reconcile, no outbox row left unsent, and
// every id reached the callback topic at least once. The kill is made to hit the window between
// commit and relay: the first child's outbox marks are held back (FLOW_TEST_WORKER_MARK_DELAY_MS),
// and the test checks that committed-but-unsent outbox rows existed before the restart, rows only
// the second worker's sweep can publish. On PostgreSQL the workers connect as a flow_worker
// login: the least-privilege role is enough for every path, the sweep and the partitions included.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Posting } from '@flow/contracts';
import { businessDate, countUnsentOutbox, migrate, openPglite, reconcileBalances, type Database } from '@flow/ledger-core';
import { createRoleLogin, makePosting, postgresTarget, seedCatalog, type RoleLogin, type TestDatabase } from '@flow/ledger-core/testing';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { brokerClient, waitFor, workerEnvironment, type BrokerClient } from './testing/broker-client.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const messagesCount = 120;
const postingsPerMessage = 30;
const resentMessagesCount = 15;
const batchesBeforeKill = 3;
const harness = join(import.meta.dirname, 'testing', 'worker-process.ts');
/** Longer than the first child lives: none of its outbox rows is marked sent before the kill. */
const markDelayMs = 120_000;

function crashWorkload(): Posting[][] {
  const messages = Array.from({ length: messagesCount }, (_m, message) => Array.from({ length: postingsPerMessage }, (_p, index) =>
    makePosting({ dateRef: today, account: `K${(message + index) % 25}`, debitCredit: index % 4 === 0 ? 'D' : 'C', amount: `${1 + (index % 9)}.25` })));
  // Ids repeated across messages: the first posting of every tenth message again, later on.
  const repeats = messages.filter((_m, index) => index % 10 === 0).map((message) => message[0]!);
  messages.push(repeats);
  return [...messages, ...messages.slice(0, resentMessagesCount)];
}

interface WorkerChild {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  batchesApplied(): number;
}

function spawnWorker(environment: Record<string, string>): WorkerChild {
  const child = spawn(process.execPath, [harness], { env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'inherit'] });
  let applied = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.includes('"code":"batch_applied"')) applied++;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, batchesApplied: () => applied };
}

describe('ledger worker killed mid-load', () => {
  const postgres = postgresTarget();
  let broker: LocalBroker;
  let client: BrokerClient;
  let testDatabase: TestDatabase | undefined;
  let workerLogin: RoleLogin | undefined;
  let pgliteDir: string | undefined;
  let children: WorkerChild[] = [];

  beforeAll(async () => {
    broker = await startLocalBroker({ visibilityTimeoutSeconds: 2 });
    client = brokerClient(broker);
  });
  afterAll(async () => {
    children.forEach((worker) => worker.child.kill('SIGKILL'));
    client.destroy();
    await broker.stop();
    await testDatabase?.drop();
    await workerLogin?.drop();
    if (pgliteDir !== undefined) rmSync(pgliteDir, { recursive: true, force: true });
  });

  /** The child's database variable; PGlite is prepared here and closed before the child opens it. */
  async function prepareDatabase(): Promise<Record<string, string>> {
    if (postgres !== null) {
      testDatabase = await postgres.create();
      await seedCatalog(testDatabase.database);
      // The child connects as a login of the flow_worker role only, as deployed (migration 0003).
      workerLogin = await createRoleLogin(testDatabase, 'flow_worker');
      return { FLOW_TEST_WORKER_DATABASE_URL: workerLogin.url };
    }
    pgliteDir = mkdtempSync(join(tmpdir(), 'flow-crash-'));
    const database = await openPglite({ dataDir: pgliteDir });
    await migrate(database);
    await seedCatalog(database);
    await database.close();
    return { FLOW_TEST_WORKER_PGLITE_DIR: pgliteDir };
  }

  async function openForChecks(): Promise<{ database: Database; close: () => Promise<void> }> {
    if (testDatabase !== undefined) return { database: testDatabase.database, close: async () => undefined };
    const database = await openPglite({ dataDir: pgliteDir! });
    return { database, close: () => database.close() };
  }

  async function withCheckDatabase<T>(check: (database: Database) => Promise<T>): Promise<T> {
    const { database, close } = await openForChecks();
    try {
      return await check(database);
    } finally {
      await close();
    }
  }

  test(`every id has one outcome and balances reconcile after a SIGKILL (${postgres === null ? 'pglite folder' : 'postgres'})`, async () => {
    const environment = {
      ...workerEnvironment(broker), ...(await prepareDatabase()),
      FLOW_BATCH_POSTINGS_MAX: '300', FLOW_OUTBOX_SWEEP_AGE_MIN_MS: '1000', FLOW_OUTBOX_SWEEP_INTERVAL_MS: '200', FLOW_LOG_LEVEL: 'info',
    } as Record<string, string>;
    const messages = crashWorkload();
    const ids = new Set(messages.flat().map((posting) => posting.id));

    const first = spawnWorker({ ...environment, FLOW_TEST_WORKER_MARK_DELAY_MS: String(markDelayMs) });
    children.push(first);
    const publishing = client.publishPostings(messages);
    await waitFor(async () => first.batchesApplied() >= batchesBeforeKill, 60_000, 5);
    first.child.kill('SIGKILL');
    await first.exited;
    await publishing;

    // The kill hit the window: batches committed whose outcomes were never marked sent.
    const unsentAtKill = await withCheckDatabase(countUnsentOutbox);
    expect(unsentAtKill).toBeGreaterThanOrEqual(batchesBeforeKill);

    const second = spawnWorker(environment);
    children.push(second);
    const reached = new Set<string>();
    await waitFor(async () => {
      for (const outcome of await client.drainOutcomes()) reached.add(outcome.id);
      return reached.size === ids.size && (await client.queueDepth(broker.transactionQueueUrl)) === 0;
    }, 120_000, 250);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    children = [];

    const { database, close } = await openForChecks();
    try {
      const { rows } = await database.query<{ count: number }>('select count(*)::integer as count from flow.posting');
      expect(rows[0]!.count).toBe(ids.size);
      const { rows: transactions } = await database.query<{ count: number }>('select count(*)::integer as count from flow.transaction');
      expect(transactions[0]!.count).toBe(ids.size);
      expect(await reconcileBalances(database)).toEqual([]);
      expect(await countUnsentOutbox(database)).toBe(0);
    } finally {
      await close();
    }
    expect(first.batchesApplied()).toBeGreaterThanOrEqual(batchesBeforeKill);
  });
});
