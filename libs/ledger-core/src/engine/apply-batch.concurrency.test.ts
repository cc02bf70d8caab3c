// Invariants I1 and I2 with several workers at once (docs/invariants.md, docs/engine.md): four engine
// instances share one pool and apply batches in rounds, all four at the same moment. Batches
// backdate at random across the retro window, some are sent by two appliers at once and again
// later, and "twin" batches reuse each other's ids in reverse order on other accounts, so the
// account locks cannot order them and only the id order of insert-postings keeps them apart.
// Nothing may fail, nothing may be retried (the total lock order makes deadlocks impossible,
// not merely survivable), every id has one outcome and balances equal the ledger. A last test
// replays the twins' race step by step, with a third session holding the winner at a row lock.
// Another scenario sends reversals of a few originals from all four appliers at once, often two
// of one original in one batch: what was reversed of an original never exceeds it. The hot, wide
// and reversal scenarios run again with each batch split into account-hash stripes (stripes.ts),
// one database transaction and outbox row each, the appliers starting at different stripes.
// PGlite has one connection, so this suite needs real PostgreSQL. The plan is pseudo-random:
// the seed is in the test name; FLOW_CONCURRENCY_SEED=<seed> plans the same batches again.
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { formatCents, parseCents, type Posting } from '@flow/contracts';
import { createAccount, findAccount } from '../catalog/accounts.ts';
import type { Database } from '../database/port.ts';
import { reconcileBalances } from '../queries/reconciliation.ts';
import { addDays } from '../rules/business-date.ts';
import { ledgerRules, type LedgerRules } from '../rules/ledger-rules.ts';
import { fixtureEvents, postgresTarget, registerBranches, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { createLedgerEngine, type BatchResult } from './apply-batch.ts';
import type { PostingOutcome } from './outcome.ts';

const appliersCount = 4;
/** Stripes of the striped runs: more than the appliers' start offsets repeat, so stripes collide too. */
const stripesCount = 3;
// 12:00 in São Paulo; the 7-day window (Nov 26 … Dec 3) spans two monthly partitions.
const now = () => new Date('2026-12-03T15:00:00Z');
const today = '2026-12-03';
const retroWindowDays = 7;
const seed = Number(process.env.FLOW_CONCURRENCY_SEED ?? Math.floor(Math.random() * 2 ** 31));

const target = postgresTarget();
const describeOnPostgres = target === null ? describe.skip : describe;
const suiteName = target === null
  ? 'posting engine under concurrent appliers (skipped: needs real PostgreSQL, set FLOW_TEST_DATABASE_URL)'
  : 'posting engine under concurrent appliers on postgres';

// ---- the plan ------------------------------------------------------------------------------

interface Batch {
  readonly label: string;
  readonly postings: readonly Posting[];
}

interface Scenario {
  readonly branch: string;
  readonly accounts: readonly string[];
  readonly rules: LedgerRules;
  readonly rounds: number;
  readonly batchSize: { readonly min: number; readonly max: number };
}

interface Plan {
  /** Each round gives one batch to each applier; the same batch twice is a concurrent re-send. */
  readonly rounds: readonly (readonly Batch[])[];
  /** Batches sent again after every round is done, four at a time. */
  readonly later: readonly Batch[];
}

/** A small seeded generator (mulberry32): the same seed plans the same batches. */
function randomSource(start: number): { int(min: number, max: number): number; chance(p: number): boolean; uuid(): string } {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (digits: number) => Array.from({ length: digits }, () => int(0, 15).toString(16)).join('');
  return {
    int,
    chance: (p) => next() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
  };
}

function planOf(scenario: Scenario, random: ReturnType<typeof randomSource>): Plan {
  const { branch, accounts } = scenario;
  const half = Math.floor(accounts.length / 2);
  let batches = 0;
  const posting = (account: string): Posting => ({
    id: random.uuid(), traceKey: random.uuid(), branch, account,
    amount: formatCents(BigInt(random.int(1, 100_000))), debitCredit: random.chance(0.5) ? 'C' : 'D',
    eventCode: fixtureEvents.both, description: null, details: null,
    // A few a day before the window: rejections must be exactly-once too.
    dateRef: addDays(today, random.chance(0.03) ? -retroWindowDays - 1 : -random.int(0, retroWindowDays)),
  });
  const size = () => random.int(scenario.batchSize.min, scenario.batchSize.max);
  const batchOf = (kind: string, postings: Posting[]): Batch => ({ label: `${kind} #${++batches}`, postings });
  const fresh = () => batchOf('fresh', Array.from({ length: size() }, () => posting(accounts[random.int(0, accounts.length - 1)]!)));
  // The twin reuses every id in reverse order on the matching account of the other half.
  const twins = (): Batch[] => {
    const first = Array.from({ length: size() }, () => posting(accounts[random.int(0, half - 1)]!));
    const second = first.map((item) => ({ ...item, traceKey: random.uuid(), account: accounts[accounts.indexOf(item.account) + half]! }));
    return [batchOf('twin', first), batchOf('twin', second.reverse())];
  };

  const rounds: Batch[][] = [];
  const sent: Batch[] = [];
  for (let round = 0; round < scenario.rounds; round++) {
    const pairs = Array.from({ length: appliersCount / 2 }, (): Batch[] => {
      const kind = random.int(0, 2);
      if (kind === 0) return twins();
      if (kind === 1) {
        const batch = fresh();
        return [{ ...batch, label: `re-sent ${batch.label}` }, batch];
      }
      return [fresh(), fresh()];
    }).flat();
    const shuffled = pairs.map((batch) => ({ batch, key: random.int(0, 1_000_000) })).sort((a, b) => a.key - b.key).map(({ batch }) => batch);
    rounds.push(shuffled);
    for (const batch of shuffled) if (!sent.some((earlier) => earlier.postings === batch.postings)) sent.push(batch);
  }
  const later = Array.from({ length: appliersCount * 2 }, () => sent[random.int(0, sent.length - 1)]!);
  return { rounds, later: later.map((batch) => ({ ...batch, label: `later ${batch.label}` })) };
}

// ---- running it ----------------------------------------------------------------------------

interface Application {
  readonly batch: Batch;
  readonly result: BatchResult | null;
  readonly error: string | null;
}

/** Every round starts all appliers at once and waits for all of them; no error is swallowed. */
async function runPlan(database: Database, rules: LedgerRules, plan: Plan, stripes = 1): Promise<Application[]> {
  const appliers = Array.from({ length: appliersCount }, () => createLedgerEngine({ database, rules, now, stripes }));
  const applications: Application[] = [];
  const laterRounds = Array.from({ length: Math.ceil(plan.later.length / appliersCount) },
    (_, index) => plan.later.slice(index * appliersCount, (index + 1) * appliersCount));
  for (const round of [...plan.rounds, ...laterRounds]) {
    const settled = await Promise.allSettled(round.map((batch, index) => appliers[index]!.applyBatch(batch.postings)));
    settled.forEach((outcome, index) => applications.push(outcome.status === 'fulfilled'
      ? { batch: round[index]!, result: outcome.value, error: null }
      : { batch: round[index]!, result: null, error: describeError(outcome.reason) }));
  }
  return applications;
}

function describeError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'no code';
  return `${code}: ${error instanceof Error ? error.message : String(error)}`;
}

