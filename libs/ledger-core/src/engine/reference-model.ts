// The reference model of the posting engine, for the randomized invariant suite: the rules,
// reversals, idempotency, daily balances and balance changes of docs/invariants.md and
// docs/engine.md written the plain way — one posting at a time, in memory, in bigint cents — so
// the engine's set-based SQL can be checked against it.
// It shares no code with the engine beyond the contract types and the money helpers.
import { formatCents, parseCents, type BalanceChange, type Posting, type RejectionCode } from '@flow/contracts';
import type { AccountStatus, BranchStatus, EventRule, PostingOutcome } from './outcome.ts';
import type { DailyBalance } from '../queries/balances.ts';

export interface ReferenceRules {
  /** Accepted business dates, inclusive. */
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly autoOpenAccounts: boolean;
  readonly amountLimitCents: bigint;
}

/**
 * A daily balance as the read side shows it, plus the trace key of the day's last entry. The model
 * has no recording clock, so no `revisedAt`.
 */
export interface ReferenceDay extends Omit<DailyBalance, 'revisedAt'> {
  /** Trace key of the day's last entry in ledger order. */
  readonly lastTraceKey: string;
}

/** What the model remembers of an id: the posting that first used it and its one outcome. */
export interface ReferenceRecord {
  readonly posting: Posting;
  readonly outcome: PostingOutcome;
}

interface IdRecord extends ReferenceRecord {
  readonly fields: string;
}

export class ReferenceLedger {
  readonly #events: ReadonlyMap<number, EventRule>;
  readonly #accounts = new Map<string, AccountStatus>();
  readonly #branches = new Map<string, BranchStatus>();
  readonly #rules: ReferenceRules;
  #lastBalanceChanges: BalanceChange[] = [];
  readonly #records = new Map<string, IdRecord>();
  /** Posted entries in ledger (insertion) order. */
  readonly #ledger: Posting[] = [];

  constructor(options: {
    events: ReadonlyMap<number, EventRule>;
    accounts: readonly { branch: string; account: string; status: AccountStatus }[];
    branches: readonly { code: string; status: BranchStatus }[];
    rules: ReferenceRules;
  }) {
    this.#events = options.events;
    this.#rules = options.rules;
    for (const { code, status } of options.branches) this.#branches.set(code, status);
    for (const { branch, account, status } of options.accounts) this.#accounts.set(keyOf(branch, account), status);
  }

