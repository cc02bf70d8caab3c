// The posting engine: a batch of postings in, one outcome per posting out, applied in ONE
// database transaction (or one per account-hash stripe when the engine is given stripes:
// stripes.ts) with a fixed round of set-based statements (docs/engine.md):
//   read events, branches and accounts → decide → record outcomes (idempotency) → read back
//   repeated ids → lock the posted accounts → decide reversals (only when the batch has one) →
//   open new accounts → append transactions → upsert daily balances (returning the account-days
//   whose closing balance changed) → write the outbox row (outcomes and balance changes).
//   Everything after the lock runs under the account locks.
// A failure anywhere rolls everything back; applying the same batch again gives the same
// outcomes (replays) and writes nothing new.
//
// Posting isolation: when the database refuses the batch with a data exception (SQLSTATE class
// 22: NUL in text or jsonb, an invalid escape, a value out of range), the fault is some
// posting's own data, not the batch's. The engine then finds the culprits by bisection in
// rolled-back probe transactions (halve the suspects; a half that applies cleanly is innocent;
// a half that fails again is halved until single postings remain), records each culprit as
// rejected `posting_unstorable` and applies the batch once more, so its neighbours commit and
// every posting gets an outcome. The happy path pays nothing: no savepoint, no extra statement.
// One culprit among n costs about 2·log2(n) probes; a failure no single posting reproduces
// (two postings that overflow a balance together) finds no culprit and fails the batch as before.
// Connection, serialization and other errors are never the posting's fault: they keep the
// retry behaviour below and the worker's.
import { parseCents, type BalanceChange, type Posting, type RejectionCode } from '@flow/contracts';
import type { Database, Queryable } from '../database/port.ts';
import { batchAttemptsMax, batchPostingsMax } from '../limits.ts';
import { addDays, businessDate, monthStart } from '../rules/business-date.ts';
import type { LedgerRules } from '../rules/ledger-rules.ts';
import { rejectionOf, type RuleContext } from './decide-outcomes.ts';
import { accountKey, type PostingOutcome } from './outcome.ts';
import { postingHash } from './posting-hash.ts';
import { stripeRotation, stripesOf } from './stripes.ts';
import { PartitionRegistry } from './sql/ensure-partitions.ts';
import { findPostingOutcomes, type StoredOutcome } from './sql/find-posting-outcomes.ts';
import { openAccounts } from '../catalog/accounts.ts';
import { findAccounts, findBranches, findEvents } from './sql/find-rule-inputs.ts';
import { insertOutbox } from './sql/insert-outbox.ts';
import { insertPostings, type PostingRecord } from './sql/insert-postings.ts';
import { insertTransactions } from './sql/insert-transactions.ts';
import { lockAccounts } from './sql/lock-accounts.ts';
import { upsertBalances } from './sql/upsert-balances.ts';
import { decideReversals, findReversalTargets, originalsToRead, rejectReversals } from './reversals.ts';

export interface BatchResult {
  /** One outcome per input posting, in input order, then the refused outcomes passed in. */
  readonly outcomes: PostingOutcome[];
  /** The account-days whose closing balance the batch changed, also in its outbox rows. */
  readonly balanceChanges: readonly BalanceChange[];
  /**
   * One outbox row per database transaction the batch committed, in commit order: one, or one
   * per stripe that held postings (stripes.ts). Together they hold `outcomes` and `balanceChanges`.
   */
  readonly outboxRows: readonly CommittedOutboxRow[];
  /** The most database transactions one stripe took (more than 1 after a deadlock or serialization retry). */
  readonly attempts: number;
}

/** A committed outbox row and what it holds, for the relay to publish without reading it back. */
export interface CommittedOutboxRow {
  readonly outboxId: string;
  readonly outcomes: readonly PostingOutcome[];
  readonly balanceChanges: readonly BalanceChange[];
}

