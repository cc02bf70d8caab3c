// Invariants I1–I3 of the posting engine under randomized workloads (docs/invariants.md): random
// catalogs (branches too), rules, clocks and batches with reversals go through the engine and
// through the reference model (reference-model.ts), and every outcome, stored outcome, reversal
// sum, balance change, daily balance and statement line must agree; each run applies its batches
// whole or in 2 or 3 account-hash stripes (stripes.ts), and every outbox row of a batch is checked.
// One database per target; each fast-check run gets its own branches, so runs never see
// each other's accounts. A failure prints the seed and path; replay it with
// FLOW_MODEL_SEED=<seed> FLOW_MODEL_PATH=<path>, and FLOW_MODEL_RUNS=<n> runs more workloads.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { formatCents, limits, parseCents, type DebitCredit, type Posting } from '@flow/contracts';
import { createAccount, updateAccount } from '../catalog/accounts.ts';
import { createBranch, updateBranch } from '../catalog/branches.ts';
import { listEvents } from '../catalog/events.ts';
import type { Database } from '../database/port.ts';
import { pageLimitMax } from '../limits.ts';
import { readDailyBalances } from '../queries/balances.ts';
import { reconcileBalances } from '../queries/reconciliation.ts';
import { readStatement } from '../queries/statement.ts';
import { findTransaction } from '../queries/transactions.ts';
import { addDays } from '../rules/business-date.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { databaseTargets, fixtureEvents, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { createLedgerEngine, type BatchResult, type LedgerEngine } from './apply-batch.ts';
import type { AccountStatus, BranchStatus, EventRule } from './outcome.ts';
import { ReferenceLedger } from './reference-model.ts';

// Sized so the file takes about a minute on PGlite plus PostgreSQL on two cores. Reversals and
// branches made each run dearer (more statements a batch, a reversal lookup per stored outcome:
// 250 runs went from 57 to 91 s on PGlite on a loaded machine), so 200 runs keep the file's time.
const runsPerTarget = Number(process.env.FLOW_MODEL_RUNS ?? 200);
const replay = process.env.FLOW_MODEL_SEED === undefined
  ? {}
  : { seed: Number(process.env.FLOW_MODEL_SEED), path: process.env.FLOW_MODEL_PATH };
/**
 * Bounds the property, shrinking included, so a failure is printed before jest's timeout. Three
 * times what the runs needed on a machine loaded fifteen-fold; running out of time is itself a
 * failure, never a pass with fewer runs.
 */
const propertyTimeLimitMs = 240_000 * Math.max(1, runsPerTarget / 200);

const accountSlots = 6;
const unknownEventCode = 999;
const eventCodes = [fixtureEvents.both, fixtureEvents.creditOnly, fixtureEvents.debitOnly, fixtureEvents.inactive, unknownEventCode];
const amountMaxCents = parseCents(limits.amountMax);
/** Fixed-offset zones (no daylight saving), so the test can say which day `now` falls on. */
const timeZones = [['America/Sao_Paulo', '-03:00'], ['Asia/Tokyo', '+09:00'], ['UTC', '+00:00']] as const;
const firstToday = '2026-01-01';

// ---- the workload, as generated ------------------------------------------------------------

/** `stranger`: an unknown account in a branch that is not registered. */
type AccountKind = AccountStatus | 'unknown' | 'stranger';
type Change = 'amount' | 'side' | 'event' | 'date' | 'account' | 'description' | 'details';
type Details = Record<string, unknown> | null;