  /** A catalog change between batches; an account that is not registered stays unregistered. */
  setAccountStatus(branch: string, account: string, status: AccountStatus): void {
    if (this.#accounts.has(keyOf(branch, account))) this.#accounts.set(keyOf(branch, account), status);
  }

  /** A catalog change between batches, of a registered branch. */
  setBranchStatus(code: string, status: BranchStatus): void {
    if (this.#branches.has(code)) this.#branches.set(code, status);
  }

  accountStatus(branch: string, account: string): AccountStatus | undefined {
    return this.#accounts.get(keyOf(branch, account));
  }

  /**
   * The outcome of every posting of one batch, in input order. Rules see the catalog as it was
   * when the batch started; accounts opened automatically exist from the next batch on.
   */
  applyBatch(postings: readonly Posting[]): PostingOutcome[] {
    const catalogAtStart = { accounts: new Map(this.#accounts), branches: new Map(this.#branches) };
    const daysBefore = new Map(this.accountsWithEntries().map(([branch, account]) =>
      [keyOf(branch, account), this.dailyBalances(branch, account)]));
    const outcomes = postings.map((posting) => {
      const fields = fieldsOf(posting);
      const previous = this.#records.get(posting.id);
      if (previous !== undefined) {
        return previous.fields === fields ? { ...previous.outcome, replay: true } : conflictOf(posting);
      }
      const reason = this.#rejectionOf(posting, catalogAtStart);
      const { id, traceKey, branch, account, dateRef } = posting;
      const outcome: PostingOutcome = {
        id, traceKey, branch, account, dateRef, status: reason === null ? 'posted' : 'rejected', reason, replay: false,
      };
      this.#records.set(id, { posting, outcome, fields });
      if (reason === null) {
        this.#ledger.push(posting);
        if (!this.#accounts.has(keyOf(branch, account))) this.#accounts.set(keyOf(branch, account), 'active');
      }
      return outcome;
    });
    this.#lastBalanceChanges = this.#balanceChangesSince(daysBefore);
    return outcomes;
  }

  /**
   * The account-days whose closing balance the last batch changed, in (branch, account, date)
   * order: every day now stored whose closing balance differs from the closing balance the
   * account had on that day before the batch (the last stored day up to it, else 0.00).
   */
  lastBalanceChanges(): BalanceChange[] {
    return this.#lastBalanceChanges;
  }

  #balanceChangesSince(daysBefore: ReadonlyMap<string, readonly ReferenceDay[]>): BalanceChange[] {
    const changes: BalanceChange[] = [];
    for (const [branch, account] of this.accountsWithEntries()) {
      const before = daysBefore.get(keyOf(branch, account)) ?? [];
      for (const day of this.dailyBalances(branch, account)) {
        const closingBefore = before.filter((earlier) => earlier.dateRef <= day.dateRef).at(-1)?.balance ?? '0.00';
        if (closingBefore !== day.balance) {
          changes.push({ branch, account, dateRef: day.dateRef, closingBalanceBefore: closingBefore, closingBalanceAfter: day.balance });
        }
      }
    }
    return changes;
  }

  /** The posted reversals of a posting, in statement order. */
  reversalsOf(id: string): Posting[] {
    const original = this.#records.get(id)?.posting;
    if (original === undefined) return [];
    return this.entries(original.branch, original.account).filter((posting) => posting.reverses === id);
  }

  /** Every id with a stored outcome (conflicting reuses store nothing). */
  records(): ReferenceRecord[] {
    return [...this.#records.values()].map(({ posting, outcome }) => ({ posting, outcome }));
  }

  /** The account's posted entries in statement order: date, then ledger order. */
  entries(branch: string, account: string): Posting[] {
    const own = this.#ledger.filter((posting) => posting.branch === branch && posting.account === account);
    return own.map((posting, order) => ({ posting, order }))
      .sort((a, b) => compareText(a.posting.dateRef, b.posting.dateRef) || a.order - b.order)
      .map(({ posting }) => posting);
  }

  /** Accounts with at least one posted entry, as [branch, account], sorted. */
  accountsWithEntries(): [string, string][] {
    const keys = new Map(this.#ledger.map((posting) => [keyOf(posting.branch, posting.account), posting]));
    return [...keys.values()]
      .map((posting): [string, string] => [posting.branch, posting.account])
      .sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
  }

  /** One row per day with entries, oldest first, with day and accumulated totals. */
  dailyBalances(branch: string, account: string): ReferenceDay[] {
    const days: ReferenceDay[] = [];
    let accumulatedDebit = 0n;
    let accumulatedCredit = 0n;
    const entries = this.entries(branch, account);
    for (let start = 0; start < entries.length;) {
      const dateRef = entries[start]!.dateRef;
      let end = start;
      while (end < entries.length && entries[end]!.dateRef === dateRef) end++;
      const day = entries.slice(start, end);
      const totalDebit = sumCents(day.filter((posting) => posting.debitCredit === 'D'));
      const totalCredit = sumCents(day.filter((posting) => posting.debitCredit === 'C'));
      accumulatedDebit += totalDebit;
      accumulatedCredit += totalCredit;
      days.push({
        dateRef,
        totalDebit: formatCents(totalDebit),
        totalCredit: formatCents(totalCredit),
        accumulatedDebit: formatCents(accumulatedDebit),
        accumulatedCredit: formatCents(accumulatedCredit),
        balance: formatCents(accumulatedCredit - accumulatedDebit),
        transactionCount: day.length,
        lastTraceKey: day[day.length - 1]!.traceKey,
      });
      start = end;
    }
    return days;
  }

  /**
   * The first broken rule, in the order of docs/engine.md (event, branch, account, date, amount,
   * reversal); null when it may be posted. Catalogs as the batch started; the original of a
   * reversal as recorded so far, this batch's earlier postings included.
   */
  #rejectionOf(
    posting: Posting, catalog: { accounts: ReadonlyMap<string, AccountStatus>; branches: ReadonlyMap<string, BranchStatus> },
  ): RejectionCode | null {
    const event = this.#events.get(posting.eventCode);
    if (event === undefined) return 'event_not_found';
    if (!event.active) return 'event_inactive';
    if (posting.debitCredit === 'D' && !event.allowDebit) return 'event_disallows_debit';
    if (posting.debitCredit === 'C' && !event.allowCredit) return 'event_disallows_credit';
    const branch = catalog.branches.get(posting.branch);
    if (branch === 'closed') return 'branch_closed';
    const status = catalog.accounts.get(keyOf(posting.branch, posting.account));
    if (status === undefined && !this.#rules.autoOpenAccounts) return 'account_not_found';
    if (status === undefined && branch === undefined) return 'branch_not_found';
    if (status === 'blocked') return 'account_blocked';
    if (status === 'closed') return 'account_closed';
    if (posting.dateRef < this.#rules.windowStart) return 'date_ref_outside_window';
    if (posting.dateRef > this.#rules.windowEnd) return 'date_ref_in_future';
    if (parseCents(posting.amount) > this.#rules.amountLimitCents) return 'amount_above_limit';
    return posting.reverses === undefined || posting.reverses === null ? null : this.#reversalRejectionOf(posting, posting.reverses);
  }

  #reversalRejectionOf(posting: Posting, targetId: string): RejectionCode | null {
    const target = this.#records.get(targetId);
    if (target === undefined) return 'reversal_target_not_found';
    if (target.outcome.status !== 'posted') return 'reversal_target_rejected';
    if (target.posting.branch !== posting.branch || target.posting.account !== posting.account) return 'reversal_other_account';
    if (target.posting.debitCredit === posting.debitCredit) return 'reversal_same_side';
    const reversed = sumCents(this.#ledger.filter((entry) => entry.reverses === targetId));
    if (parseCents(posting.amount) > parseCents(target.posting.amount) - reversed) return 'reversal_exceeds_remainder';
    return null;
  }
}

function conflictOf(posting: Posting): PostingOutcome {
  const { id, traceKey, branch, account, dateRef } = posting;
  return { id, traceKey, branch, account, dateRef, status: 'rejected', reason: 'id_conflict', replay: false };
}

/** The business fields of a posting (everything but id and trace key), key order ignored. */
function fieldsOf(posting: Posting): string {
  const { branch, account, amount, debitCredit, eventCode, description, details, dateRef } = posting;
  const reverses = posting.reverses ?? null;
  return sortedJson({ branch, account, amount, debitCredit, eventCode, description, details, dateRef, reverses });
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).sort(([a], [b]) => compareText(a, b));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${sortedJson(item)}`).join(',')}}`;
}

function sumCents(postings: readonly Posting[]): bigint {
  return postings.reduce((sum, posting) => sum + parseCents(posting.amount), 0n);
}

function keyOf(branch: string, account: string): string {
  return `${branch}/${account}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