export interface LedgerEngineOptions {
  readonly database: Database;
  readonly rules: LedgerRules;
  /** The clock that defines "today"; tests pin it. */
  readonly now?: () => Date;
  /**
   * Account-hash stripes a batch is split into, each its own database transaction (stripes.ts);
   * 1 (the default) applies a batch in one transaction. At most `batchStripesMax`.
   */
  readonly stripes?: number;
}

export interface LedgerEngine {
  /**
   * Applies `postings`; `refused` are outcomes decided before the engine (postings of a message
   * that failed the contract, `posting_invalid`): they are not stored, only written to the
   * batch's outbox row so their producers get them on the callback topic.
   */
  applyBatch(postings: readonly Posting[], refused?: readonly PostingOutcome[]): Promise<BatchResult>;
}

interface BatchWindow {
  readonly windowStart: string;
  readonly windowEnd: string;
}

interface HashedPosting {
  readonly posting: Posting;
  readonly hash: string;
}

type StripeResult = CommittedOutboxRow & { readonly outcomes: PostingOutcome[]; readonly attempts: number };

const retryableSqlStates = new Set(['40P01', '40001']);

export function createLedgerEngine(options: LedgerEngineOptions): LedgerEngine {
  const { database, rules } = options;
  const now = options.now ?? (() => new Date());
  const partitions = new PartitionRegistry();
  const amountLimitCents = parseCents(rules.postingAmountLimit);

  const stripes = stripeRotation(options.stripes);

  async function applyBatch(postings: readonly Posting[], refused: readonly PostingOutcome[] = []): Promise<BatchResult> {
    if (postings.length === 0 && refused.length === 0) throw new Error('applyBatch needs at least one posting');
    if (postings.length === 0) return applyRefusedOnly(database, refused);
    if (postings.length > batchPostingsMax) {
      throw new Error(`a batch holds at most ${batchPostingsMax} postings, got ${postings.length}`);
    }
    const window = batchWindow(now(), rules);
    const hashed = postings.map((posting) => ({ posting, hash: postingHash(posting) }));
    await partitions.ensure(database, monthsInWindow(postings, window));
    const parts = stripesOf(postings, stripes.count, stripes.nextStart());
    const applied: StripeResult[] = [];
    // One stripe after the other: the batch's message may be deleted only when all committed.
    for (const [index, part] of parts.entries()) {
      applied.push(await applyStripe(part.map((at) => hashed[at]!), window, index === 0 ? refused : []));
    }
    return mergedResult(postings.length, parts, applied, refused);
  }

  /** One stripe (or the whole batch) in one database transaction, retried as the header says. */
  async function applyStripe(hashed: readonly HashedPosting[], window: BatchWindow, refused: readonly PostingOutcome[]): Promise<StripeResult> {
    let unstorable: ReadonlySet<HashedPosting> | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await database.transaction((tx) =>
          applyInTransaction(tx, hashed, window, unstorable ?? new Set(), refused));
        return { ...applied, attempts: attempt };
      } catch (error) {
        if (unstorable === undefined && isDataException(error)) {
          unstorable = await findUnstorable(hashed, window);
          if (unstorable.size > 0) continue;
        }
        if (attempt >= batchAttemptsMax || !retryableSqlStates.has(sqlState(error))) throw error;
      }
    }
  }

  /** The postings that fail the batch alone (see the header), found by bisection. */
  async function findUnstorable(hashed: readonly HashedPosting[], window: BatchWindow): Promise<Set<HashedPosting>> {
    const culprits = new Set<HashedPosting>();
    const suspects: (readonly HashedPosting[])[] = hashed.length === 1 ? [hashed] : halves(hashed);
    while (suspects.length > 0) {
      const part = suspects.pop()!;
      if (!(await failsForItsData(part, window))) continue;
      if (part.length === 1) culprits.add(part[0]!);
      else suspects.push(...halves(part));
    }
    return culprits;
  }

  /** Applies `part` in a transaction that is always rolled back: true on a data exception. */
  async function failsForItsData(part: readonly HashedPosting[], window: BatchWindow): Promise<boolean> {
    const probeDone = new Error('probe rolled back');
    try {
      await database.transaction(async (tx) => {
        await applyInTransaction(tx, part, window, new Set());
        throw probeDone;
      });
    } catch (error) {
      if (error === probeDone) return false;
      if (isDataException(error)) return true;
      throw error;
    }
    throw new Error('a probe transaction committed: engine bug');
  }

  async function applyInTransaction(
    tx: Queryable, hashed: readonly HashedPosting[], window: BatchWindow, unstorable: ReadonlySet<HashedPosting>,
    refused: readonly PostingOutcome[] = [],
  ): Promise<Omit<StripeResult, 'attempts'>> {
    const fresh = firstOccurrences(hashed);
    const context = await ruleContext(tx, fresh.map((item) => item.posting), { ...window, autoOpenAccounts: rules.autoOpenAccounts, amountLimitCents });
    let records = fresh.map((item) =>
      (unstorable.has(item) ? unstorableRecord(item) : postingRecord(item, rejectionOf(item.posting, context))));

    // Idempotency first: recording an id that exists (or that a concurrent batch is recording)
    // inserts nothing, and only those ids are read back. New ids, the common case, cost no read.
    const inserted = await insertPostings(tx, records);
    const repeatedIds = records.filter((record) => !inserted.has(record.id)).map((record) => record.id);
    const stored = repeatedIds.length === 0 ? new Map<string, StoredOutcome>() : await findPostingOutcomes(tx, repeatedIds);
    if (stored.size !== repeatedIds.length) throw new Error('a posting id was neither recorded nor found: engine bug');

    let posted = records.filter((record) => record.status === 'posted' && inserted.has(record.id));
    let changes: BalanceChange[] = [];
    if (posted.length > 0) {
      // Balances from here on: the locks are taken only now, after every wait on a posting id,
      // so a batch holding account locks never waits for an id and no wait can form a cycle.
      await lockAccounts(tx, posted.map((r) => r.branch), posted.map((r) => r.account));
      records = await applyReversalRules(tx, records, inserted);
      posted = records.filter((record) => record.status === 'posted' && inserted.has(record.id));
      const unknownAccounts = posted.filter((record) => !context.accounts.has(accountKey(record.branch, record.account)));
      if (unknownAccounts.length > 0) {
        await openAccounts(tx, unknownAccounts.map((r) => r.branch), unknownAccounts.map((r) => r.account));
      }
      const postings = posted.map((record) => record.posting);
      await insertTransactions(tx, postings);
      changes = await upsertBalances(tx, postings);
    }
    const freshOutcomes = new Map(records.map((record) => [record.id, outcomeOfRecord(record)]));
    const outcomes = [...outcomesInInputOrder(hashed, stored, freshOutcomes), ...refused];
    const outboxId = await insertOutbox(tx, outcomes, changes);
    return { outcomes, outboxId, balanceChanges: changes };
  }

  return { applyBatch };
}