interface FreshStep {
  readonly kind: 'fresh';
  readonly slot: number;
  readonly amount: { readonly size: 'small' | 'atLimit' | 'aboveLimit' | 'any'; readonly cents: bigint };
  readonly side: DebitCredit;
  readonly eventCode: number;
  readonly date: { readonly where: 'inside' | 'before' | 'after'; readonly step: number };
  readonly description: string | null;
  readonly details: Details;
}
/** Sends an earlier posting again: same id and fields, maybe another trace key or key order. */
interface RepeatStep { readonly kind: 'repeat'; readonly back: number; readonly newTraceKey: boolean; readonly reorderDetails: boolean }
/** Reuses an earlier id with one field changed. */
interface ConflictStep { readonly kind: 'conflict'; readonly back: number; readonly change: Change; readonly newTraceKey: boolean }
/**
 * Reverses an earlier posting (estorno): all of it, a part or more than it, mostly on its account
 * and opposite side; sometimes on another account, the same side or an id never sent.
 */
interface ReverseStep {
  readonly kind: 'reverse';
  readonly back: number;
  readonly portion: 'all' | 'third' | 'above';
  readonly twist: 'none' | 'sameSide' | 'otherAccount' | 'unknownTarget';
  readonly daysBack: number;
}
type Step = FreshStep | RepeatStep | ConflictStep | ReverseStep;

interface BatchSpec {
  /** A catalog change applied before the batch. */
  readonly statusChange: { readonly slot: number; readonly status: AccountStatus } | null;
  /** A branch status change applied before the batch (branch 0 or 1 of the run). */
  readonly branchChange: { readonly branch: number; readonly status: BranchStatus } | null;
  readonly steps: readonly Step[];
}

interface RunSpec {
  readonly todayOffset: number;
  readonly minuteOfDay: number;
  readonly timeZone: number;
  readonly retroWindowDays: number;
  readonly autoOpenAccounts: boolean;
  readonly amountLimitCents: bigint;
  readonly accountKinds: readonly AccountKind[];
  readonly batches: readonly BatchSpec[];
  /** The engine's account-hash stripes: 1 applies a batch in one transaction. */
  readonly stripes: number;
}

const detailsArbitrary: fc.Arbitrary<Details> = fc.option(fc.record({
  channel: fc.constantFrom('pix', 'ted', 'boleto'),
  n: fc.integer({ min: 0, max: 99 }),
  nested: fc.record({ x: fc.boolean(), y: fc.integer({ min: 0, max: 9 }), z: fc.constantFrom('a', 'ü') }),
}, { requiredKeys: [] }), { nil: null });

const freshStep: fc.Arbitrary<FreshStep> = fc.record({
  kind: fc.constant('fresh' as const),
  slot: fc.integer({ min: 0, max: accountSlots - 1 }),
  amount: fc.record({
    size: fc.oneof(
      { weight: 10, arbitrary: fc.constant('small' as const) }, { weight: 1, arbitrary: fc.constant('atLimit' as const) },
      { weight: 1, arbitrary: fc.constant('aboveLimit' as const) }, { weight: 1, arbitrary: fc.constant('any' as const) }),
    cents: fc.bigInt({ min: 1n, max: amountMaxCents }),
  }),
  side: fc.constantFrom<DebitCredit>('C', 'D'),
  eventCode: fc.oneof(
    { weight: 12, arbitrary: fc.constant<number>(fixtureEvents.both) }, { weight: 3, arbitrary: fc.constantFrom(...eventCodes) }),
  date: fc.record({
    where: fc.oneof(
      { weight: 12, arbitrary: fc.constant('inside' as const) }, { weight: 1, arbitrary: fc.constant('before' as const) },
      { weight: 1, arbitrary: fc.constant('after' as const) }),
    step: fc.nat({ max: 40 }),
  }),
  description: fc.constantFrom(null, 'Transferência', 'Tarifa mensal', 'pagamento "PIX" \\ 50%'),
  details: detailsArbitrary,
});

