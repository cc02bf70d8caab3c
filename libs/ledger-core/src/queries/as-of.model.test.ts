// The asOf argument (as-of.ts) against the reference model: random workloads over simulated time
// — clocks that advance minutes or days between batches, postings backdated anywhere in the
// retro window of the business date, business time zones from UTC−12 to UTC+14, windows up to
// the largest allowed — go through the engine, each batch stamped with its simulated instant
// (`created_at`, the instant the batch is recorded). Then, at random instants (batch instants
// themselves included, to test the "at or before" edge), the statement, the daily balances and
// the balance at a date read with `asOf` must equal the reference model fed only the postings
// recorded by then — computed the plain way, from the whole history. The asOf reads only
// recompute the last retro window of days, so a wrong cutoff shows as a wrong balance here.
// Replay a failure with FLOW_ASOF_SEED=<seed> FLOW_ASOF_PATH=<path>; FLOW_ASOF_RUNS=<n> runs more.
import fc from 'fast-check';
import { formatCents, type Posting } from '@flow/contracts';
import { createAccount } from '../catalog/accounts.ts';
import type { Database } from '../database/port.ts';
import { createLedgerEngine } from '../engine/apply-batch.ts';
import type { EventRule } from '../engine/outcome.ts';
import { ReferenceLedger, type ReferenceRules } from '../engine/reference-model.ts';
import { retroWindowDaysMax } from '../limits.ts';
import { addDays, businessDate } from '../rules/business-date.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { databaseTargets, fixtureEvents, makePosting, registerBranches, seedCatalog, type TestDatabase } from '../testing/index.ts';
import { asOfBounds } from './as-of.ts';
import { readBalanceAt, readDailyBalances } from './balances.ts';
import { readStatement } from './statement.ts';

const runsPerTarget = Number(process.env.FLOW_ASOF_RUNS ?? 30);
const replay = process.env.FLOW_ASOF_SEED === undefined
  ? {}
  : { seed: Number(process.env.FLOW_ASOF_SEED), path: process.env.FLOW_ASOF_PATH };
const propertyTimeLimitMs = 150_000 * Math.max(1, runsPerTarget / 30);
const timeZones = ['UTC', 'America/Sao_Paulo', 'Etc/GMT+12', 'Pacific/Kiritimati', 'Asia/Tokyo'];
const accounts = ['A', 'B'];
const startInstant = Date.parse('2026-03-01T00:00:00Z');
const minute = 60_000;
/** The model accepts every date: the engine's window is what the workload respects. */
const modelRules: ReferenceRules = { windowStart: '2000-01-01', windowEnd: '2100-01-01', autoOpenAccounts: false, amountLimitCents: 10n ** 15n };

interface Step {
  /** Minutes the clock moves before the batch. */
  readonly advance: number;
  /** `back` days before the business date, modulo the window; −1 for the window's first day. */
  readonly postings: readonly { readonly account: number; readonly back: number; readonly cents: number; readonly debit: boolean }[];
}
interface RunSpec {
  readonly window: number;
  readonly timeZone: string;
  readonly steps: readonly Step[];
  /** Where the asOf instants fall: a batch's own instant, or anywhere from a day before the first to a day after the last. */
  readonly probes: readonly {
    readonly atBatch: number | null; readonly justBefore: boolean; readonly fraction: number;
    readonly from: number; readonly span: number; readonly date: number;
  }[];
}

const runSpec: fc.Arbitrary<RunSpec> = fc.record({
  window: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(retroWindowDaysMax)),
  timeZone: fc.constantFrom(...timeZones),
  steps: fc.array(fc.record({
    advance: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 4 * 24 * 60 })),
    postings: fc.array(fc.record({
      account: fc.integer({ min: 0, max: accounts.length - 1 }),
      // Often the window's very edge: the oldest day a later batch can still change.
      back: fc.oneof(fc.nat({ max: 1_000 }), fc.constant(-1)),
      cents: fc.integer({ min: 1, max: 100_000 }),
      debit: fc.boolean(),
    }), { minLength: 1, maxLength: 4 }),
  }), { minLength: 1, maxLength: 20 }),
  probes: fc.array(fc.record({
    atBatch: fc.option(fc.nat({ max: 19 }), { freq: 3 }),
    // A millisecond before a batch: that batch was not recorded yet.
    justBefore: fc.boolean(),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    from: fc.nat({ max: 120 }),
    span: fc.nat({ max: 60 }),
    date: fc.nat({ max: 120 }),
  }), { minLength: 1, maxLength: 4 }),
});

interface Recorded {
  readonly posting: Posting;
  readonly at: number;
}

describe.each(databaseTargets())('asOf against the reference model on $name', (target) => {
  let db: TestDatabase;
  let events: Map<number, EventRule>;
  let run = 0;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
    events = new Map([[fixtureEvents.both, { active: true, allowDebit: true, allowCredit: true }]]);
  });
  afterAll(() => db.drop());

  test('statement, daily balances and balance at a date as of random instants equal the model fed what was recorded by then', async () => {
    await fc.assert(
      fc.asyncProperty(runSpec, async (spec) => checkRun(db.database, events, `R${++run}`, spec)),
      { numRuns: runsPerTarget, ...replay, plugins: [fc.interruptAfterTimeLimit(propertyTimeLimitMs, { failOnInterrupt: true })] },
    );
  }, propertyTimeLimitMs + 30_000);
});

