// The business rules of a posting, as a pure function of what the batch read from the database.
// The first broken rule wins, in this order (docs/engine.md, "Rules"): event, branch, account,
// date, amount. The reversal rules come last and are decided under the account locks
// (reversals.ts), since what remains to reverse of an original can change until then.
import { parseCents, type Posting, type RejectionCode } from '@flow/contracts';
import { accountKey, type AccountStatus, type BranchStatus, type EventRule } from './outcome.ts';

export interface RuleContext {
  readonly events: ReadonlyMap<number, EventRule>;
  /** Status of every registered account of the batch, by `accountKey`. */
  readonly accounts: ReadonlyMap<string, AccountStatus>;
  /** Status of every registered branch of the batch, by code. */
  readonly branches: ReadonlyMap<string, BranchStatus>;
  readonly autoOpenAccounts: boolean;
  /** Accepted business dates, inclusive: today − retro window … today. */
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly amountLimitCents: bigint;
}

/** The rejection code of the first rule `posting` breaks, or null when it may be posted. */
export function rejectionOf(posting: Posting, context: RuleContext): RejectionCode | null {
  const event = context.events.get(posting.eventCode);
  if (event === undefined) return 'event_not_found';
  if (!event.active) return 'event_inactive';
  if (posting.debitCredit === 'D' && !event.allowDebit) return 'event_disallows_debit';
  if (posting.debitCredit === 'C' && !event.allowCredit) return 'event_disallows_credit';
  const branch = context.branches.get(posting.branch);
  if (branch === 'closed') return 'branch_closed';
  const status = context.accounts.get(accountKey(posting.branch, posting.account));
  if (status === undefined && !context.autoOpenAccounts) return 'account_not_found';
  // Auto-open only inside a registered branch (a closed one was refused above).
  if (status === undefined && branch === undefined) return 'branch_not_found';
  if (status === 'blocked') return 'account_blocked';
  if (status === 'closed') return 'account_closed';
  if (posting.dateRef < context.windowStart) return 'date_ref_outside_window';
  if (posting.dateRef > context.windowEnd) return 'date_ref_in_future';
  if (parseCents(posting.amount) > context.amountLimitCents) return 'amount_above_limit';
  return null;
}