// ---- the suite -----------------------------------------------------------------------------

describeOnPostgres(suiteName, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target!.create({ poolSize: appliersCount * 2 });
    await seedCatalog(db.database);
    await registerBranches(db.database, ['hot', 'wide', 'race', 'rev', 'hotS', 'wideS', 'revS']);
  });
  afterAll(() => db?.drop());

  const hot: Scenario = {
    branch: 'hot',
    accounts: Array.from({ length: 10 }, (_, index) => `H${index}`),
    rules: ledgerRules({ retroWindowDays, autoOpenAccounts: false }),
    rounds: 80,
    batchSize: { min: 10, max: 60 },
  };
  const wide: Scenario = {
    branch: 'wide',
    accounts: Array.from({ length: 10_000 }, (_, index) => `W${String(index).padStart(5, '0')}`),
    rules: ledgerRules({ retroWindowDays, autoOpenAccounts: true }),
    rounds: 30,
    batchSize: { min: 100, max: 250 },
  };

  test(`a hot set of ${hot.accounts.length} registered accounts (seed ${seed})`, async () => {
    for (const account of hot.accounts) {
      await createAccount(db.database, { branch: hot.branch, account, status: 'active', holderName: null });
    }
    await checkScenario(db.database, hot, planOf(hot, randomSource(seed)));
  });

  test(`a wide set of ${wide.accounts.length} accounts opened on first posting (seed ${seed})`, async () => {
    await checkScenario(db.database, wide, planOf(wide, randomSource(seed + 1)));
  });

  test(`the hot set with batches in ${stripesCount} account-hash stripes (seed ${seed})`, async () => {
    const striped = { ...hot, branch: 'hotS' };
    for (const account of striped.accounts) {
      await createAccount(db.database, { branch: striped.branch, account, status: 'active', holderName: null });
    }
    await checkScenario(db.database, striped, planOf(striped, randomSource(seed + 3)), stripesCount);
  });

  test(`the wide set with batches in ${stripesCount} account-hash stripes (seed ${seed})`, async () => {
    await checkScenario(db.database, { ...wide, branch: 'wideS' }, planOf({ ...wide, branch: 'wideS' }, randomSource(seed + 4)), stripesCount);
  });

  test.each([
    { branch: 'rev', stripes: 1, offset: 2 }, { branch: 'revS', stripes: stripesCount, offset: 5 },
  ])(`concurrent reversals of one original never exceed it, within a batch or across, in $stripes stripe(s) (seed ${seed})`, async ({ branch, stripes, offset }) => {
    const random = randomSource(seed + offset);
    const rules = ledgerRules({ retroWindowDays, autoOpenAccounts: false });
    const accounts = ['R0', 'R1', 'R2'];
    for (const account of accounts) await createAccount(db.database, { branch, account, status: 'active', holderName: null });
    const entry = (account: string, fields: Partial<Posting>): Posting => ({
      id: random.uuid(), traceKey: random.uuid(), branch, account, amount: '100.00', debitCredit: 'C',
      eventCode: fixtureEvents.both, description: null, details: null, dateRef: addDays(today, -random.int(0, retroWindowDays)), ...fields,
    });
    const originals = accounts.flatMap((account) => [entry(account, { debitCredit: 'C' }), entry(account, { debitCredit: 'D' })]);
    await createLedgerEngine({ database: db.database, rules, now }).applyBatch(originals);
    const reversal = (original: Posting) => entry(original.account, {
      amount: formatCents(BigInt(random.int(1, 4_000))), debitCredit: original.debitCredit === 'C' ? 'D' : 'C', reverses: original.id,
    });
    // Each batch: plain entries, and reversals of random originals, the same original twice in a row at times.
    const batchOf = (label: number): Batch => ({ label: `reversals #${label}`, postings: Array.from({ length: random.int(2, 8) }, () => {
      const original = originals[random.int(0, originals.length - 1)]!;
      return random.chance(0.2) ? entry(original.account, { amount: '1.00' })
        : random.chance(0.3) ? [reversal(original), reversal(original)] : reversal(original);
    }).flat() });
    let label = 0;
    const plan: Plan = { rounds: Array.from({ length: 25 }, () => Array.from({ length: appliersCount }, () => batchOf(++label))), later: [] };
    const applications = await runPlan(db.database, rules, plan, stripes);
    expectStripedWhenAsked(applications, stripes);
    expect(applications.filter((item) => item.error !== null).map((item) => `${item.batch.label}: ${item.error}`)).toEqual([]);

    const outcomes = applications.flatMap(({ batch, result }) => result!.outcomes.map((outcome, index) => ({ outcome, posting: batch.postings[index]! })));
    const reasons = new Set(outcomes.map(({ outcome }) => outcome.reason));
    expect([reasons.has(null), reasons.has('reversal_exceeds_remainder')]).toEqual([true, true]);
    for (const original of originals) {
      const { rows } = await db.database.query<{ reversed: string }>(
        `select coalesce(sum(amount), 0)::numeric(15,2)::text as reversed from flow.transaction where reverses = $1`, [original.id]);
      const reversedCents = parseCents(rows[0]!.reversed);
      const remainder = parseCents(original.amount) - reversedCents;
      expect(remainder >= 0n).toBe(true);
      // The remainder only shrinks, so every refused reversal asked for more than what is left now.
      const refused = outcomes.filter(({ posting, outcome }) => posting.reverses === original.id && outcome.reason === 'reversal_exceeds_remainder');
      expect(refused.filter(({ posting }) => parseCents(posting.amount) <= remainder).map(({ posting }) => posting.id)).toEqual([]);
      const posted = outcomes.filter(({ posting, outcome }) => posting.reverses === original.id && outcome.status === 'posted');
      expect(formatCents(posted.reduce((sum, { posting }) => sum + parseCents(posting.amount), 0n))).toBe(rows[0]!.reversed);
    }
    expect(await reconcileBalances(db.database, { branch })).toEqual([]);
  });

  // The race of the twin batches, made deterministic: batch A inserts id X on account RA and is
  // held (a third session locks RA's balance row) until batch B, the same id X twice on account
  // RB, has decided X is new and waits on A's uncommitted X. Then A commits.
  let race: { a: BatchResult; b: BatchResult; rbAccount: unknown } | null = null;
  test('a posting that loses its id to a concurrent batch is rejected as a conflict', async () => {
    const rules = ledgerRules({ retroWindowDays, autoOpenAccounts: true });
    const engineA = createLedgerEngine({ database: db.database, rules, now });
    const engineB = createLedgerEngine({ database: db.database, rules, now });
    const posting = (account: string, id: string): Posting => ({
      id, traceKey: crypto.randomUUID(), branch: 'race', account, amount: '10.00', debitCredit: 'C',
      eventCode: fixtureEvents.both, description: null, details: null, dateRef: today,
    });
    await engineA.applyBatch([posting('RA', crypto.randomUUID())]);
    const id = crypto.randomUUID();
    const holder = new pg.Client({ connectionString: db.url! });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select 1 from flow.balance where branch = 'race' and account = 'RA' for update`);
      const holderPid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const batchA = engineA.applyBatch([posting('RA', id)]);
      const batchAPid = await blockedBy(db.database, holderPid);
      const repeated = posting('RB', id);
      const batchB = engineB.applyBatch([repeated, repeated]);
      await blockedBy(db.database, batchAPid);
      await holder.query('commit');
      const [a, b] = await Promise.all([batchA, batchB]);
      race = { a, b, rbAccount: await findAccount(db.database, 'race', 'RB') };
    } finally {
      await holder.end();
    }
    expect([race.a.attempts, race.b.attempts]).toEqual([1, 1]);
    expect(race.a.outcomes.map(({ status, replay }) => ({ status, replay }))).toEqual([{ status: 'posted', replay: false }]);
    expect(race.b.outcomes[0]).toEqual({
      id, traceKey: race.b.outcomes[0]!.traceKey, branch: 'race', account: 'RB', dateRef: today,
      status: 'rejected', reason: 'id_conflict', replay: false,
    });
    const differences = await reconcileBalances(db.database, { branch: 'race' });
    expect(differences).toEqual([]);
  });

  // Racing A, batch B must behave as when applied after A (what the model suite checks): two
  // plain conflicts, and no account opened for it.
  test('… and its repeat in the same batch is a conflict, not a replay', () => {
    if (race === null) throw new Error('the race test above did not finish');
    expect(race.b.outcomes.map(({ reason, replay }) => ({ reason, replay })))
      .toEqual([{ reason: 'id_conflict', replay: false }, { reason: 'id_conflict', replay: false }]);
  });

  test('… and it opens no account, as nothing was posted to it', () => {
    if (race === null) throw new Error('the race test above did not finish');
    expect(race.rbAccount).toBeNull();
  });
});

/** With stripes, most batches of several accounts commit more than one transaction; without, every batch one. */
function expectStripedWhenAsked(applications: readonly Application[], stripes: number): void {
  const rowCounts = applications.flatMap(({ result }) => (result === null ? [] : [result.outboxRows.length]));
  if (stripes === 1) expect(rowCounts.filter((count) => count !== 1)).toEqual([]);
  else expect(rowCounts.filter((count) => count > 1).length).toBeGreaterThan(rowCounts.length / 2);
}

/**
 * Waits (at most 10 s) for a session blocked by session `blocker` and returns its pid. Polled
 * through the pool: a session's view of the activity statistics is frozen for the length of its
 * transaction, so the lock holder cannot watch for itself.
 */
async function blockedBy(database: Database, blocker: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await database.query<{ pid: number }>(
      'select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [blocker]);
    if (rows[0] !== undefined) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no session blocked by ${blocker} after 10 s`);
}

