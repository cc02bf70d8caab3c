// Bounds of the query API, in one place (docs/style.md §3). Page sizes and the date range are the API
// contract's (libs/contracts limits), which ledger-core's queries enforce too.
import { limits } from '@flow/contracts';

/** Days one from–to request may span, inclusive. */
export const dateRangeDaysMax = limits.dateRangeDaysMax;

/** Bytes of a catalog request body: an event or an account is a few hundred bytes. */
export const catalogBodyBytesMax = 16_384;

/**
 * Milliseconds one SQL statement may run on a pg connection before PostgreSQL cancels it (added
 * to the connection strings as `statement_timeout` unless they set one), so a slow query frees
 * its connection instead of holding the pool.
 */
export const statementTimeoutMsDefault = 15_000;
export const statementTimeoutMsMax = 600_000;

/** Accounts and events per catalog page, the same bounds as every other list. */
export { pageLimitDefault, pageLimitMax } from '@flow/ledger-core';

/**
 * The live outcomes stream (`GET /v1/outcomes/stream`): how often it polls the outbox for new
 * batches, how many batches one poll reads, how many outbox positions behind the newest it re-reads
 * (a batch's outbox id is taken at insert, so a batch may commit after a later one was already
 * read), how long one stream lasts before the client reconnects with `Last-Event-ID`, and how
 * many streams one process serves at once.
 */
export const outcomeStreamLimits = {
  pollIntervalMs: 1_000,
  batchesPerPoll: 200,
  lookbackPositions: 64,
  streamDurationMs: 15 * 60_000,
  heartbeatMs: 15_000,
  streamsMax: 100,
} as const;

/**
 * Seconds a read replica may lag before readiness fails (`FLOW_REPLICA_LAG_MAX_SECONDS`): past it,
 * statements and reports are too stale to serve, and the load balancer should take this task out.
 */
export const replicaLagSecondsMaxDefault = 30;
export const replicaLagSecondsMaxLimit = 3_600;

/**
 * Connections to the primary as the reader's login, where a read the replica does not have yet
 * falls back (read-your-writes; docs/decisions/0010-read-your-writes.md): only misses and true 404s
 * go there, a small share of reads.
 */
export const primaryReadPoolSize = 2;
