// End to end through the embedded stack: HTTP → ingest → SNS flow-request → SQS flow-transaction
// → ledger worker → database → outbox → SNS flow-callback, and back out through the query API.
// Runs on PGlite (persisted to a temporary folder, as `npm start` does) and on PostgreSQL when
// FLOW_TEST_DATABASE_URL is set. Every request goes through @flow/client, the typed client.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessDate, reconcileBalances } from '@flow/ledger-core';
import { databaseTargets, statementExample, type TestDatabase } from '@flow/ledger-core/testing';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { bodyOf, everyItem, type FlowClient, type PostingRequest } from '@flow/client';
import { byId, clientFor, collectOutcomes, queueDepth, tokenFor } from './testing/e2e-client.ts';
import { waitFor } from '@flow/service-kit/testing';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const posting = (fields: Partial<PostingRequest> = {}): PostingRequest => ({
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
  let flow: FlowClient;

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
    flow = clientFor(stack, await tokenFor(stack));
  });

  afterAll(async () => {
    await stack?.stop();
    await testDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a single posting is accepted, posted, called back and visible in the query API', async () => {
    const accepted = await flow.postTransactions(posting({ description: 'Pix recebido' }));
    expect(accepted.status).toBe(202);
    const { id, traceKey } = bodyOf(accepted);
    expect(accepted.headers.get('location')).toMatch(new RegExp(`/v1/transactions/${id}$`));
    const outcomes = await collectOutcomes(stack, [id]);
    expect(outcomes.find((outcome) => outcome.id === id)).toMatchObject({ id, traceKey, status: 'posted', reason: null });
    const read = await flow.getTransaction(id);
    expect(read.status).toBe(200);
    expect(bodyOf(read)).toMatchObject({ id, traceKey, status: 'posted', amount: '10.00', description: 'Pix recebido' });
  });

  test('a branch, a reversal in part, a reversal too many, a closed branch and a future date, through HTTP', async () => {
    expect((await flow.registerBranch({ code: 'E2E', name: 'Agência E2E' })).status).toBe(201);
    expect((await flow.registerAccount({ branch: 'E2E', account: 'R1' })).status).toBe(201);
    const post = async (fields: Partial<PostingRequest>) => {
      const accepted = await flow.postTransactions(posting({ branch: 'E2E', account: 'R1', ...fields }));
      expect(accepted.status).toBe(202);
      const { id } = bodyOf(accepted);
      return (await collectOutcomes(stack, [id])).find((outcome) => outcome.id === id)!;
    };
    const original = await post({ amount: '50.00', debitCredit: 'D' });
    const reversal = await post({ amount: '30.00', debitCredit: 'C', reverses: original.id });
    const tooMuch = await post({ amount: '30.00', debitCredit: 'C', reverses: original.id });
    expect([original.reason, reversal.reason, tooMuch.reason]).toEqual([null, null, 'reversal_exceeds_remainder']);
    expect(bodyOf(await flow.getTransaction(original.id))).toMatchObject({ status: 'posted', reverses: null, reversedAmount: '30.00', reversals: [reversal.id] });
    expect((await post({ dateRef: '2999-01-01' })).reason).toBe('date_ref_in_future');
    expect((await flow.updateBranch('E2E', { status: 'closed' })).status).toBe(200);
    expect((await post({})).reason).toBe('branch_closed');
  });

  test('a batch gets one outcome per posting, rejections with their code', async () => {
    const batch = [posting({ amount: '1.00' }), posting({ amount: '2.00', debitCredit: 'D' }), posting({ account: 'NOSUCH1' })];
    const accepted = await flow.postTransactions({ transactions: batch });
    expect(accepted.status).toBe(202);
    const ids = bodyOf(accepted).transactions.map((item) => item.id);
    expect(new Set(ids).size).toBe(3);
    const outcomes = byId(await collectOutcomes(stack, ids));
    expect(ids.map((id) => outcomes.get(id)![0]!.status)).toEqual(['posted', 'posted', 'rejected']);
    expect(outcomes.get(ids[2]!)![0]!.reason).toBe('account_not_found');
    const rejected = await flow.getTransaction(ids[2]!);
    expect(bodyOf(rejected)).toMatchObject({ id: ids[2], status: 'rejected', reason: 'account_not_found' });
    const searched = [];
    for await (const item of everyItem((cursor) => flow.searchTransactions({ traceKey: bodyOf(accepted).transactions[0]!.traceKey, limit: 1, cursor }))) {
      searched.push(item.id);
    }
    expect(searched.sort()).toEqual(ids.slice(0, 2).sort());
  });

  test('the five-day statement example, posted out of order through HTTP', async () => {
    const account = 'STMT' + randomUUID().slice(0, 6).toUpperCase();
    const example = statementExample(today);
    const day = example.day;
    const admin = await flow.registerAccount({ branch: demoBranch, account, status: 'active', holderName: 'Extrato' });
    expect(admin.status).toBe(201);
    expect(bodyOf(await flow.getAccount(demoBranch, account))).toMatchObject({ account, holderName: 'Extrato' });
    const entries = example.entries.map((fields) => posting({ account, ...fields } as Partial<PostingRequest>));
    for (const index of example.applyOrder) {
      const accepted = await flow.postTransactions(entries[index]!);
      expect(accepted.status).toBe(202);
      await collectOutcomes(stack, [bodyOf(accepted).id]);
    }
    const statement = await flow.getStatement(demoBranch, account, { from: day(1), to: today });
    expect(statement.status).toBe(200);
    const body = bodyOf(statement);
    expect(body.openingBalance).toBe('0.00');
    expect(body.lines.map((line) => [line.dateRef, line.debit, line.credit, line.balanceBefore, line.balanceAfter])).toEqual(example.lines);
    expect(body.closingBalance).toBe('12.00');
    const balances = bodyOf(await flow.listDailyBalances(demoBranch, account, { from: day(1), to: today }));
    expect(balances.items.map((row) => row.balance)).toEqual(example.balances);
    expect(bodyOf(await flow.getBalanceAtDate(demoBranch, account, today)).balance).toBe('12.00');
    expect(bodyOf(await flow.getDailyReport({ date: today, branch: demoBranch })).items).toHaveLength(1);
  });

  test('the catalog through the client: events and accounts created, read, listed, changed; bad fields are a problem', async () => {
    const code = 900_000 + Math.floor(Math.random() * 99_999);
    expect((await flow.createEvent({ code, description: 'Tarifa', allowDebit: true, allowCredit: false })).status).toBe(201);
    expect(bodyOf(await flow.updateEvent(code, { active: false }))).toMatchObject({ code, active: false });
    expect(bodyOf(await flow.getEvent(code))).toMatchObject({ code, description: 'Tarifa', allowCredit: false });
    const codes = [];
    for await (const event of everyItem((cursor) => flow.listEvents({ limit: 2, cursor }))) codes.push(event.code);
    expect(codes).toContain(code);
    const account = 'CLI' + randomUUID().slice(0, 6).toUpperCase();
    expect((await flow.registerAccount({ branch: demoBranch, account })).status).toBe(201);
    expect(bodyOf(await flow.updateAccount(demoBranch, account, { status: 'blocked' }))).toMatchObject({ account, status: 'blocked' });
    expect(bodyOf(await flow.listAccounts({ branch: demoBranch, limit: 500 })).items.map((item) => item.account)).toContain(account);
    const invalid = await flow.createEvent({ code: 0, description: '', allowDebit: true, allowCredit: true });
    expect(invalid.ok ? null : invalid.problem).toMatchObject({
      status: 400, code: 'validation_failed', errors: [expect.objectContaining({ pointer: '/code' }), expect.objectContaining({ pointer: '/description' })],
    });
    const badQuery = await flow.getStatement(demoBranch, demoAccount, { from: today, to: 'yesterday' });
    expect(badQuery.ok ? null : badQuery.problem.errors).toEqual([{ pointer: '/query/to', code: 'value_invalid', message: expect.any(String) }]);
  });

  test('re-posting the same ids creates nothing new: replays carry the original outcome', async () => {
    const ids = [randomUUID(), randomUUID()];
    const batch = [posting({ id: ids[0], amount: '3.00' }), posting({ id: ids[1], amount: '4.00' })];
    const first = await flow.postTransactions({ transactions: batch });
    expect(first.status).toBe(202);
    await collectOutcomes(stack, ids);
    const before = await transactionCount(stack);
    const again = await flow.postTransactions({ transactions: batch });
    expect(again.status).toBe(202);
    const replays = byId(await collectOutcomes(stack, ids));
    for (const id of ids) expect(replays.get(id)).toEqual([expect.objectContaining({ id, status: 'posted', replay: true })]);
    expect(await transactionCount(stack)).toBe(before);
    expect(await reconcileBalances(stack.database)).toEqual([]);
  });

  test('an invalid request gets a 400 problem pointing at each bad field and publishes nothing', async () => {
    const before = await postingCount(stack);
    const invalid = await flow.postTransactions({
      transactions: [posting(), posting({ amount: '1.001' }), posting({ debitCredit: 'X' as 'D' })],
    });
    expect(invalid.ok).toBe(false);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(invalid.ok ? null : invalid.problem).toMatchObject({
      status: 400, code: 'validation_failed', errorsTotal: 2,
      errors: [
        { pointer: '/transactions/1/amount', code: 'amount_too_many_decimals', message: expect.any(String) },
        { pointer: '/transactions/2/debitCredit', code: 'debit_credit_invalid', message: expect.any(String) },
      ],
    });
    // A valid posting after it is the only one that arrives: the invalid request left no message.
    const marker = await flow.postTransactions(posting());
    await collectOutcomes(stack, [bodyOf(marker).id]);
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