const reverseStep: fc.Arbitrary<ReverseStep> = fc.record({
  kind: fc.constant('reverse' as const),
  back: fc.nat({ max: 24 }),
  portion: fc.constantFrom('all' as const, 'third' as const, 'third' as const, 'above' as const),
  twist: fc.oneof(
    { weight: 8, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom('sameSide' as const, 'otherAccount' as const, 'unknownTarget' as const) }),
  daysBack: fc.nat({ max: 40 }),
});

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: freshStep },
  { weight: 3, arbitrary: reverseStep },
  { weight: 2, arbitrary: fc.record({
    kind: fc.constant('repeat' as const), back: fc.nat({ max: 24 }), newTraceKey: fc.boolean(), reorderDetails: fc.boolean(),
  }) },
  { weight: 1, arbitrary: fc.record({
    kind: fc.constant('conflict' as const), back: fc.nat({ max: 24 }),
    change: fc.constantFrom<Change>('amount', 'side', 'event', 'date', 'account', 'description', 'details'),
    newTraceKey: fc.boolean(),
  }) },
);

const runSpec: fc.Arbitrary<RunSpec> = fc.record({
  stripes: fc.integer({ min: 1, max: 3 }),
  todayOffset: fc.nat({ max: 730 }),
  minuteOfDay: fc.nat({ max: 24 * 60 - 1 }),
  timeZone: fc.nat({ max: timeZones.length - 1 }),
  retroWindowDays: fc.nat({ max: 10 }),
  autoOpenAccounts: fc.boolean(),
  amountLimitCents: fc.oneof(fc.constant(amountMaxCents), fc.bigInt({ min: 5_000n, max: 10_000_000n })),
  accountKinds: fc.array(fc.oneof(
    { weight: 6, arbitrary: fc.constant<AccountKind>('active') }, { weight: 1, arbitrary: fc.constant<AccountKind>('blocked') },
    { weight: 1, arbitrary: fc.constant<AccountKind>('closed') }, { weight: 2, arbitrary: fc.constant<AccountKind>('unknown') },
    { weight: 1, arbitrary: fc.constant<AccountKind>('stranger') },
  ), { minLength: accountSlots, maxLength: accountSlots }),
  batches: fc.array(fc.record({
    statusChange: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.record({
        slot: fc.integer({ min: 0, max: accountSlots - 1 }),
        status: fc.constantFrom<AccountStatus>('active', 'blocked', 'closed'),
      }) },
    ),
    branchChange: fc.oneof(
      { weight: 10, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.record({ branch: fc.nat({ max: 1 }), status: fc.constantFrom<BranchStatus>('active', 'closed') }) },
    ),
    steps: fc.array(step, { minLength: 1, maxLength: 14 }),
  }), { minLength: 1, maxLength: 7 }),
});

// ---- the workload, resolved into postings --------------------------------------------------

interface Slot { readonly branch: string; readonly account: string; readonly kind: AccountKind }

interface Run {
  readonly today: string;
  readonly now: Date;
  readonly windowStart: string;
  readonly slots: readonly Slot[];
  readonly branches: readonly string[];
  readonly batches: readonly { statusChange: BatchSpec['statusChange']; branchChange: BatchSpec['branchChange']; postings: Posting[] }[];
}

let runCount = 0;

