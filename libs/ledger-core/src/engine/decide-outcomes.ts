// The business rules of a posting, as a pure function of what the batch read from the database.
// The first broken rule wins, in the order of the rejection registry (CODES.md).
import { parseCents, type Posting, type RejectionCode } from '@flow/contracts';
import { accountKey, type AccountStatus, type EventRule } from './outcome.ts';

export interface RuleContext {
  readonly events: ReadonlyMap<number, EventRule>;
  /** Status of every registered account of the batch, by `accountKey`. */
  readonly accounts: ReadonlyMap<string, AccountStatus>;
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
  const status = context.accounts.get(accountKey(posting.branch, posting.account));
  if (status === undefined && !context.autoOpenAccounts) return 'account_not_found';
  if (status === 'blocked') return 'account_blocked';
  if (status === 'closed') return 'account_closed';
  if (posting.dateRef < context.windowStart || posting.dateRef > context.windowEnd) return 'date_ref_outside_window';
  if (parseCents(posting.amount) > context.amountLimitCents) return 'amount_above_limit';
  return null;
}
