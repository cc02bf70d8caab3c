// What the engine says about each posting. Rejections are values with a stable code, never
// exceptions (STYLE §4).
import type { RejectionCode } from '@flow/contracts';

export type OutcomeStatus = 'posted' | 'rejected';

export interface PostingOutcome {
  readonly id: string;
  readonly traceKey: string;
  readonly branch: string;
  readonly account: string;
  readonly dateRef: string;
  readonly status: OutcomeStatus;
  readonly reason: RejectionCode | null;
  /**
   * True when this posting was seen before with the same fields: the outcome is the original
   * one, read back, and nothing new was written for it.
   */
  readonly replay: boolean;
}

export type EventRule = {
  readonly active: boolean;
  readonly allowDebit: boolean;
  readonly allowCredit: boolean;
};

export type AccountStatus = 'active' | 'blocked' | 'closed';

export function accountKey(branch: string, account: string): string {
  return `${branch}/${account}`;
}