async function checkScenario(database: Database, scenario: Scenario, plan: Plan, stripes = 1): Promise<void> {
  const applications = await runPlan(database, scenario.rules, plan, stripes);
  expectStripedWhenAsked(applications, stripes);
  expect(applications.filter((item) => item.error !== null).map((item) => `${item.batch.label}: ${item.error}`)).toEqual([]);
  expect(applications.filter((item) => item.result!.attempts !== 1).map((item) => `${item.batch.label}: ${item.result!.attempts} attempts`))
    .toEqual([]);
  const originals = expectOneOutcomePerId(applications);
  expectReSentBatchesReplayed(applications, stripes);
  await expectOutboxRows(database, applications);
  await expectStoredLedger(database, scenario.branch, originals);
  const differences = await reconcileBalances(database, { branch: scenario.branch });
  expect({ differences: differences.length, first: differences.slice(0, 3) }).toEqual({ differences: 0, first: [] });
  await expectFinalBalances(database, scenario.branch, originals);
  if (scenario.rules.autoOpenAccounts) await expectNoAccountWithoutEntries(database, scenario.branch);
}

/** Auto-open registers an account only with a posted entry: none is opened by a lost race. */
async function expectNoAccountWithoutEntries(database: Database, branch: string): Promise<void> {
  const { rows } = await database.query<{ account: string }>(
    `select a.account from flow.account a
     where a.branch = $1 and not exists (
       select 1 from flow.transaction t where t.branch = a.branch and t.account = a.account)
     order by 1 limit 3`, [branch]);
  expect(rows).toEqual([]);
}

