// Account-hash stripes (docs/decisions/0011-account-stripes.md): a batch split into parts applied
// as separate database transactions, so two batches applied at once wait on each other only when
// they are in the same stripe at the same moment, and for that stripe's shared accounts only.
// The stripes are a partition for speed, never for correctness: every transaction still records
// its ids, then locks the accounts it posts to, whatever stripe they hash to.
//
// Every posting of one id goes with the first posting of that id, so a repeat within a batch is
// decided against its first posting exactly as in one transaction. A batch in which a reversal
// names an id of the same batch stays whole: the reversal rules follow the original in memory,
// in input order (reversals.ts), and split across transactions the reason a reversal on another
// account is refused would depend on which stripe committed first.
import type { Posting } from '@flow/contracts';
import { batchStripesMax } from '../limits.ts';

/**
 * The postings' indexes, one list per stripe that holds postings (ascending within each list),
 * in the order the stripes are applied: from stripe `start` (mod `stripeCount`) on.
 */
export function stripesOf(postings: readonly Posting[], stripeCount: number, start: number): number[][] {
  if (stripeCount <= 1 || postings.length <= 1 || hasReversalInBatch(postings)) return [postings.map((_, index) => index)];
  const stripes: number[][] = Array.from({ length: stripeCount }, () => []);
  const stripeOfId = new Map<string, number>();
  postings.forEach((posting, index) => {
    let stripe = stripeOfId.get(posting.id);
    if (stripe === undefined) {
      stripe = stripeOfAccount(posting.branch, posting.account, stripeCount);
      stripeOfId.set(posting.id, stripe);
    }
    stripes[stripe]!.push(index);
  });
  const first = ((start % stripeCount) + stripeCount) % stripeCount;
  return [...stripes.slice(first), ...stripes.slice(0, first)].filter((stripe) => stripe.length > 0);
}

/** Engines made by this process; with a random base, so worker processes start apart too. */
let enginesCreated = Math.floor(Math.random() * 1_000);

/**
 * An engine's stripe count, checked, and where its next batch starts: engines start at different
 * stripes and move on one stripe a batch, so two appliers applying at once are mostly in
 * different stripes.
 */
export function stripeRotation(stripes = 1): { readonly count: number; nextStart(): number } {
  if (!Number.isInteger(stripes) || stripes < 1 || stripes > batchStripesMax) {
    throw new Error(`stripes must be an integer from 1 to ${batchStripesMax}, got ${stripes}`);
  }
  let start = enginesCreated++;
  return { count: stripes, nextStart: () => start++ };
}

function hasReversalInBatch(postings: readonly Posting[]): boolean {
  if (!postings.some((posting) => typeof posting.reverses === 'string')) return false;
  const ids = new Set(postings.map((posting) => posting.id));
  return postings.some((posting) => typeof posting.reverses === 'string' && ids.has(posting.reverses));
}

/** FNV-1a over "branch/account": cheap, stable across processes, spread evenly enough for a few stripes. */
export function stripeOfAccount(branch: string, account: string, stripeCount: number): number {
  const key = `${branch}/${account}`;
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % stripeCount;
}
