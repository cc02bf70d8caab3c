// Tells a database that cannot serve the worker (pause the consumers, probe until it answers)
// from a batch that failed for a reason of its own (leave its messages to the redrive). Only the
// first kind may stop the worker: a poison message must reach the dead-letter queue, while an
// outage or a rotated secret must not push good messages there. The classification itself is
// ledger-core's `databaseFailureKind`, shared with the query API; this adds the database
// breaker's own errors. A statement timeout (57014) is the batch's own: the server cancelled a
// slow statement, so the batch is retried alone, and one that keeps timing out is poison. The
// breaker's timeout is different: the server cancels any statement itself before it
// (`batchStatementTimeoutMs` < `batchTimeoutMs`), so when the breaker's clock runs out first the
// server did not answer at all — a hung or unreachable database — and the worker pauses, which
// keeps good messages' receive counts (and so the DLQ) out of it.
import { databaseFailureKind, type DatabaseFailureKind } from '@flow/ledger-core';

/** Why the worker pauses: the database is not there, or it refuses our (rotated) credentials. */
export type PauseReason = 'unavailable' | 'credentials_rejected';

/**
 * Why a batch failed, for the pause decision and the `batch_failed` line: ledger-core's kinds,
 * plus `batch_timeout` when the database breaker stopped waiting (`batchTimeoutMs`).
 */
export type BatchFailureKind = DatabaseFailureKind | 'batch_timeout';

/** opossum's code when the breaker is open and refuses the call without trying. */
const breakerOpenCode = 'EOPENBREAKER';
/**
 * opossum's code when a call outlives the breaker's timeout. A socket's ETIMEDOUT is the same
 * code, but ledger-core reads that one as `unavailable` and only opossum's ("Timed out after
 * N ms") as no database failure, so an ETIMEDOUT that reaches the second check is the breaker's.
 */
const breakerTimeoutCode = 'ETIMEDOUT';

export function batchFailureKind(error: unknown): BatchFailureKind | null {
  const kind = databaseFailureKind(error);
  if (kind !== null) return kind;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === breakerOpenCode) return 'unavailable';
  if (code === breakerTimeoutCode) return 'batch_timeout';
  return null;
}

export function pauseReasonOf(error: unknown): PauseReason | null {
  const kind = batchFailureKind(error);
  if (kind === 'batch_timeout') return 'unavailable';
  return kind === 'unavailable' || kind === 'credentials_rejected' ? kind : null;
}