interface Original {
  readonly posting: Posting;
  readonly outcome: PostingOutcome;
}

/**
 * Exactly one application decided each id (replay false, not a conflict); every other outcome of
 * that id is its replay when the fields are the same, or `id_conflict` when they are not (I1).
 */
function expectOneOutcomePerId(applications: readonly Application[]): Map<string, Original> {
  const originals = new Map<string, Original>();
  const decidedTwice: string[] = [];
  for (const { batch, result } of applications) {
    result!.outcomes.forEach((outcome, index) => {
      if (outcome.replay || outcome.reason === 'id_conflict') return;
      if (originals.has(outcome.id)) decidedTwice.push(`${batch.label}: ${outcome.id}`);
      originals.set(outcome.id, { posting: batch.postings[index]!, outcome });
    });
  }
  expect(decidedTwice).toEqual([]);
  const ids = new Set(applications.flatMap(({ batch }) => batch.postings.map((posting) => posting.id)));
  expect([...ids].filter((id) => !originals.has(id))).toEqual([]);

  const unexpected: unknown[] = [];
  for (const { batch, result } of applications) {
    result!.outcomes.forEach((outcome, index) => {
      const posting = batch.postings[index]!;
      const original = originals.get(posting.id)!;
      const expected = original.outcome === outcome ? decisionOf(posting)
        : sameFields(posting, original.posting) ? { ...original.outcome, replay: true }
        : { ...outcomeFields(posting), status: 'rejected', reason: 'id_conflict', replay: false };
      if (!isDeepStrictEqual(outcome, expected)) unexpected.push({ batch: batch.label, outcome, expected });
    });
  }
  expect(unexpected).toEqual([]);
  return originals;
}

