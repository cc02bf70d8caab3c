// End to end through the embedded stack: HTTP → ingest → SNS flow-request → SQS flow-transaction
// → ledger worker → database → outbox → SNS flow-callback, and back out through the query API.
// Runs on PGlite (persisted to a temporary folder, as `npm start` does) and on PostgreSQL when
// FLOW_TEST_DATABASE_URL is set.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessDate, reconcileBalances } from '@flow/ledger-core';
import { databaseTargets, statementExample, type TestDatabase } from '@flow/ledger-core/testing';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { byId, call, collectOutcomes, queueDepth, tokenFor } from './testing/e2e-client.ts';
import { waitFor } from '@flow/service-kit/testing';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const posting = (fields: Record<string, unknown> = {}) => ({
  branch: demoBranch,
  account: demoAccount,
  amount: '10.00',
  debitCredit: 'C',
  eventCode: demoEventCode,
  dateRef: today,
  ...fields,
});

/** Longest wait for a state (a queue drained, a probe answering) before the test fails. */
const stateDeadlineMs = 30_000;

describe.each(databaseTargets())('the local stack end to end on $name', (target) => {
  let dataDir: string;
  let testDatabase: TestDatabase | undefined;
  let stack: LocalStack;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-e2e-'));
    testDatabase = target.name === 'postgres' ? await target.create() : undefined;
    stack = await startLocalStack({
      dataDir,
      ...freePortsOnLoopback,
      seedDemo: true,
      ...(testDatabase === undefined ? {} : { database: testDatabase.database }),
      environment: { FLOW_LOG_LEVEL: 'warn' },
    });
    token = await tokenFor(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await testDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a single posting is accepted, posted, called back and visible in the query API', async () => {
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: posting({ description: 'Pix recebido' }) });
    expect(accepted.status).toBe(202);
    const { id, traceKey } = accepted.body as { id: string; traceKey: string };
    const outcomes = await collectOutcomes(stack, [id]);
    expect(outcomes.find((outcome) => outcome.id === id)).toMatchObject({ id, traceKey, status: 'posted', reason: null });
    const read = await call(`${stack.queryApiUrl}/v1/transactions/${id}`, token);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, traceKey, status: 'posted', amount: '10.00', description: 'Pix recebido' });
  });

  test('a branch, a reversal in part, a reversal too many, a closed branch and a future date, through HTTP', async () => {
    const admin = (path: string, method: string, body: unknown) => call(`${stack.queryApiUrl}${path}`, token, { method, body });
    expect((await admin('/v1/branches', 'POST', { code: 'E2E', name: 'Agência E2E' })).status).toBe(201);
    expect((await admin('/v1/accounts', 'POST', { branch: 'E2E', account: 'R1' })).status).toBe(201);
    const post = async (fields: Record<string, unknown>) => {
      const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: posting({ branch: 'E2E', account: 'R1', ...fields }) });
      expect(accepted.status).toBe(202);
      const { id } = accepted.body as { id: string };
      return (await collectOutcomes(stack, [id])).find((outcome) => outcome.id === id)!;
    };
    const original = await post({ amount: '50.00', debitCredit: 'D' });
    const reversal = await post({ amount: '30.00', debitCredit: 'C', reverses: original.id });
    const tooMuch = await post({ amount: '30.00', debitCredit: 'C', reverses: original.id });
    expect([original.reason, reversal.reason, tooMuch.reason]).toEqual([null, null, 'reversal_exceeds_remainder']);
    const read = await call(`${stack.queryApiUrl}/v1/transactions/${original.id}`, token);
    expect(read.body).toMatchObject({ status: 'posted', reverses: null, reversedAmount: '30.00', reversals: [reversal.id] });
    expect((await post({ dateRef: '2999-01-01' })).reason).toBe('date_ref_in_future');
    expect((await admin('/v1/branches/E2E', 'PATCH', { status: 'closed' })).status).toBe(200);
    expect((await post({})).reason).toBe('branch_closed');
  });

  test('a batch gets one outcome per posting, rejections with their code', async () => {
    const batch = [posting({ amount: '1.00' }), posting({ amount: '2.00', debitCredit: 'D' }), posting({ account: 'NOSUCH1' })];
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: { transactions: batch } });
    expect(accepted.status).toBe(202);
    const ids = (accepted.body as { transactions: { id: string }[] }).transactions.map((item) => item.id);
    expect(new Set(ids).size).toBe(3);
    const outcomes = byId(await collectOutcomes(stack, ids));
    expect(ids.map((id) => outcomes.get(id)![0]!.status)).toEqual(['posted', 'posted', 'rejected']);
    expect(outcomes.get(ids[2]!)![0]!.reason).toBe('account_not_found');
    const rejected = await call(`${stack.queryApiUrl}/v1/transactions/${ids[2]}`, token);
    expect(rejected.body).toMatchObject({ id: ids[2], status: 'rejected', reason: 'account_not_found' });
  });

  test('the five-day statement example, posted out of order through HTTP', async () => {
    const account = 'STMT' + randomUUID().slice(0, 6).toUpperCase();
    const example = statementExample(today);
    const day = example.day;
    const admin = await call(`${stack.queryApiUrl}/v1/accounts`, token, {
      method: 'POST',
      body: { branch: demoBranch, account, status: 'active', holderName: 'Extrato' },
    });
    expect(admin.status).toBe(201);
    const entries = example.entries.map((fields) => posting({ account, ...fields }));
    for (const index of example.applyOrder) {
      const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: entries[index] });
      expect(accepted.status).toBe(202);
      await collectOutcomes(stack, [(accepted.body as { id: string }).id]);
    }
    const statement = await call(
      `${stack.queryApiUrl}/v1/accounts/${demoBranch}/${account}/statement?from=${day(1)}&to=${today}`,
      token,
    );
    expect(statement.status).toBe(200);
    const body = statement.body as {
      openingBalance: string;
      closingBalance: string;
      lines: { dateRef: string; debit: string | null; credit: string | null; balanceBefore: string; balanceAfter: string }[];
    };
    expect(body.openingBalance).toBe('0.00');
    expect(body.lines.map((line) => [line.dateRef, line.debit, line.credit, line.balanceBefore, line.balanceAfter])).toEqual(example.lines);
    expect(body.closingBalance).toBe('12.00');
    const balances = await call(`${stack.queryApiUrl}/v1/accounts/${demoBranch}/${account}/balances?from=${day(1)}&to=${today}`, token);
    expect((balances.body as { items: { balance: string }[] }).items.map((row) => row.balance)).toEqual(example.balances);
  });

  test('re-posting the same ids creates nothing new: replays carry the original outcome', async () => {
    const ids = [randomUUID(), randomUUID()];
    const batch = [posting({ id: ids[0], amount: '3.00' }), posting({ id: ids[1], amount: '4.00' })];
    const first = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: { transactions: batch } });
    expect(first.status).toBe(202);
    await collectOutcomes(stack, ids);
    const before = await transactionCount(stack);
    const again = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: { transactions: batch } });
    expect(again.status).toBe(202);
    const replays = byId(await collectOutcomes(stack, ids));
    for (const id of ids) expect(replays.get(id)).toEqual([expect.objectContaining({ id, status: 'posted', replay: true })]);
    expect(await transactionCount(stack)).toBe(before);
    expect(await reconcileBalances(stack.database)).toEqual([]);
  });

  test('an invalid request gets 400 with per-item errors and publishes nothing', async () => {
    const before = await postingCount(stack);
    const invalid = await call(`${stack.ingestUrl}/v1/transactions`, token, {
      method: 'POST',
      body: { transactions: [posting(), posting({ amount: '1.001' }), posting({ debitCredit: 'X' })] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'validation_failed' });
    // A valid posting after it is the only one that arrives: the invalid request left no message.
    const marker = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: posting() });
    await collectOutcomes(stack, [(marker.body as { id: string }).id]);
    expect(await postingCount(stack)).toBe(before + 1);
    await waitFor(async () => (await queueDepth(stack, stack.broker.transactionQueueUrl)) === 0, stateDeadlineMs);
  });
});

async function transactionCount(stack: LocalStack): Promise<number> {
  const { rows } = await stack.database.query<{ count: string }>('select count(*)::text as count from flow.transaction');
  return Number(rows[0]!.count);
}

async function postingCount(stack: LocalStack): Promise<number> {
  const { rows } = await stack.database.query<{ count: string }>('select count(*)::text as count from flow.posting');
  return Number(rows[0]!.count);
}
