// The `flow` command beside a running embedded stack, as an operator uses it: no configuration
// but the data folder (stack.json tells where the database, broker and lake are; on PGlite the
// command goes through the stack's loopback socket). On PGlite, and on PostgreSQL when
// FLOW_TEST_DATABASE_URL is set (then FLOW_DATABASE_URL names the test database, as it would
// name the server `npm start` was started with).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { encodePostingMessage } from '@flow/contracts';
import { businessDate, type BalanceDifference } from '@flow/ledger-core';
import { databaseTargets, makePosting, type TestDatabase } from '@flow/ledger-core/testing';
import type { Environment } from '@flow/service-kit';
import { readRunningStack } from '@flow/service-kit/embedded';
import { brokerClient, waitFor } from '@flow/service-kit/testing';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, collectOutcomes, tokenFor } from './testing/e2e-client.ts';
import { flow } from './testing/flow-cli.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');

describe.each(databaseTargets())('flow beside a running stack on $name', (target) => {
  let dataDir: string;
  let testDatabase: TestDatabase | undefined;
  let stack: LocalStack;
  let token: string;
  let environment: Environment;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-cli-'));
    testDatabase = target.name === 'postgres' ? await target.create() : undefined;
    stack = await startLocalStack({
      dataDir, ...freePortsOnLoopback, seedDemo: true, visibilityTimeoutSeconds: 2, reconcileIntervalMs: 250,
      ...(testDatabase === undefined ? {} : { database: testDatabase.database }),
      environment: { FLOW_LOG_LEVEL: 'warn', FLOW_AUTO_OPEN_ACCOUNTS: 'true' },
    });
    token = await tokenFor(stack);
    environment = { FLOW_DATA_DIR: dataDir, ...(testDatabase?.url ? { FLOW_DATABASE_URL: testDatabase.url } : {}) };
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, {
      method: 'POST',
      body: { transactions: ['10.00', '2.50', '7.25'].map((amount, index) => ({
        branch: demoBranch, account: `CLI${index}`, amount, debitCredit: 'C', eventCode: demoEventCode, dateRef: today,
      })) },
    });
    expect(accepted.status).toBe(202);
    await collectOutcomes(stack, (accepted.body as { transactions: { id: string }[] }).transactions.map((item) => item.id));
  });

  afterAll(async () => {
    await stack?.stop();
    await testDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the stack keeps stack.json in its data folder while it runs', () => {
    expect(readRunningStack(dataDir)).toMatchObject({
      pid: process.pid, brokerEndpoint: stack.broker.endpoint, queryApiUrl: stack.queryApiUrl, lakeBucket: 'flow-lake',
      databaseUrl: stack.databaseUrl,
    });
    if (target.name === 'pglite') expect(stack.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  test('FLOW_RECONCILE_INTERVAL_MS: the stack records a reconciliation run on its timer', async () => {
    const finishedRuns = async () => (await stack.database.query<{ count: number }>(
      "select count(*)::integer as count from flow.reconciliation_run where finished_at is not null and status = 'clean'")).rows[0]!.count;
    const before = await finishedRuns();
    await waitFor(async () => (await finishedRuns()) >= before + 2, 10_000);
  });

  test('reconcile on a clean ledger exits 0 and records the run', async () => {
    const run = await flow(environment, 'reconcile', '--json');
    expect(run.exitCode).toBe(0);
    const report = run.json<{ differences: unknown[]; run: { status: string; accountsChecked: number; runId: string } }>();
    expect(report.differences).toEqual([]);
    expect(report.run).toMatchObject({ status: 'clean' });
    expect(report.run.accountsChecked).toBeGreaterThanOrEqual(3);
    const { rows } = await stack.database.query<{ differences: number; status: string; finished: boolean }>(
      'select differences, status, finished_at is not null as finished from flow.reconciliation_run where id = $1', [report.run.runId]);
    expect(rows).toEqual([{ differences: 0, status: 'clean', finished: true }]);
    // Without --json and off a terminal: readable lines on stdout, JSON log lines with codes on stderr.
    const plain = await flow(environment, 'reconcile', '--branch', demoBranch);
    expect(plain.stdout).toMatch(/^clean: \d+ account\(s\) checked/);
    expect(plain.stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line).code)).toContain('reconciliation_finished');
  });

  test('reconcile lists exactly the injected differences and exits 1', async () => {
    const corrupt = (account: string, sql: string) =>
      stack.database.query(`update flow.balance set ${sql} where branch = $1 and account = $2 and date_ref = $3`, [demoBranch, account, today]);
    await corrupt('CLI0', 'total_credit = total_credit + 0.01');
    await corrupt('CLI2', 'accumulated_debit = accumulated_debit + 1');
    try {
      const run = await flow(environment, 'reconcile', '--json');
      expect(run.exitCode).toBe(1);
      const report = run.json<{ differences: BalanceDifference[]; run: { differences: number; status: string } }>();
      expect(report.differences.map(({ branch, account, dateRef }) => ({ branch, account, dateRef }))).toEqual([
        { branch: demoBranch, account: 'CLI0', dateRef: today }, { branch: demoBranch, account: 'CLI2', dateRef: today },
      ]);
      expect(report.differences[0]!.balance!.totalCredit).toBe('10.01');
      expect(report.run).toMatchObject({ differences: 2, status: 'differences' });
      // Scoped to one account: only its difference.
      const scoped = await flow(environment, 'reconcile', '--branch', demoBranch, '--account', 'CLI2', '--json');
      expect(scoped.json<{ differences: BalanceDifference[] }>().differences.map((difference) => difference.account)).toEqual(['CLI2']);
    } finally {
      await corrupt('CLI0', 'total_credit = total_credit - 0.01');
      await corrupt('CLI2', 'accumulated_debit = accumulated_debit - 1');
    }
    expect((await flow(environment, 'reconcile')).exitCode).toBe(0);
  });

  test('bad arguments exit 2 and change nothing', async () => {
    for (const args of [['reconcile', '--from', '2026-02-30'], ['reconcile', '--branch', 'no/such'], ['dlq', 'redrive', '--max', '0'], ['nosuch']]) {
      expect({ args, exitCode: (await flow(environment, ...args)).exitCode }).toEqual({ args, exitCode: 2 });
    }
  });

  test('broker init twice is harmless: the second finds everything, and the stack still posts', async () => {
    const first = await flow(environment, 'broker', 'init', '--json');
    expect(first.exitCode).toBe(0);
    const second = await flow(environment, 'broker', 'init', '--json');
    expect(second.exitCode).toBe(0);
    expect(second.json()).toMatchObject({ created: [], transactionQueueUrl: expect.stringContaining('flow-transaction') });
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, {
      method: 'POST', body: { branch: demoBranch, account: demoAccount, amount: '1.00', debitCredit: 'C', eventCode: demoEventCode, dateRef: today },
    });
    const outcomes = await collectOutcomes(stack, [(accepted.body as { id: string }).id]);
    expect(outcomes.filter((outcome) => outcome.status === 'posted').length).toBeGreaterThanOrEqual(1);
  });

  test('dlq redrive moves dead letters back to flow-transaction, and they are applied', async () => {
    const postings = [makePosting({ branch: demoBranch, account: 'DLQ1', dateRef: today, eventCode: demoEventCode, amount: '3.00' })];
    const client = brokerClient(stack.broker);
    try {
      await client.sqs.send(new SendMessageCommand({ QueueUrl: stack.broker.deadLetterQueueUrl, MessageBody: encodePostingMessage(postings) }));
      const listed = await flow(environment, 'dlq', 'list', '--json');
      expect({ exitCode: listed.exitCode, visible: listed.json().visible }).toEqual({ exitCode: 1, visible: 1 });
      const shown = await flow(environment, 'dlq', 'show', '--json');
      expect(shown.json<{ messages: { body: string }[] }>().messages.map((message) => message.body)).toEqual([encodePostingMessage(postings)]);
      const redriven = await flow(environment, 'dlq', 'redrive', '--json');
      expect({ exitCode: redriven.exitCode, ...redriven.json() }).toMatchObject({ exitCode: 0, moved: 1, failed: 0, left: 0 });
      const outcomes = await collectOutcomes(stack, [postings[0]!.id]);
      expect(outcomes.find((outcome) => outcome.id === postings[0]!.id)).toMatchObject({ status: 'posted' });
      await waitFor(async () => (await flow(environment, 'dlq', 'list')).exitCode === 0, 10_000);
    } finally {
      client.destroy();
    }
  });
});
