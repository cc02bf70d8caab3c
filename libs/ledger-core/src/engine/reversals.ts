// Reversals (estorno): the rules a posting with `reverses` must pass after every other rule,
// decided under the account locks. A reversal is on the account of its original, so the lock
// the batch holds on that account is also the lock on every reversal of that original: no other
// batch can post one until this batch commits, and the remainder read here stays true until
// then. Two concurrent reversals of one original therefore never exceed it (docs/engine.md).
//
// The original is the posting as recorded before this posting in ledger order: by an earlier
// batch (read here, after the locks), or earlier in this very batch (followed in memory, in
// input order). A posting later in the batch does not exist yet for it.
import { parseCents, type DebitCredit, type Posting, type RejectionCode } from '@flow/contracts';
import type { Queryable } from '../database/port.ts';

/** What a reversal needs to know of its original. */
export interface ReversalTarget {
  readonly status: 'posted' | 'rejected';
  readonly branch: string;
  readonly account: string;
  readonly debitCredit: DebitCredit | null;
  readonly amountCents: bigint;
  /** The sum of its posted reversals so far. */
  reversedCents: bigint;
}

/** A posting of this batch as the reversal rules see it, in input order. */
export interface ReversalCandidate {
  readonly posting: Posting;
  /** Posted by the earlier rules and recorded by this batch (not a repeat of an older id). */
  readonly tentativelyPosted: boolean;
  /** Recorded by this batch (posted or rejected); a repeat of an older id is not. */
  readonly recordedHere: boolean;
}

// flow.posting by its key, the transaction by its key (date_ref, id) and the sum of the
// original's reversals through transaction_reverses_idx: three index reads per original.
const findReversalTargetsSql = `
  select p.id, p.status, p.branch, p.account, t.debit_credit as "debitCredit", t.amount::text as amount,
         coalesce((select sum(r.amount) from flow.transaction r where r.reverses = p.id), 0)::numeric(24,2)::text as reversed
  from flow.posting p
  left join flow.transaction t on t.date_ref = p.date_ref and t.id = p.id
  where p.id = any($1::uuid[])`;

export async function findReversalTargets(tx: Queryable, ids: readonly string[]): Promise<Map<string, ReversalTarget>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{
    id: string; status: 'posted' | 'rejected'; branch: string; account: string;
    debitCredit: DebitCredit | null; amount: string | null; reversed: string;
  }>(findReversalTargetsSql, [ids]);
  return new Map(rows.map((row) => [row.id, {
    status: row.status, branch: row.branch, account: row.account, debitCredit: row.debitCredit,
    amountCents: row.amount === null ? 0n : parseCents(row.amount), reversedCents: parseCents(row.reversed),
  }]));
}

/** The ids of the earlier-recorded originals the batch's reversals need read from the database. */
export function originalsToRead(candidates: readonly ReversalCandidate[]): string[] {
  const here = new Set(candidates.filter((item) => item.recordedHere).map((item) => item.posting.id));
  const ids = candidates
    .filter((item) => item.tentativelyPosted && typeof item.posting.reverses === 'string')
    .map((item) => item.posting.reverses!)
    .filter((id) => !here.has(id));
  return [...new Set(ids)];
}

/**
 * The reversal rule each tentatively posted reversal breaks, by posting id (absent: posted).
 * Follows the batch in input order so partial reversals add up, within the batch too.
 */
export function decideReversals(
  candidates: readonly ReversalCandidate[], stored: ReadonlyMap<string, ReversalTarget>,
): Map<string, RejectionCode> {
  const inBatch = new Map<string, ReversalTarget>();
  const rejections = new Map<string, RejectionCode>();
  for (const { posting, tentativelyPosted, recordedHere } of candidates) {
    if (!recordedHere) continue;
    let reason: RejectionCode | null = null;
    if (tentativelyPosted && typeof posting.reverses === 'string') {
      const target = inBatch.get(posting.reverses) ?? stored.get(posting.reverses);
      reason = reversalRejection(posting, target);
      if (reason === null) target!.reversedCents += parseCents(posting.amount);
      else rejections.set(posting.id, reason);
    }
    inBatch.set(posting.id, {
      status: tentativelyPosted && reason === null ? 'posted' : 'rejected',
      branch: posting.branch, account: posting.account, debitCredit: posting.debitCredit,
      amountCents: parseCents(posting.amount), reversedCents: 0n,
    });
  }
  return rejections;
}

function reversalRejection(posting: Posting, target: ReversalTarget | undefined): RejectionCode | null {
  if (target === undefined) return 'reversal_target_not_found';
  if (target.status !== 'posted') return 'reversal_target_rejected';
  if (target.branch !== posting.branch || target.account !== posting.account) return 'reversal_other_account';
  if (target.debitCredit === posting.debitCredit) return 'reversal_same_side';
  if (parseCents(posting.amount) > target.amountCents - target.reversedCents) return 'reversal_exceeds_remainder';
  return null;
}

const rejectReversalsSql = `
  update flow.posting p set status = 'rejected', reason = r.reason, rejected_posting = r.posting
  from unnest($1::uuid[], $2::text[], $3::jsonb[]) as r(id, reason, posting)
  where p.id = r.id`;

/** Turns the recorded, tentatively posted reversals that broke a rule into rejections. */
export async function rejectReversals(
  tx: Queryable, rejected: readonly { posting: Posting; reason: RejectionCode }[],
): Promise<void> {
  if (rejected.length === 0) return;
  await tx.query(rejectReversalsSql, [
    rejected.map((item) => item.posting.id), rejected.map((item) => item.reason),
    rejected.map((item) => JSON.stringify(item.posting)),
  ]);
}