/** Turns a generated spec into concrete postings under a namespace of its own. */
function resolveRun(spec: RunSpec): Run {
  const namespace = `m${++runCount}`;
  // Two registered branches and one never registered (the strangers' branch).
  const branches = [`${namespace}x`, `${namespace}y`, `${namespace}z`];
  // Slots 2k and 2k+1 share an account number in two branches: (branch, account) is the key.
  const slots = spec.accountKinds.map((kind, index) => ({
    branch: kind === 'stranger' ? branches[2]! : branches[index % 2]!, account: `A${index >> 1}`, kind,
  }));
  const today = addDays(firstToday, spec.todayOffset);
  const [, offset] = timeZones[spec.timeZone]!;
  const now = new Date(Date.parse(`${today}T00:00:00${offset}`) + spec.minuteOfDay * 60_000);
  let uuids = 0;
  const uuid = () => uuidOf(`${namespace}/${uuids++}`);
  const sent: { posting: Posting; slot: number }[] = [];

  const resolveStep = (item: Step): { posting: Posting; slot: number } | null => {
    if (item.kind === 'fresh') {
      const cents = amountOf(item.amount, spec.amountLimitCents);
      const dateRef = item.date.where === 'inside' ? addDays(today, -(item.date.step % (spec.retroWindowDays + 1)))
        : item.date.where === 'before' ? addDays(today, -spec.retroWindowDays - 1 - (item.date.step % 2))
        : addDays(today, 1 + (item.date.step % 2));
      const slot = slots[item.slot]!;
      return { slot: item.slot, posting: {
        id: uuid(), traceKey: uuid(), branch: slot.branch, account: slot.account, amount: formatCents(cents),
        debitCredit: item.side, eventCode: item.eventCode, description: item.description, details: item.details, dateRef,
      } };
    }
    if (sent.length === 0) return null;
    const earlier = sent[sent.length - 1 - (item.back % sent.length)]!;
    if (item.kind === 'reverse') return reversalOf(earlier, item, { today, retroWindowDays: spec.retroWindowDays, slots, uuid });
    const traceKey = item.newTraceKey ? uuid() : earlier.posting.traceKey;
    if (item.kind === 'repeat') {
      const details = item.reorderDetails ? reordered(earlier.posting.details) : earlier.posting.details;
      return { slot: earlier.slot, posting: { ...earlier.posting, traceKey, details } as Posting };
    }
    return changed(earlier, item.change, traceKey, slots);
  };

  const batches = spec.batches.map((batch) => {
    const postings: Posting[] = [];
    for (const item of batch.steps) {
      const resolved = resolveStep(item);
      if (resolved === null) continue;
      sent.push(resolved);
      postings.push(resolved.posting);
    }
    return { statusChange: batch.statusChange, branchChange: batch.branchChange, postings };
  }).filter((batch) => batch.postings.length > 0);
  return { today, now, windowStart: addDays(today, -spec.retroWindowDays), slots, branches, batches };
}

function amountOf(amount: FreshStep['amount'], limitCents: bigint): bigint {
  switch (amount.size) {
    case 'small': return 1n + (amount.cents % 100_000n);
    case 'atLimit': return limitCents;
    case 'aboveLimit': return limitCents < amountMaxCents ? limitCents + 1n : limitCents;
    case 'any': return amount.cents;
  }
}

/** A new posting reversing `earlier` as the step says, dated inside the window. */
function reversalOf(
  earlier: { posting: Posting; slot: number }, item: ReverseStep,
  run: { today: string; retroWindowDays: number; slots: readonly Slot[]; uuid: () => string },
): { posting: Posting; slot: number } {
  const cents = parseCents(earlier.posting.amount);
  const amount = item.portion === 'all' ? cents : item.portion === 'third' ? (cents / 3n > 0n ? cents / 3n : 1n)
    : cents < amountMaxCents ? cents + 1n : cents;
  const slot = item.twist === 'otherAccount' ? (earlier.slot + 1) % run.slots.length : earlier.slot;
  const side = earlier.posting.debitCredit === 'D' ? 'C' : 'D';
  return { slot, posting: {
    id: run.uuid(), traceKey: run.uuid(), branch: run.slots[slot]!.branch, account: run.slots[slot]!.account,
    amount: formatCents(amount), debitCredit: item.twist === 'sameSide' ? earlier.posting.debitCredit : side,
    eventCode: fixtureEvents.both, description: 'Estorno', details: null,
    dateRef: addDays(run.today, -(item.daysBack % (run.retroWindowDays + 1))),
    reverses: item.twist === 'unknownTarget' ? run.uuid() : earlier.posting.id,
  } };
}

