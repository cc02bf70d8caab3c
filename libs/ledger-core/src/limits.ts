// Bounds of the ledger core, in one place (docs/style.md §3).
import { limits } from '@flow/contracts';

/**
 * Postings in one engine batch: one database transaction. Larger input is a caller bug. It also
 * bounds the advisory locks one batch takes (one per posted account) from PostgreSQL's shared
 * lock table; the benchmark found no gain in batches above 1,000.
 */
export const batchPostingsMax = 2_000;
/**
 * Account-hash stripes one batch may be split into (engine/stripes.ts): each is one more
 * database transaction (its own round of statements and COMMIT) a batch pays for.
 */
export const batchStripesMax = 16;
/** Attempts of one batch when PostgreSQL reports a deadlock or serialization failure. */
export const batchAttemptsMax = 3;
/**
 * Days of retro window a deployment may configure; it bounds the daily-balance cascade, and the
 * days an `asOf` read recomputes (queries/as-of.ts): raising it is safe, lowering it is not — a
 * posting recorded under the larger bound could reach further back than asOf reads assume.
 */
export const retroWindowDaysMax = 31;
/** Rows per page of every list query: the API contract's bounds, defined in libs/contracts. */
export const pageLimitMax = limits.pageLimitMax;
export const pageLimitDefault = limits.pageLimitDefault;