/** What the rules decide for a posting of this plan: posted, unless dated before the window. */
function decisionOf(posting: Posting): PostingOutcome {
  const early = posting.dateRef < addDays(today, -retroWindowDays);
  return { ...outcomeFields(posting), status: early ? 'rejected' : 'posted', reason: early ? 'date_ref_outside_window' : null, replay: false };
}

function outcomeFields({ id, traceKey, branch, account, dateRef }: Posting): Pick<PostingOutcome, 'id' | 'traceKey' | 'branch' | 'account' | 'dateRef'> {
  return { id, traceKey, branch, account, dateRef };
}

function sameFields(a: Posting, b: Posting): boolean {
  return a.branch === b.branch && a.account === b.account && a.amount === b.amount && a.debitCredit === b.debitCredit
    && a.eventCode === b.eventCode && a.dateRef === b.dateRef;
}

/**
 * A batch sent twice at once: one application decides it whole, the other replays it whole. In
 * stripes, the two applications start at different stripes, so each may decide the stripes it
 * reached first and replay the others: still one decision per id (expectOneOutcomePerId).
 */
function expectReSentBatchesReplayed(applications: readonly Application[], stripes: number): void {
  const byBatch = new Map<readonly Posting[], Application[]>();
  for (const application of applications) {
    byBatch.set(application.batch.postings, [...(byBatch.get(application.batch.postings) ?? []), application]);
  }
  const resent = [...byBatch.values()].filter((group) => group.length > 1);
  expect(resent.length).toBeGreaterThan(0);
  for (const group of resent) {
    const [first, ...again] = group.map((application) => application.result!.outcomes);
    const deciding = group.filter((application) => application.result!.outcomes.some((outcome) => !outcome.replay));
    // A twin's lost ids stay conflicts (replay false) in every application; the check above covers them.
    if (!group[0]!.batch.label.includes('twin') && stripes === 1) expect(deciding.map((application) => application.batch.label)).toHaveLength(1);
    for (const outcomes of again) {
      // Equal to the first outcomes, as replays (a conflict stays a conflict).
      expect(outcomes.map(({ replay: _replay, ...outcome }) => outcome)).toEqual(first!.map(({ replay: _replay, ...outcome }) => outcome));
    }
  }
}