/** The earlier posting with the same id and one business field changed. */
function changed(
  earlier: { posting: Posting; slot: number }, change: Change, traceKey: string, slots: readonly Slot[],
): { posting: Posting; slot: number } {
  const { posting } = earlier;
  const base = { ...posting, traceKey };
  switch (change) {
    case 'amount': {
      const cents = parseCents(posting.amount);
      return { slot: earlier.slot, posting: { ...base, amount: formatCents(cents === amountMaxCents ? cents - 1n : cents + 1n) } };
    }
    case 'side':
      return { slot: earlier.slot, posting: { ...base, debitCredit: posting.debitCredit === 'D' ? 'C' : 'D' } };
    case 'event': {
      const next = eventCodes[(eventCodes.indexOf(posting.eventCode) + 1) % eventCodes.length]!;
      return { slot: earlier.slot, posting: { ...base, eventCode: next } };
    }
    case 'date':
      return { slot: earlier.slot, posting: { ...base, dateRef: addDays(posting.dateRef, -1) } };
    case 'account': {
      const slot = (earlier.slot + 1) % slots.length;
      return { slot, posting: { ...base, branch: slots[slot]!.branch, account: slots[slot]!.account } };
    }
    case 'description':
      return { slot: earlier.slot, posting: { ...base, description: posting.description === null ? 'Outra' : null } };
    case 'details':
      return { slot: earlier.slot, posting: { ...base, details: { ...posting.details, changed: true } } };
  }
}

/** The same JSON object with its keys in reverse order at every depth. */
function reordered(details: Posting['details']): Posting['details'] {
  if (details === null) return null;
  const reverse = (value: unknown): unknown => (value === null || typeof value !== 'object' || Array.isArray(value)
    ? value
    : Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverse(item)])));
  return reverse(details) as Posting['details'];
}

/** A deterministic UUID-shaped id, unique per run. */
function uuidOf(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---- the property --------------------------------------------------------------------------

describe.each(databaseTargets())('posting engine against the reference model on $name', (target) => {
  let db: TestDatabase;
  let events: Map<number, EventRule>;
  const coverage: Coverage = new Map();
  let propertyHeld = false;
  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
    events = new Map((await listEvents(db.database)).map(({ code, active, allowDebit, allowCredit }) =>
      [code, { active, allowDebit, allowCredit }]));
    expect(events.has(unknownEventCode)).toBe(false);
  });
  afterAll(() => db.drop());

  test(`${runsPerTarget} random workloads give the model's outcomes, balances and statements`, async () => {
    await fc.assert(
      fc.asyncProperty(runSpec, (spec) => checkRun(db.database, events, spec, coverage)),
      { numRuns: runsPerTarget, ...replay, plugins: [fc.interruptAfterTimeLimit(propertyTimeLimitMs, { failOnInterrupt: true })] },
    );
    // Across every run at once, not just branch by branch.
    expect(await reconcileBalances(db.database)).toEqual([]);
    propertyHeld = true;
  }, propertyTimeLimitMs + 60_000);

  // A generator that stopped producing a case would let the property pass without testing it.
  // Only a complete pass says anything about coverage; a failure is reported by the test above.
  (replay.seed === undefined ? test : test.skip)('the workloads reached every outcome', () => {
    if (!propertyHeld) return;
    expect([...coverage.keys()].sort()).toEqual([...expectedCoverage].sort());
  });
});

const expectedCoverage = [
  'posted', 'event_not_found', 'event_inactive', 'event_disallows_debit', 'event_disallows_credit', 'account_not_found',
  'account_blocked', 'account_closed', 'date_ref_outside_window', 'date_ref_in_future', 'amount_above_limit', 'id_conflict',
  'branch_closed', 'branch_not_found', 'reversal_target_not_found', 'reversal_target_rejected', 'reversal_other_account',
  'reversal_same_side', 'reversal_exceeds_remainder', 'reversal posted', 'partial reversals added up', 'branch status changed',
  'balance change of a later day',
  'replay of posted', 'replay of rejected', 'replay within a batch', 'replay across batches', 'replay with another trace key',
  'account opened', 'status changed', 'posted onto a stored day', 'posted before a stored day', 'applied in stripes',
];

type Coverage = Map<string, number>;

function count(coverage: Coverage, key: string): void {
  coverage.set(key, (coverage.get(key) ?? 0) + 1);
}