async function checkRun(database: Database, events: Map<number, EventRule>, branch: string, spec: RunSpec): Promise<void> {
  await registerBranches(database, [branch]);
  for (const account of accounts) await createAccount(database, { branch, account, status: 'active', holderName: null });
  const recorded = await applyWorkload(database, branch, spec);
  const instants = [...new Set(recorded.map((entry) => entry.at))];
  const first = startInstant - 24 * 60 * minute;
  const last = (instants.at(-1) ?? startInstant) + 24 * 60 * minute;
  const firstDay = new Date(first).toISOString().slice(0, 10);
  for (const probe of spec.probes) {
    const at = probe.atBatch !== null && instants.length > 0
      ? instants[probe.atBatch % instants.length]! - (probe.justBefore ? 1 : 0)
      : Math.floor(first + probe.fraction * (last - first));
    const asOf = new Date(at).toISOString();
    const model = new ReferenceLedger({
      events, accounts: accounts.map((account) => ({ branch, account, status: 'active' as const })), branches: [{ code: branch, status: 'active' }], rules: modelRules,
    });
    model.applyBatch(recorded.filter((entry) => entry.at <= at).map((entry) => entry.posting));
    const from = addDays(firstDay, probe.from - 40);
    const to = addDays(from, probe.span);
    for (const account of accounts) {
      const recordedByThen = recorded.filter((entry) => entry.at <= at && entry.posting.account === account);
      const query = { branch, account, from, to, date: addDays(firstDay, probe.date - 40), asOf, timeZone: spec.timeZone };
      await compareAccount(database, model, query, recordedByThen);
    }
  }
}

/** Runs the batches through the engine at their simulated instants; returns what it posted, with when. */
async function applyWorkload(database: Database, branch: string, spec: RunSpec): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  let clock = startInstant;
  for (const step of spec.steps) {
    clock += step.advance * minute;
    const at = clock;
    const today = businessDate(new Date(at), spec.timeZone);
    const postings = step.postings.map((item) => makePosting({
      branch, account: accounts[item.account]!, dateRef: addDays(today, item.back < 0 ? -spec.window : -(item.back % (spec.window + 1))),
      amount: formatCents(BigInt(item.cents)), debitCredit: item.debit ? 'D' : 'C', eventCode: fixtureEvents.both,
    }));
    const rules = ledgerRules({ retroWindowDays: spec.window, businessTimeZone: spec.timeZone });
    const { outcomes } = await createLedgerEngine({ database, rules, now: () => new Date(at) }).applyBatch(postings);
    // Every posting is inside the window of its business date: the engine must post them all.
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(postings.map(() => null));
    // The batch is recorded at its simulated instant, as if its transaction had started then.
    await database.query('update flow.transaction set created_at = $1 where id = any($2::uuid[])',
      [new Date(at), postings.map((posting) => posting.id)]);
    recorded.push(...postings.map((posting) => ({ posting, at })));
  }
  return recorded;
}

async function compareAccount(
  database: Database, model: ReferenceLedger,
  query: { branch: string; account: string; from: string; to: string; date: string; asOf: string; timeZone: string },
  recordedByThen: readonly Recorded[],
): Promise<void> {
  const { branch, account, from, to, date, asOf, timeZone } = query;
  const days = model.dailyBalances(branch, account).map(({ lastTraceKey: _lastTraceKey, ...day }) => day);
  const endOf = (day: string) => days.filter((row) => row.dateRef <= day).at(-1);
  const balanceOf = (day: string) => endOf(day)?.balance ?? '0.00';

  const statement = await readStatement(database, { branch, account, from, to, asOf, limit: 500 });
  const entries = model.entries(branch, account).filter((posting) => posting.dateRef >= from && posting.dateRef <= to);
  expect([statement.openingBalance, statement.closingBalance]).toEqual([balanceOf(addDays(from, -1)), balanceOf(to)]);
  expect(statement.lines.map((line) => line.id)).toEqual(entries.map((posting) => posting.id));
  const afters = statement.lines.map((line) => line.balanceAfter);
  let running = BigInt(statement.openingBalance.replace('.', ''));
  expect(afters).toEqual(entries.map((posting) => {
    const cents = BigInt(posting.amount.replace('.', ''));
    running += posting.debitCredit === 'C' ? cents : -cents;
    return formatCents(running);
  }));

  const daily = await readDailyBalances(database, { branch, account, from, to, asOf, timeZone, limit: 500 });
  expect(daily.items.map(({ revisedAt: _revisedAt, ...day }) => day)).toEqual(days.filter((row) => row.dateRef >= from && row.dateRef <= to));
  expect(daily.items.map((day) => (day.revisedAt === null ? null : Date.parse(day.revisedAt))))
    .toEqual(daily.items.map((day) => expectedRevision(day.dateRef, asOf, timeZone, recordedByThen)));

  const at = await readBalanceAt(database, branch, account, date, asOf);
  const last = endOf(date);
  expect(at).toEqual({
    branch, account, date, balance: last?.balance ?? '0.00', accumulatedDebit: last?.accumulatedDebit ?? '0.00',
    accumulatedCredit: last?.accumulatedCredit ?? '0.00', lastMovementDate: last?.dateRef ?? null,
  });
}

/**
 * When an asOf read says the day was revised after it closed: the latest entry recorded by then on
 * the day or an earlier open day, when it was recorded on a later business date. The days before
 * the open ones are read as stored, last rewritten on the database's clock, after every simulated
 * instant of this test: none of them counts as changed by asOf.
 */
function expectedRevision(dateRef: string, asOf: string, timeZone: string, recordedByThen: readonly Recorded[]): number | null {
  const { firstOpenDay } = asOfBounds(asOf);
  if (dateRef < firstOpenDay) return null;
  const instants = recordedByThen.filter((entry) => entry.posting.dateRef >= firstOpenDay && entry.posting.dateRef <= dateRef).map((entry) => entry.at);
  if (instants.length === 0) return null;
  const latest = Math.max(...instants);
  return businessDate(new Date(latest), timeZone) > dateRef ? latest : null;
}
