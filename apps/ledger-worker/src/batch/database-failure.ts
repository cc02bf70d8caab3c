// Tells a database that cannot serve the worker (pause the consumers, probe until it answers)
// from a batch that failed for a reason of its own (leave its messages to the redrive). Only the
// first kind may stop the worker: a poison message must reach the dead-letter queue, while an
// outage or a rotated secret must not push good messages there. The classification itself is
// ledger-core's `databaseFailureKind`, shared with the query API; this adds the breaker's own
// "open" error. A statement timeout (57014) is the batch's own here: it is retried alone, and a
// batch that keeps timing out is poison, not an outage.
import { databaseFailureKind } from '@flow/ledger-core';

/** Why the worker pauses: the database is not there, or it refuses our (rotated) credentials. */
export type PauseReason = 'unavailable' | 'credentials_rejected';

/** opossum's code when the breaker is open and refuses the call without trying. */
const breakerOpenCode = 'EOPENBREAKER';

export function pauseReasonOf(error: unknown): PauseReason | null {
  const kind = databaseFailureKind(error);
  if (kind === 'unavailable' || kind === 'credentials_rejected') return kind;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === breakerOpenCode ? 'unavailable' : null;
}