async function checkRun(
  database: Database, events: ReadonlyMap<number, EventRule>, spec: RunSpec, coverage: Coverage,
): Promise<void> {
  const run = resolveRun(spec);
  const [timeZone] = timeZones[spec.timeZone]!;
  const registered = run.branches.slice(0, 2);
  for (const code of registered) await createBranch(database, { code, name: code, status: 'active' });
  const accounts = run.slots.flatMap(({ branch, account, kind }) =>
    (kind === 'unknown' || kind === 'stranger' ? [] : [{ branch, account, status: kind }]));
  for (const account of accounts) await createAccount(database, { ...account, holderName: null });
  const model = new ReferenceLedger({
    events,
    accounts,
    branches: registered.map((code) => ({ code, status: 'active' as const })),
    rules: { windowStart: run.windowStart, windowEnd: run.today, autoOpenAccounts: spec.autoOpenAccounts, amountLimitCents: spec.amountLimitCents },
  });
  const engine = createLedgerEngine({
    database,
    rules: ledgerRules({
      retroWindowDays: spec.retroWindowDays, businessTimeZone: timeZone,
      autoOpenAccounts: spec.autoOpenAccounts, postingAmountLimit: formatCents(spec.amountLimitCents),
    }),
    now: () => run.now,
    stripes: spec.stripes,
  });

  const earlierIds = new Set<string>();
  for (const batch of run.batches) {
    if (batch.statusChange !== null) {
      const slot = run.slots[batch.statusChange.slot]!;
      const updated = await updateAccount(database, slot.branch, slot.account, { status: batch.statusChange.status });
      if (updated !== null) count(coverage, 'status changed');
      model.setAccountStatus(slot.branch, slot.account, batch.statusChange.status);
    }
    if (batch.branchChange !== null) {
      const code = run.branches[batch.branchChange.branch]!;
      await updateBranch(database, code, { status: batch.branchChange.status });
      model.setBranchStatus(code, batch.branchChange.status);
      count(coverage, 'branch status changed');
    }
    await applyAndCompare(database, run, engine, model, batch.postings, { coverage, earlierIds });
    for (const posting of batch.postings) earlierIds.add(posting.id);
  }
  await expectStoredOutcomes(database, run, model);
  await expectAccounts(database, run, model);
  if (run.slots.some((slot) => slot.kind === 'unknown' && model.accountStatus(slot.branch, slot.account) !== undefined)) {
    count(coverage, 'account opened');
  }
  for (const branch of run.branches) expect(await reconcileBalances(database, { branch })).toEqual([]);
  for (const [branch, account] of model.accountsWithEntries()) await expectStatement(database, run, model, branch, account);
}

/**
 * Each outbox row of the batch (one per stripe) holds what the result says it holds, and together
 * they hold the batch's outcomes, each once, and its balance changes.
 */
