// What one committed batch adds to the worker's metrics: its size and duration, an outcome count
// by status and rejection code (a replay counts as `replay`, not twice as posted), and, for each
// newly posted posting, the seconds from the queue receiving its message to the commit — one
// observation per message, weighted by its posted postings (they share the message's time).
import type { BatchResult } from '@flow/ledger-core';
import type { Metrics } from '@flow/service-kit';
import type { BatchEntry } from './batch-applier.ts';

export function recordBatch(metrics: Metrics, result: BatchResult, seconds: number, entries: readonly BatchEntry[]): void {
  metrics.observe('flow_batch_postings', result.outcomes.length);
  metrics.observe('flow_batch_duration_seconds', seconds);
  const counts = new Map<string, { status: string; reason: string; count: number }>();
  const postedIds = new Set<string>();
  for (const outcome of result.outcomes) {
    const status = outcome.replay ? 'replay' : outcome.status;
    const reason = status === 'rejected' ? (outcome.reason ?? '') : '';
    const key = `${status}|${reason}`;
    const count = counts.get(key) ?? { status, reason, count: 0 };
    count.count++;
    counts.set(key, count);
    if (status === 'posted') postedIds.add(outcome.id);
  }
  for (const { status, reason, count } of counts.values()) metrics.increment('flow_postings_applied_total', { status, reason }, count);
  const committedAtMs = Date.now();
  for (const entry of entries) {
    if (entry.sentAtMs === undefined) continue;
    const posted = entry.postings.filter((posting) => postedIds.has(posting.id)).length;
    metrics.observe('flow_accept_to_posted_seconds', Math.max(0, committedAtMs - entry.sentAtMs) / 1_000, {}, posted);
  }
}