/**
 * Every committed batch has outbox rows of its own, one per database transaction (per stripe),
 * each holding exactly the outcomes the batch says it holds, and together all of them (I5).
 */
async function expectOutboxRows(database: Database, applications: readonly Application[]): Promise<void> {
  const outboxIds = applications.flatMap((application) => application.result!.outboxRows.map((row) => row.outboxId));
  expect(new Set(outboxIds).size).toBe(outboxIds.length);
  const { rows } = await database.query<{ id: string; outcomes: unknown }>(
    'select id::text as id, outcomes from flow.outbox where id = any($1::bigint[])', [outboxIds]);
  const stored = new Map(rows.map((row) => [row.id, row.outcomes]));
  const json = (outcomes: readonly PostingOutcome[]) => outcomes.map((outcome) => JSON.stringify(outcome)).sort();
  const different = applications.filter(({ result }) => result!.outboxRows
    .some((row) => !isDeepStrictEqual(stored.get(row.outboxId), JSON.parse(JSON.stringify(row.outcomes))))
    || !isDeepStrictEqual(json(result!.outboxRows.flatMap((row) => row.outcomes)), json(result!.outcomes)));
  expect(different.map((application) => application.batch.label)).toEqual([]);
}

/** One flow.posting row per id with its one outcome; one flow.transaction row per posted id. */
async function expectStoredLedger(database: Database, branch: string, originals: ReadonlyMap<string, Original>): Promise<void> {
  const postingRows = await database.query<{ id: string; status: string; reason: string | null; account: string }>(
    'select id, status, reason, account from flow.posting where branch = $1 order by id', [branch]);
  expect(postingRows.rows).toEqual([...originals.values()]
    .map(({ outcome }) => ({ id: outcome.id, status: outcome.status, reason: outcome.reason, account: outcome.account }))
    .sort((a, b) => (a.id < b.id ? -1 : 1)));

  const transactionRows = await database.query<{ id: string; account: string; amount: string; debitCredit: string; dateRef: string }>(`
    select id, account, amount::text as amount, debit_credit as "debitCredit", date_ref as "dateRef"
    from flow.transaction where branch = $1 order by id`, [branch]);
  expect(transactionRows.rows).toEqual([...originals.values()]
    .filter(({ outcome }) => outcome.status === 'posted')
    .map(({ posting: { id, account, amount, debitCredit, dateRef } }) => ({ id, account, amount, debitCredit, dateRef }))
    .sort((a, b) => (a.id < b.id ? -1 : 1)));
}

/** Each account ends on the sum of its posted amounts, credits minus debits. */
async function expectFinalBalances(database: Database, branch: string, originals: ReadonlyMap<string, Original>): Promise<void> {
  const expected = new Map<string, bigint>();
  for (const { posting, outcome } of originals.values()) {
    if (outcome.status !== 'posted') continue;
    const cents = parseCents(posting.amount) * (posting.debitCredit === 'C' ? 1n : -1n);
    expected.set(posting.account, (expected.get(posting.account) ?? 0n) + cents);
  }
  const { rows } = await database.query<{ account: string; balance: string }>(`
    select distinct on (account) account, (accumulated_credit - accumulated_debit)::text as balance
    from flow.balance where branch = $1 and date_ref <= $2 order by account, date_ref desc`, [branch, today]);
  expect(rows).toEqual([...expected]
    .map(([account, cents]) => ({ account, balance: formatCents(cents) }))
    .sort((a, b) => (a.account < b.account ? -1 : 1)));
}
