// Every business rule and every rejection code of the engine, table-driven, plus idempotency
// and the month partitions. Runs on PGlite, and on PostgreSQL when FLOW_TEST_DATABASE_URL is set.
import type { Posting } from '@flow/contracts';
import { BranchUnavailableError, createAccount, updateAccount } from '../catalog/accounts.ts';
import { createBranch, updateBranch } from '../catalog/branches.ts';
import { updateEvent } from '../catalog/events.ts';
import { batchPostingsMax } from '../limits.ts';
import { findTransaction, searchTransactions } from '../queries/transactions.ts';
import { reconcileBalances } from '../queries/reconciliation.ts';
import { ledgerRules, type LedgerRules } from '../rules/ledger-rules.ts';
import { databaseTargets, fixtureEvents, makePosting, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { createLedgerEngine } from './apply-batch.ts';

// 02:30 UTC is still the previous day in São Paulo (UTC−3): the window follows the business
// time zone, not UTC.
const now = () => new Date('2026-11-25T02:30:00Z');
const today = '2026-11-24';

describe.each(databaseTargets())('engine rules on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: 'ACTIVE' }, { branch: '0001', account: 'OTHER' }]);
    await createAccount(db.database, { branch: '0001', account: 'BLOCKED', status: 'blocked', holderName: null });
    await createAccount(db.database, { branch: '0001', account: 'CLOSED', status: 'closed', holderName: null });
    await createBranch(db.database, { code: 'SHUT', name: 'Agência fechada', status: 'active' });
    await createAccount(db.database, { branch: 'SHUT', account: 'OLD', status: 'active', holderName: null });
    await updateBranch(db.database, 'SHUT', { status: 'closed' });
  });
  afterAll(() => db.drop());

  const engineWith = (overrides: Partial<LedgerRules> = {}) =>
    createLedgerEngine({ database: db.database, rules: ledgerRules({ postingAmountLimit: '5000.00', ...overrides }), now });
  const posting = (fields: Partial<Posting> = {}) => makePosting({ account: 'ACTIVE', dateRef: today, ...fields });

  test.each([
    ['a valid credit', {}, null],
    ['a valid debit', { debitCredit: 'D' }, null],
    ['an unknown event', { eventCode: 999 }, 'event_not_found'],
    ['an inactive event', { eventCode: fixtureEvents.inactive }, 'event_inactive'],
    ['a debit on a credit-only event', { eventCode: fixtureEvents.creditOnly, debitCredit: 'D' }, 'event_disallows_debit'],
    ['a credit on a debit-only event', { eventCode: fixtureEvents.debitOnly, debitCredit: 'C' }, 'event_disallows_credit'],
    ['an unregistered account', { account: 'NOBODY' }, 'account_not_found'],
    ['a blocked account', { account: 'BLOCKED' }, 'account_blocked'],
    ['a closed account', { account: 'CLOSED' }, 'account_closed'],
    ['the first day of the window', { dateRef: '2026-11-17' }, null],
    ['the day before the window', { dateRef: '2026-11-16' }, 'date_ref_outside_window'],
    ['tomorrow', { dateRef: '2026-11-25' }, 'date_ref_in_future'],
    ['a closed branch', { branch: 'SHUT', account: 'OLD' }, 'branch_closed'],
    ['a closed branch before an unknown event', { branch: 'SHUT', account: 'OLD', eventCode: fixtureEvents.inactive }, 'event_inactive'],
    ['the amount limit itself', { amount: '5000.00' }, null],
    ['a cent above the limit', { amount: '5000.01' }, 'amount_above_limit'],
    ['an unknown event on a blocked account (first rule wins)', { eventCode: 999, account: 'BLOCKED' }, 'event_not_found'],
  ] as const)('%s → %s', async (_name, fields, reason) => {
    const input = posting(fields as Partial<Posting>);
    const { outcomes } = await engineWith().applyBatch([input]);
    expect(outcomes).toEqual([{
      id: input.id, traceKey: input.traceKey, branch: input.branch, account: input.account, dateRef: input.dateRef,
      status: reason === null ? 'posted' : 'rejected', reason, replay: false,
    }]);
    const stored = await findTransaction(db.database, input.id);
    expect(stored).toMatchObject({ status: reason === null ? 'posted' : 'rejected', reason, amount: input.amount });
  });

  test('a rejection never fails the batch: valid postings beside it are posted', async () => {
    const batch = [posting(), posting({ eventCode: 999 }), posting({ account: 'BLOCKED' }), posting({ debitCredit: 'D' })];
    const { outcomes } = await engineWith().applyBatch(batch);
    expect(outcomes.map((outcome) => outcome.reason)).toEqual([null, 'event_not_found', 'account_blocked', null]);
  });

  test('auto-open registers an unknown account on its first posted entry only', async () => {
    const engine = engineWith({ autoOpenAccounts: true });
    const rejected = await engine.applyBatch([posting({ account: 'NEW1', eventCode: 999 })]);
    expect(rejected.outcomes[0]!.reason).toBe('event_not_found');
    const { rows: none } = await db.database.query(`select 1 from flow.account where account = 'NEW1'`);
    expect(none).toHaveLength(0);
    const posted = await engine.applyBatch([posting({ account: 'NEW1' })]);
    expect(posted.outcomes[0]!.status).toBe('posted');
    const { rows } = await db.database.query<{ status: string }>(`select status from flow.account where account = 'NEW1'`);
    expect(rows).toEqual([{ status: 'active' }]);
  });

  test('auto-open only inside a registered, active branch', async () => {
    const engine = engineWith({ autoOpenAccounts: true });
    const { outcomes } = await engine.applyBatch([
      posting({ branch: 'NOWHERE', account: 'NEW2' }), posting({ branch: 'SHUT', account: 'NEW3' }), posting({ account: 'NEW4' }),
    ]);
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(['branch_not_found', 'branch_closed', null]);
    const { rows } = await db.database.query<{ account: string }>(
      `select account from flow.account where account in ('NEW2', 'NEW3', 'NEW4') order by 1`);
    expect(rows).toEqual([{ account: 'NEW4' }]);
  });

  test('an account goes only into a registered, active branch', async () => {
    const account = { account: 'LATE', status: 'active', holderName: null } as const;
    await expect(createAccount(db.database, { ...account, branch: 'NOWHERE' })).rejects.toBeInstanceOf(BranchUnavailableError);
    await expect(createAccount(db.database, { ...account, branch: 'SHUT' })).rejects.toBeInstanceOf(BranchUnavailableError);
    // The database refuses it too, whoever writes it.
    await expect(db.database.query(`insert into flow.account (branch, account) values ('NOWHERE', 'X')`))
      .rejects.toMatchObject({ code: '23503' });
    expect(await createAccount(db.database, { ...account, branch: '0001' })).toMatchObject({ branch: '0001', account: 'LATE' });
    expect(await createAccount(db.database, { ...account, branch: '0001' })).toBeNull();
  });

  test('a branch reopened takes postings again in the next batch', async () => {
    await updateBranch(db.database, 'SHUT', { status: 'active' });
    const { outcomes } = await engineWith().applyBatch([posting({ branch: 'SHUT', account: 'OLD' })]);
    expect(outcomes[0]!.reason).toBeNull();
    await updateBranch(db.database, 'SHUT', { status: 'closed' });
  });

  test('catalog changes apply to the next batch', async () => {
    await updateEvent(db.database, fixtureEvents.creditOnly, { active: false });
    await updateAccount(db.database, '0001', 'CLOSED', { status: 'active' });
    const { outcomes } = await engineWith().applyBatch([
      posting({ eventCode: fixtureEvents.creditOnly }), posting({ account: 'CLOSED' }),
    ]);
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(['event_inactive', null]);
    await updateEvent(db.database, fixtureEvents.creditOnly, { active: true });
    await updateAccount(db.database, '0001', 'CLOSED', { status: 'closed' });
  });

  describe('reversals (estorno)', () => {
    let original: Posting;
    let rejectedOriginal: Posting;
    beforeAll(async () => {
      original = posting({ amount: '10.00', debitCredit: 'C' });
      rejectedOriginal = posting({ eventCode: 999 });
      await engineWith().applyBatch([original, rejectedOriginal]);
    });
    const reversal = (fields: Partial<Posting> = {}) => posting({ amount: '1.00', debitCredit: 'D', reverses: original.id, ...fields });

    test.each([
      ['a reversal of an unknown posting', 'reversal_target_not_found', () => reversal({ reverses: crypto.randomUUID() })],
      ['a reversal of a rejected posting', 'reversal_target_rejected', () => reversal({ reverses: rejectedOriginal.id })],
      ['a reversal on another account', 'reversal_other_account', () => reversal({ account: 'OTHER' })],
      ['a reversal on another branch', 'branch_closed', () => reversal({ branch: 'SHUT', account: 'OLD' })],
      ['a reversal on the same side', 'reversal_same_side', () => reversal({ debitCredit: 'C' })],
      ['a reversal above the original', 'reversal_exceeds_remainder', () => reversal({ amount: '10.01' })],
      ['a reversal outside the window (earlier rules first)', 'date_ref_outside_window', () => reversal({ dateRef: '2026-11-10' })],
      ['a reversal on an unknown event (earlier rules first)', 'event_not_found', () => reversal({ eventCode: 999 })],
    ] as const)('%s → %s, stored with its reverses', async (_name, reason, make) => {
      const input = make();
      const { outcomes } = await engineWith().applyBatch([input]);
      expect(outcomes.map((outcome) => [outcome.status, outcome.reason])).toEqual([['rejected', reason]]);
      expect(await findTransaction(db.database, input.id)).toMatchObject({ status: 'rejected', reason, reverses: input.reverses });
      expect(await findTransaction(db.database, original.id)).toMatchObject({ reversedAmount: '0.00', reversals: [] });
    });

    test('partial reversals add up to the original, across batches and within one', async () => {
      const first = reversal({ amount: '4.00' });
      expect((await engineWith().applyBatch([first])).outcomes[0]!.reason).toBeNull();
      const [second, third, fourth] = [reversal({ amount: '5.00' }), reversal({ amount: '1.01' }), reversal({ amount: '1.00' })];
      const { outcomes } = await engineWith().applyBatch([second, third, fourth]);
      expect(outcomes.map((outcome) => outcome.reason)).toEqual([null, 'reversal_exceeds_remainder', null]);
      expect((await engineWith().applyBatch([reversal({ amount: '0.01' })])).outcomes[0]!.reason).toBe('reversal_exceeds_remainder');
      expect(await findTransaction(db.database, original.id)).toMatchObject({
        status: 'posted', reverses: null, reversedAmount: '10.00', reversals: [first.id, second.id, fourth.id],
      });
      expect(await findTransaction(db.database, first.id)).toMatchObject({ status: 'posted', reverses: original.id, reversals: [] });
      expect(await reconcileBalances(db.database)).toEqual([]);
    });

    test('an original earlier in the same batch can be reversed; a later one does not exist yet', async () => {
      const debit = posting({ amount: '7.00', debitCredit: 'D' });
      const early = posting({ amount: '7.00', debitCredit: 'C', reverses: debit.id });
      const later = posting({ amount: '3.00', debitCredit: 'D' });
      const tooEarly = posting({ amount: '3.00', debitCredit: 'C', reverses: later.id });
      const { outcomes } = await engineWith().applyBatch([debit, early, tooEarly, later]);
      expect(outcomes.map((outcome) => outcome.reason)).toEqual([null, null, 'reversal_target_not_found', null]);
      // A reversal that another rule rejected in the batch is a rejected original for the next.
      const rejectedHere = posting({ amount: '1.00', debitCredit: 'D', eventCode: 999 });
      const { outcomes: next } = await engineWith().applyBatch([rejectedHere, posting({ debitCredit: 'C', reverses: rejectedHere.id })]);
      expect(next.map((outcome) => outcome.reason)).toEqual(['event_not_found', 'reversal_target_rejected']);
    });

    test('a reversal is idempotent: the same again replays, another original is a conflict', async () => {
      const target = posting({ amount: '2.00', debitCredit: 'C' });
      await engineWith().applyBatch([target]);
      const undo = posting({ amount: '2.00', debitCredit: 'D', reverses: target.id });
      await engineWith().applyBatch([undo]);
      const { outcomes } = await engineWith().applyBatch([undo, { ...undo, reverses: original.id }]);
      expect(outcomes.map((outcome) => [outcome.reason, outcome.replay])).toEqual([[null, true], ['id_conflict', false]]);
      // A plain posting and a reversal with otherwise equal fields are different postings.
      expect((await engineWith().applyBatch([{ ...undo, reverses: null }])).outcomes[0]!.reason).toBe('id_conflict');
      expect(await findTransaction(db.database, target.id)).toMatchObject({ reversedAmount: '2.00', reversals: [undo.id] });
    });
  });

  describe('idempotency (I1)', () => {
    test('the same posting again gets its original outcome and writes nothing', async () => {
      const engine = engineWith();
      const first = posting({ amount: '3.00' });
      const rejected = posting({ eventCode: 999 });
      const original = await engine.applyBatch([first, rejected]);
      const counts = await rowCounts(db);
      // A retry through ingest may carry a new traceKey: still the same posting.
      const again = await engine.applyBatch([{ ...first, traceKey: crypto.randomUUID() }, rejected]);
      expect(again.outcomes).toEqual(original.outcomes.map((outcome) => ({ ...outcome, replay: true })));
      expect(await rowCounts(db)).toEqual({ ...counts, outbox: counts.outbox + 1 });
    });

    test('the same id with other fields is an id_conflict and the id keeps its outcome', async () => {
      const engine = engineWith();
      const first = posting({ amount: '4.00' });
      await engine.applyBatch([first]);
      const counts = await rowCounts(db);
      const { outcomes } = await engine.applyBatch([{ ...first, amount: '4.01' }]);
      expect(outcomes[0]).toMatchObject({ id: first.id, status: 'rejected', reason: 'id_conflict', replay: false });
      expect(await findTransaction(db.database, first.id)).toMatchObject({ status: 'posted', amount: '4.00' });
      expect(await rowCounts(db)).toEqual({ ...counts, outbox: counts.outbox + 1 });
    });

    test('repeats inside one batch: a replay of the first occurrence, or a conflict', async () => {
      const first = posting({ amount: '6.00' });
      const { outcomes } = await engineWith().applyBatch([first, first, { ...first, debitCredit: 'D' }]);
      expect(outcomes.map((outcome) => [outcome.status, outcome.reason, outcome.replay])).toEqual([
        ['posted', null, false], ['posted', null, true], ['rejected', 'id_conflict', false],
      ]);
      const { rows } = await db.database.query(`select 1 from flow.transaction where id = $1`, [first.id]);
      expect(rows).toHaveLength(1);
      expect(await reconcileBalances(db.database)).toEqual([]);
    });

    test('the producer is stored, read back, searchable and carried in the outcome', async () => {
      const stamped = posting({ producer: 'bank-a', amount: '3.00' });
      const rejectedOne = posting({ producer: 'bank-a', eventCode: 999 });
      const { outcomes } = await engineWith().applyBatch([stamped, rejectedOne, posting()]);
      expect(outcomes.map((outcome) => outcome.producer)).toEqual(['bank-a', 'bank-a', undefined]);
      expect(await findTransaction(db.database, stamped.id)).toMatchObject({ status: 'posted', producer: 'bank-a' });
      expect(await findTransaction(db.database, rejectedOne.id)).toMatchObject({ status: 'rejected', producer: 'bank-a' });
      const found = await searchTransactions(db.database, { producer: 'bank-a' });
      expect(found.items.map((item) => item.id)).toEqual([stamped.id]);
    });

    test('an id another producer recorded is a conflict for this one, a replay for its own', async () => {
      const engine = engineWith();
      const original = posting({ producer: 'bank-a', amount: '2.22' });
      await engine.applyBatch([original]);
      const { outcomes } = await engine.applyBatch([{ ...original, producer: 'bank-b' }, original]);
      expect(outcomes.map((outcome) => [outcome.producer, outcome.reason, outcome.replay])).toEqual([
        ['bank-b', 'id_conflict', false], ['bank-a', null, true],
      ]);
      const fresh = posting({ producer: 'bank-a' });
      const inOneBatch = await engine.applyBatch([fresh, { ...fresh, producer: 'bank-b' }]);
      expect(inOneBatch.outcomes.map((outcome) => [outcome.producer, outcome.reason])).toEqual([['bank-a', null], ['bank-b', 'id_conflict']]);
    });

    test('details with keys in another order are the same posting', async () => {
      const first = posting({ details: { a: 1, b: { c: 2, d: 3 } } });
      await engineWith().applyBatch([first]);
      const { outcomes } = await engineWith().applyBatch([{ ...first, details: { b: { d: 3, c: 2 }, a: 1 } }]);
      expect(outcomes[0]).toMatchObject({ status: 'posted', replay: true });
    });
  });

  test('the outbox row of a batch holds exactly its outcomes', async () => {
    const batch = [posting(), posting({ eventCode: 999 })];
    const { outcomes, outboxRows } = await engineWith().applyBatch(batch);
    expect(outboxRows).toHaveLength(1);
    const { outboxId } = outboxRows[0]!;
    const { rows } = await db.database.query<{ outcomes: unknown; outcome_count: number; sent_at: Date | null }>(
      'select outcomes, outcome_count, sent_at from flow.outbox where id = $1', [outboxId]);
    expect(rows).toEqual([{ outcomes, outcome_count: 2, sent_at: null }]);
  });

  test('a month with no partition yet is created on demand, outside the batch', async () => {
    const farFuture = () => new Date('2031-03-01T12:00:00Z');
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now: farFuture });
    const { outcomes } = await engine.applyBatch([
      posting({ dateRef: '2031-02-27' }), posting({ dateRef: '2031-03-01', debitCredit: 'D' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['posted', 'posted']);
    const { rows } = await db.database.query<{ name: string }>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
       where i.inhparent = 'flow.transaction'::regclass and c.relname like 'transaction_2031_%' order by 1`);
    expect(rows.map((row) => row.name)).toEqual(['transaction_2031_02', 'transaction_2031_03']);
    expect(await reconcileBalances(db.database)).toEqual([]);
  });

  test('a batch over the limit or empty is a caller bug and throws', async () => {
    await expect(engineWith().applyBatch([])).rejects.toThrow('at least one posting');
    const tooMany = Array.from({ length: batchPostingsMax + 1 }, () => posting());
    await expect(engineWith().applyBatch(tooMany)).rejects.toThrow(`at most ${batchPostingsMax} postings`);
  });
});

async function rowCounts(db: TestDatabase) {
  const { rows } = await db.database.query<{ posting: string; transaction: string; balance: string; outbox: string }>(`
    select (select count(*) from flow.posting) as posting, (select count(*) from flow.transaction) as transaction,
           (select sum(transaction_count) from flow.balance) as balance, (select count(*) from flow.outbox) as outbox`);
  const counts = rows[0]!;
  return { posting: Number(counts.posting), transaction: Number(counts.transaction), balance: Number(counts.balance), outbox: Number(counts.outbox) };
}
