// The query API on a real streaming replica (issue 14, item 3). A private PostgreSQL primary of the
// test's own (initdb on a free port) and a replica of it (pg_basebackup -R) that replays every
// commit a second late (recovery_min_apply_delay), so the lag a consumer races against is always
// there. The stack's worker applies to the primary; a query API reads the replica
// (FLOW_DATABASE_READ_URL). A posting whose outcome arrives on the callback topic is read at once:
// the replica does not have it yet (replay is held paused during those reads, so the race is lost
// every time, however fast or slow the machine), and the answer must still be the posting, never a
// false 404.
// Skipped only where the server binaries are absent (the skip title says why).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessDate, connectPostgres, migrate, type Database } from '@flow/ledger-core';
import { privateServerBinaries, runOnServer, startPrivateServer, startStreamingReplica, type PrivateServer } from '@flow/ledger-core/testing';
import { readQueryApiConfig, startQueryApi, type RunningQueryApi } from '@flow/query-api';
import { brokerClient, waitFor } from '@flow/service-kit/testing';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, tokenFor } from './testing/e2e-client.ts';

const binaries = privateServerBinaries();
/** Long enough that an outcome outruns the replay even on a loaded machine (callbacks took up to ~400 ms here). */
const applyDelayMs = 1_000;
/** The readiness bound of the query API under test: above the steady lag of the apply delay. */
const lagSecondsMax = 5;
const postingsTotal = 60;
const today = businessDate(new Date(), 'America/Sao_Paulo');
const posting = (cents: number) => ({
  branch: demoBranch, account: demoAccount, amount: (cents / 100).toFixed(2), debitCredit: 'C', eventCode: demoEventCode, dateRef: today,
});

const suite = typeof binaries === 'string' ? describe.skip : describe;
const title = typeof binaries === 'string' ? `the query API on a streaming replica (skipped: ${binaries})` : 'the query API on a streaming replica';

suite(title, () => {
  let dataDir: string;
  let primary: PrivateServer;
  let replica: PrivateServer;
  let replicaDirect: Database;
  let stack: LocalStack;
  let queryApi: RunningQueryApi;
  let token: string;

  beforeAll(async () => {
    if (typeof binaries === 'string') return;
    dataDir = mkdtempSync(join(tmpdir(), 'flow-replica-e2e-'));
    primary = await startPrivateServer(binaries);
    await runOnServer(primary.url(), 'create database flow');
    const owner = connectPostgres({ connectionString: primary.url('flow'), poolSize: 1 });
    await migrate(owner).finally(() => owner.close());
    replica = await startStreamingReplica(binaries, primary, applyDelayMs);
    replicaDirect = connectPostgres({ connectionString: replica.url('flow'), poolSize: 1 });
    expect((await replicaDirect.query(`select setting from pg_settings where name = 'recovery_min_apply_delay'`)).rows).toEqual([{ setting: String(applyDelayMs) }]);
    stack = await startLocalStack({
      dataDir, ...freePortsOnLoopback, seedDemo: true, databaseUrl: primary.url('flow'), environment: { FLOW_LOG_LEVEL: 'error' },
    });
    queryApi = await startQueryApi(readQueryApiConfig({
      FLOW_HOST: '127.0.0.1', FLOW_PORT: '0', FLOW_LOG_LEVEL: 'error', FLOW_JWT_SECRET: stack.secret,
      FLOW_DATABASE_URL: primary.url('flow'), FLOW_DATABASE_READ_URL: replica.url('flow'), FLOW_REPLICA_LAG_MAX_SECONDS: String(lagSecondsMax),
    }));
    token = await tokenFor(stack);
  }, 180_000);

  afterAll(async () => {
    await queryApi?.stop();
    await stack?.stop();
    await replicaDirect?.close();
    replica?.stop();
    primary?.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a posting seen on the callback topic is readable at once through the replica: never a false 404', async () => {
    // The apply delay alone races the callback, and on a loaded machine the callback can lose; with
    // replay paused until every read is done, every read meets a replica without the posting.
    await replicaDirect.query('select pg_wal_replay_pause()');
    const ids = new Set<string>();
    for (let request = 0; request < postingsTotal / 10; request += 1) {
      const transactions = Array.from({ length: 10 }, (_unused, index) => posting(request * 10 + index + 1));
      const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: { transactions } });
      expect(accepted.status).toBe(202);
      for (const item of (accepted.body as { transactions: { id: string }[] }).transactions) ids.add(item.id);
    }
    let replicaBehind = 0;
    const answers: { id: string; status: number; body: unknown }[] = [];
    const client = brokerClient(stack.broker);
    try {
      await waitFor(async () => {
        for (const outcome of await client.drainOutcomes()) {
          if (!ids.delete(outcome.id)) continue;
          // The replica alone, first: proof that the read below raced a real lag.
          const { rows } = await replicaDirect.query('select 1 from flow.posting where id = $1', [outcome.id]);
          if (rows.length === 0) replicaBehind += 1;
          const read = await call(`${queryApi.url}/v1/transactions/${outcome.id}`, token);
          answers.push({ id: outcome.id, status: read.status, body: read.body });
        }
        return ids.size === 0;
      }, 60_000, 20);
    } finally {
      client.destroy();
      await replicaDirect.query('select pg_wal_replay_resume()');
    }
    expect(answers).toHaveLength(postingsTotal);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    for (const answer of answers) expect(answer.body).toMatchObject({ id: answer.id, status: 'posted' });
    // Each read raced a replica that did not have the posting: the answers came from the primary.
    expect(replicaBehind).toBe(postingsTotal);
  }, 120_000);

  test('an account registered a moment ago has its statement at once, and an unknown id is still 404', async () => {
    const account = `R${Date.now() % 100_000}`;
    const registered = await call(`${queryApi.url}/v1/accounts`, token, {
      method: 'POST', body: { branch: demoBranch, account, status: 'active', holderName: 'Recém-aberta' },
    });
    expect(registered.status).toBe(201);
    const statement = await call(`${queryApi.url}/v1/accounts/${demoBranch}/${account}/statement?from=${today}&to=${today}`, token);
    expect([statement.status, (statement.body as { lines: unknown[] }).lines]).toEqual([200, []]);
    const unknown = await call(`${queryApi.url}/v1/transactions/0190a7e4-0000-7000-8000-000000000000`, token);
    expect([unknown.status, (unknown.body as { code: string }).code]).toEqual([404, 'not_found']);
  });

  test('readiness fails while the replica lags past FLOW_REPLICA_LAG_MAX_SECONDS, and recovers', async () => {
    const ready = () => call(`${queryApi.url}/health/ready`, token);
    expect((await ready()).status).toBe(200);
    await replicaDirect.query('select pg_wal_replay_pause()');
    try {
      // A commit the replica receives and does not replay: its lag grows past the bound. (txid_current()
      // always writes a commit record; an UPDATE that happens to change no row would write none.)
      await runOnServer(primary.url('flow'), 'select txid_current()');
      await waitFor(async () => (await ready()).status === 503, 4 * lagSecondsMax * 1_000, 200);
      expect((await ready()).body).toMatchObject({ checks: { replicaLag: 'unavailable', readDatabase: 'ok' } });
    } finally {
      await replicaDirect.query('select pg_wal_replay_resume()');
    }
    await waitFor(async () => (await ready()).status === 200, 4 * lagSecondsMax * 1_000, 100);
  }, 60_000);
});