async function expectOutboxRows(database: Database, result: BatchResult): Promise<void> {
  const ids = result.outboxRows.map((row) => row.outboxId);
  const { rows } = await database.query<{ id: string; outcomes: unknown; balanceChanges: unknown }>(
    'select id::text as id, outcomes, balance_changes as "balanceChanges" from flow.outbox where id = any($1::bigint[])', [ids]);
  expect(rows.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(result.outboxRows.map((row) => ({
    id: row.outboxId, outcomes: JSON.parse(JSON.stringify(row.outcomes)), balanceChanges: row.balanceChanges.length === 0 ? null : row.balanceChanges,
  })).sort((a, b) => Number(a.id) - Number(b.id)));
  const byId = (outcomes: readonly unknown[]) => outcomes.map((outcome) => JSON.stringify(outcome)).sort();
  expect(byId(result.outboxRows.flatMap((row) => row.outcomes))).toEqual(byId(result.outcomes));
  expect(sortedChanges(result.outboxRows.flatMap((row) => row.balanceChanges))).toEqual(sortedChanges(result.balanceChanges));
}

/** One batch through the engine and the model: same outcomes, its outbox row, the model's balances. */
async function applyAndCompare(
  database: Database, run: Run, engine: LedgerEngine, model: ReferenceLedger, postings: readonly Posting[],
  seen: { coverage: Coverage; earlierIds: ReadonlySet<string> },
): Promise<void> {
  const storedDays = new Map(model.accountsWithEntries().map(([branch, account]) =>
    [`${branch}/${account}`, model.dailyBalances(branch, account).map((day) => day.dateRef)]));
  const result = await engine.applyBatch(postings);
  expect(result.outcomes).toEqual(model.applyBatch(postings));
  expect(result.attempts).toBe(1);
  // Exactly the account-days whose closing balance the model says changed, in the outbox row too.
  const changes = model.lastBalanceChanges();
  expect(sortedChanges(result.balanceChanges)).toEqual(sortedChanges(changes));
  await expectOutboxRows(database, result);
  if (result.outboxRows.length > 1) count(seen.coverage, 'applied in stripes');
  if (changes.some((change) => postings.every((posting) => posting.dateRef !== change.dateRef || posting.account !== change.account))) {
    count(seen.coverage, 'balance change of a later day');
  }
  await expectBalanceRows(database, run, model);

  result.outcomes.forEach((outcome, index) => {
    const posting = postings[index]!;
    if (outcome.replay) {
      count(seen.coverage, `replay of ${outcome.status}`);
      count(seen.coverage, seen.earlierIds.has(posting.id) ? 'replay across batches' : 'replay within a batch');
      if (outcome.traceKey !== posting.traceKey) count(seen.coverage, 'replay with another trace key');
      return;
    }
    count(seen.coverage, outcome.reason ?? 'posted');
    if (outcome.status === 'posted' && posting.reverses !== undefined && posting.reverses !== null) {
      count(seen.coverage, 'reversal posted');
      if (model.reversalsOf(posting.reverses).length > 1) count(seen.coverage, 'partial reversals added up');
    }
    const days = storedDays.get(`${outcome.branch}/${outcome.account}`);
    if (outcome.status !== 'posted' || days === undefined) return;
    if (days.includes(outcome.dateRef)) count(seen.coverage, 'posted onto a stored day');
    if (days.some((day) => day > outcome.dateRef)) count(seen.coverage, 'posted before a stored day');
  });
}

function sortedChanges<T extends { branch: string; account: string; dateRef: string }>(changes: readonly T[]): T[] {
  const key = (change: T) => `${change.branch}/${change.account}/${change.dateRef}`;
  return [...changes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** flow.balance holds exactly the model's days for the run's accounts (I2 against the model). */
async function expectBalanceRows(database: Database, run: Run, model: ReferenceLedger): Promise<void> {
  const { rows } = await database.query(`
    select branch, account, date_ref as "dateRef", total_debit::text as "totalDebit", total_credit::text as "totalCredit",
           accumulated_debit::text as "accumulatedDebit", accumulated_credit::text as "accumulatedCredit",
           (accumulated_credit - accumulated_debit)::text as balance, transaction_count as "transactionCount",
           last_trace_key as "lastTraceKey"
    from flow.balance where branch = any($1::text[]) order by branch, account, date_ref`, [run.branches]);
  const expected = model.accountsWithEntries().flatMap(([branch, account]) =>
    model.dailyBalances(branch, account).map((day) => ({ branch, account, ...day })));
  expect(rows).toEqual(expected);
}

/** Every id has its one outcome stored, with the fields of the posting that first used it (I1). */
async function expectStoredOutcomes(database: Database, run: Run, model: ReferenceLedger): Promise<void> {
  const records = model.records();
  for (const { posting, outcome } of records) {
    const stored = await findTransaction(database, posting.id);
    expect(stored).toEqual({
      id: posting.id, status: outcome.status, reason: outcome.reason, branch: posting.branch, account: posting.account,
      amount: posting.amount, debitCredit: posting.debitCredit, eventCode: posting.eventCode,
      description: posting.description, details: posting.details, dateRef: posting.dateRef, traceKey: posting.traceKey,
      seq: outcome.status === 'posted' ? expect.any(String) : null, processedAt: expect.any(Date), producer: null,
      reverses: posting.reverses ?? null,
      reversedAmount: formatCents(model.reversalsOf(posting.id).reduce((sum, entry) => sum + parseCents(entry.amount), 0n)),
      reversals: model.reversalsOf(posting.id).map((entry) => entry.id),
    });
  }
  const counts = await database.query<{ postings: number; transactions: number }>(`
    select (select count(*)::integer from flow.posting where branch = any($1::text[])) as postings,
           (select count(*)::integer from flow.transaction where branch = any($1::text[])) as transactions`, [run.branches]);
  expect(counts.rows[0]).toEqual({
    postings: records.length,
    transactions: records.filter((record) => record.outcome.status === 'posted').length,
  });
}

/** Registered accounts keep their status; unknown ones exist only once opened by a posted entry. */
async function expectAccounts(database: Database, run: Run, model: ReferenceLedger): Promise<void> {
  const { rows } = await database.query(
    'select branch, account, status from flow.account where branch = any($1::text[]) order by branch, account', [run.branches]);
  const expected = run.slots
    .map(({ branch, account }) => ({ branch, account, status: model.accountStatus(branch, account) }))
    .filter((row) => row.status !== undefined)
    .sort((a, b) => (a.branch + '/' + a.account < b.branch + '/' + b.account ? -1 : 1));
  expect(rows).toEqual(expected);
}

/**
 * The statement lists the account's entries in (date, ledger) order with a running balance that
 * moves by each amount, and the last line of every day ends on that day's daily balance (I3).
 */
async function expectStatement(
  database: Database, run: Run, model: ReferenceLedger, branch: string, account: string,
): Promise<void> {
  const entries = model.entries(branch, account);
  const days = model.dailyBalances(branch, account);
  const dailyBalances = await readDailyBalances(database, { branch, account, from: days[0]!.dateRef, to: run.today, timeZone: 'America/Sao_Paulo', limit: pageLimitMax });
  // The model has no recording clock (the runs' dates are not the database's): `revisedAt` is
  // checked against the real clock in queries.test.ts.
  expect(dailyBalances.items.map(({ revisedAt: _revisedAt, ...day }) => day)).toEqual(days.map(({ lastTraceKey: _lastTraceKey, ...day }) => day));

  const statement = await readStatement(database, { branch, account, from: days[0]!.dateRef, to: run.today, limit: pageLimitMax });
  expect(statement.lines.map((line) => line.id)).toEqual(entries.map((posting) => posting.id));
  expect(statement.openingBalance).toBe('0.00');
  expect(statement.closingBalance).toBe(days[days.length - 1]!.balance);
  let running = parseCents(statement.openingBalance);
  statement.lines.forEach((line, index) => {
    const posting = entries[index]!;
    expect([line.debit, line.credit]).toEqual(posting.debitCredit === 'D' ? [posting.amount, null] : [null, posting.amount]);
    expect(line.balanceBefore).toBe(formatCents(running));
    running += posting.debitCredit === 'C' ? parseCents(posting.amount) : -parseCents(posting.amount);
    expect(line.balanceAfter).toBe(formatCents(running));
  });
  const lastLineOfDay = new Map(statement.lines.map((line) => [line.dateRef, line.balanceAfter]));
  expect(days.map((day) => [day.dateRef, lastLineOfDay.get(day.dateRef)])).toEqual(days.map((day) => [day.dateRef, day.balance]));

  if (days.length > 1) {
    // From a later day: the opening balance is the end of the day before, and lines continue from it.
    const later = await readStatement(database, { branch, account, from: days[1]!.dateRef, to: run.today, limit: pageLimitMax });
    expect(later.openingBalance).toBe(days[0]!.balance);
    expect(later.lines).toEqual(statement.lines.filter((line) => line.dateRef >= days[1]!.dateRef));
  }
}