/** Postings of no message passed the contract: their refused outcomes get an outbox row alone. */
async function applyRefusedOnly(database: Database, refused: readonly PostingOutcome[]): Promise<BatchResult> {
  const outboxId = await database.transaction((tx) => insertOutbox(tx, refused));
  return { outcomes: [...refused], balanceChanges: [], outboxRows: [{ outboxId, outcomes: [...refused], balanceChanges: [] }], attempts: 1 };
}

/** Today in the business time zone, and the retro window's first day. */
function batchWindow(now: Date, rules: LedgerRules): BatchWindow {
  const windowEnd = businessDate(now, rules.businessTimeZone);
  return { windowStart: addDays(windowEnd, -rules.retroWindowDays), windowEnd };
}

/** The months of the postings dated inside the window: the partitions the batch needs. */
function monthsInWindow(postings: readonly Posting[], window: BatchWindow): string[] {
  return postings
    .filter((posting) => posting.dateRef >= window.windowStart && posting.dateRef <= window.windowEnd)
    .map((posting) => monthStart(posting.dateRef));
}

/**
 * The batch's result from its stripes' (stripes.ts): outcomes back in input order, then the
 * refused ones (held by the first stripe's outbox row); balance changes in commit order.
 */
function mergedResult(
  postingCount: number, stripes: readonly number[][], applied: readonly StripeResult[], refused: readonly PostingOutcome[],
): BatchResult {
  const outboxRows = applied.map(({ outboxId, outcomes, balanceChanges }) => ({ outboxId, outcomes, balanceChanges }));
  const attempts = Math.max(...applied.map((stripe) => stripe.attempts));
  if (applied.length === 1) return { outcomes: applied[0]!.outcomes, balanceChanges: applied[0]!.balanceChanges, outboxRows, attempts };
  const outcomes = new Array<PostingOutcome>(postingCount);
  stripes.forEach((stripe, index) => stripe.forEach((at, position) => void (outcomes[at] = applied[index]!.outcomes[position]!)));
  return {
    outcomes: [...outcomes, ...refused],
    balanceChanges: applied.flatMap((stripe) => stripe.balanceChanges), outboxRows, attempts,
  };
}

