// What the engine says about each posting. Rejections are values with a stable code, never
// exceptions (docs/style.md §4).
import type { PostingOutcomeMessage } from '@flow/contracts';

/**
 * One posting's outcome, exactly as producers receive it on the callback topic (the contract's
 * type: the engine decides it, the outbox stores it, the relay publishes it). `replay` is true
 * when the posting was seen before with the same fields: the outcome is the original one, read
 * back, and nothing new was written for it.
 */
export type PostingOutcome = PostingOutcomeMessage;
export type OutcomeStatus = PostingOutcome['status'];

export type EventRule = {
  readonly active: boolean;
  readonly allowDebit: boolean;
  readonly allowCredit: boolean;
};

export type AccountStatus = 'active' | 'blocked' | 'closed';

export type BranchStatus = 'active' | 'closed';

export function accountKey(branch: string, account: string): string {
  return `${branch}/${account}`;
}