/** What the rules read from the catalog for the batch's postings, with the deployment's settings. */
async function ruleContext(
  tx: Queryable, postings: readonly Posting[], settings: Pick<RuleContext, 'windowStart' | 'windowEnd' | 'autoOpenAccounts' | 'amountLimitCents'>,
): Promise<RuleContext> {
  return {
    events: await findEvents(tx, [...new Set(postings.map((p) => p.eventCode))]),
    branches: await findBranches(tx, [...new Set(postings.map((p) => p.branch))]),
    accounts: await findAccounts(tx, postings.map((p) => p.branch), postings.map((p) => p.account)),
    ...settings,
  };
}

/**
 * The reversal rules, under the account locks (reversals.ts): reversals the earlier rules posted
 * and that break one become rejections, in flow.posting and in the records. Batches without a
 * reversal read nothing more.
 */
async function applyReversalRules(tx: Queryable, records: readonly BatchRecord[], inserted: ReadonlySet<string>): Promise<BatchRecord[]> {
  if (!records.some((record) => record.status === 'posted' && typeof record.posting.reverses === 'string')) return [...records];
  const candidates = records.map((record) => ({
    posting: record.posting, recordedHere: inserted.has(record.id), tentativelyPosted: record.status === 'posted' && inserted.has(record.id),
  }));
  const rejections = decideReversals(candidates, await findReversalTargets(tx, originalsToRead(candidates)));
  if (rejections.size === 0) return [...records];
  await rejectReversals(tx, [...rejections].map(([id, reason]) => ({ posting: records.find((r) => r.id === id)!.posting, reason })));
  return records.map((record) => {
    const reason = rejections.get(record.id);
    return reason === undefined ? record : { ...record, status: 'rejected', reason, rejectedPosting: JSON.stringify(record.posting) };
  });
}

/** The first posting of each id in the batch; later ones are repeats within the batch. */
function firstOccurrences(hashed: readonly HashedPosting[]): HashedPosting[] {
  const first = new Map<string, HashedPosting>();
  for (const item of hashed) if (!first.has(item.posting.id)) first.set(item.posting.id, item);
  return [...first.values()];
}

/**
 * One outcome per input posting. An id recorded before this batch (or by a concurrent batch
 * that won the race for it) answers every posting of that id here: the same fields get the
 * stored outcome back as a replay, other fields are rejected as `id_conflict`, and nothing is
 * stored for them: the id keeps its one outcome (I1). An id new in this batch is decided by its
 * first posting; later ones are replays of it or conflicts with it.
 */
function outcomesInInputOrder(
  hashed: readonly HashedPosting[],
  stored: ReadonlyMap<string, StoredOutcome>,
  freshOutcomes: ReadonlyMap<string, PostingOutcome>,
): PostingOutcome[] {
  // The first posting of each id here: its fields' hash and its producer.
  const firstSeen = new Map<string, string>();
  const decide = (item: HashedPosting): PostingOutcome => {
    const { id } = item.posting;
    const previous = stored.get(id);
    if (previous !== undefined) return outcomeOfRepeat(item, previous);
    const seen = `${item.hash}/${item.posting.producer ?? ''}`;
    const first = firstSeen.get(id);
    if (first === undefined) {
      firstSeen.set(id, seen);
      return freshOutcomes.get(id)!;
    }
    return first === seen ? { ...freshOutcomes.get(id)!, replay: true } : conflictOutcome(item.posting);
  };
  // Each outcome names the trace of the request that sent this posting (a replay's too: its own).
  return hashed.map((item) => withTraceId(decide(item), item.posting.traceId));
}

function withTraceId(outcome: PostingOutcome, traceId: string | undefined): PostingOutcome {
  return traceId === undefined ? outcome : { ...outcome, traceId };
}

/**
 * A repeat of a recorded id: a replay when its fields and its producer are the original's, else
 * a conflict — another producer reusing an id learns nothing of the original's outcome. (A record
 * from before producers were stamped has none and matches any.)
 */
function outcomeOfRepeat(item: HashedPosting, previous: StoredOutcome): PostingOutcome {
  const sameProducer = previous.producer === null || previous.producer === item.posting.producer;
  if (previous.fieldsHash !== item.hash || !sameProducer) return conflictOutcome(item.posting);
  const { status, reason, branch, account, dateRef, traceKey } = previous;
  return withProducer({ id: previous.id, traceKey, branch, account, dateRef, status, reason, replay: true }, item.posting.producer);
}

function conflictOutcome(posting: Posting): PostingOutcome {
  const { id, traceKey, branch, account, dateRef } = posting;
  return withProducer({ id, traceKey, branch, account, dateRef, status: 'rejected', reason: 'id_conflict', replay: false }, posting.producer);
}

/** The outcome goes back to whoever sent the posting: its producer, when it has one. */
function withProducer(outcome: PostingOutcome, producer: string | null | undefined): PostingOutcome {
  return producer === undefined || producer === null ? outcome : { ...outcome, producer };
}

type BatchRecord = PostingRecord & { readonly posting: Posting };

function postingRecord(item: HashedPosting, reason: RejectionCode | null): BatchRecord {
  const { posting } = item;
  return {
    id: posting.id,
    status: reason === null ? 'posted' : 'rejected',
    reason,
    branch: posting.branch,
    account: posting.account,
    dateRef: posting.dateRef,
    traceKey: posting.traceKey,
    producer: posting.producer ?? null,
    fieldsHash: item.hash,
    rejectedPosting: reason === null ? null : JSON.stringify(posting),
    posting,
  };
}

/**
 * A posting the database cannot store: rejected, and kept without its fields (they are what
 * the database refused; the id, trace key, account and date passed the contract's patterns).
 */
function unstorableRecord(item: HashedPosting): BatchRecord {
  return { ...postingRecord(item, 'posting_unstorable'), rejectedPosting: null };
}

function halves<T>(items: readonly T[]): (readonly T[])[] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}

/** SQLSTATE class 22, data exception: the data of some posting, not the batch or the server. */
function isDataException(error: unknown): boolean {
  return sqlState(error).startsWith('22');
}

function outcomeOfRecord(record: PostingRecord): PostingOutcome {
  const { id, traceKey, branch, account, dateRef, status, reason } = record;
  return withProducer({ id, traceKey, branch, account, dateRef, status, reason, replay: false }, record.producer);
}

function sqlState(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}
