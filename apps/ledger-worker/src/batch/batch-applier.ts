// The one place where queue messages become committed batches, shared by the container's
// assembler and the Lambda handler. Entries (each the postings of one message) are packed into
// engine batches of at most `batchPostings` postings without splitting a message, except a
// message larger than a batch, which gets batches of its own; each batch is one database
// transaction. An entry succeeds when every batch holding its postings committed: only then may
// its message be deleted. When a batch of several messages fails for a reason other than an
// unavailable database, each message is retried alone, so one poison message goes to the
// dead-letter queue by itself instead of dragging its neighbours along; a message that fails
// alone too is logged (`message_failed_alone`, with its message id and trace keys) so the poison
// message is named before it reaches the dead-letter queue.
import type { Posting } from '@flow/contracts';
import type { BatchResult, PostingOutcome } from '@flow/ledger-core';
import { errorFields, traceIdFields, traceKeyFields, withLinkedSpan, type Logger, type Metrics } from '@flow/service-kit';
import { batchFailureKind, pauseReasonOf } from '../consumer/database-failure.ts';
import { recordBatch } from './batch-metrics.ts';

/** The postings of one decoded message, and the outcomes of its postings that failed the contract. */
export interface BatchEntry {
  readonly messageId: string;
  readonly postings: readonly Posting[];
  /** Rejected `posting_invalid` by the decoder: written to the outbox with the first batch of the message. */
  readonly refused: readonly PostingOutcome[];
  /** When the queue received the message (SQS SentTimestamp, epoch ms), for `flow_accept_to_posted_seconds`. */
  readonly sentAtMs?: number;
}

export type EntryResult = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

export interface BatchApplierOptions {
  /** The engine's applyBatch, possibly behind a breaker. */
  readonly applyBatch: (postings: readonly Posting[], refused: readonly PostingOutcome[]) => Promise<BatchResult>;
  readonly batchPostings: number;
  readonly logger: Logger;
  /**
   * Called after each commit with the batch's result (the relay publishes its outbox row). The
   * container does not await the publish; the Lambda does, before it returns.
   */
  readonly onCommitted: (result: BatchResult) => void | Promise<void>;
  /** Counts outcomes and times batches (batch-metrics.ts); absent in the Lambda and in tests. */
  readonly metrics?: Metrics;
}

export type BatchApplier = (entries: readonly BatchEntry[]) => Promise<EntryResult[]>;

interface PlannedBatch {
  readonly postings: Posting[];
  readonly refused: PostingOutcome[];
  readonly entryIndexes: number[];
}

/**
 * Packs whole entries into batches of at most `batchPostings` postings; an oversized entry is
 * split alone (its refused outcomes ride with its first batch). Refused outcomes are not counted:
 * a message holds at most as many of them as the contract allows postings.
 */
export function planBatches(entries: readonly BatchEntry[], batchPostings: number): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  let current: PlannedBatch = { postings: [], refused: [], entryIndexes: [] };
  const hasWork = (batch: PlannedBatch) => batch.postings.length > 0 || batch.refused.length > 0;
  entries.forEach(({ postings, refused }, index) => {
    if (postings.length > batchPostings) {
      for (let start = 0; start < postings.length; start += batchPostings) {
        const chunk = postings.slice(start, start + batchPostings);
        batches.push({ postings: chunk, refused: start === 0 ? [...refused] : [], entryIndexes: [index] });
      }
      return;
    }
    if (current.postings.length + postings.length > batchPostings) {
      batches.push(current);
      current = { postings: [], refused: [], entryIndexes: [] };
    }
    current.postings.push(...postings);
    current.refused.push(...refused);
    current.entryIndexes.push(index);
  });
  if (hasWork(current)) batches.push(current);
  return batches;
}

export function createBatchApplier(options: BatchApplierOptions): BatchApplier {
  const { logger } = options;

  async function applyOne(postings: readonly Posting[], refused: readonly PostingOutcome[], entries: readonly BatchEntry[]): Promise<void> {
    const startedAt = performance.now();
    // One span for the batch, linked to the trace of every request it merged (with tracing on);
    // the batch's log line lists the same trace ids, and each outcome carries its own.
    const traceIds = [...new Set(postings.flatMap(({ traceId }) => (traceId === undefined ? [] : [traceId])))];
    const result = await withLinkedSpan('flow.batch', traceIds, () => options.applyBatch(postings, refused));
    logBatch(logger, result, performance.now() - startedAt);
    if (options.metrics !== undefined) recordBatch(options.metrics, result, (performance.now() - startedAt) / 1_000, entries);
    // Committed: whatever the relay does now cannot fail the batch (the sweep covers it).
    try {
      await options.onCommitted(result);
    } catch (error) {
      logger.error('outbox_relay_failed', { outboxIds: outboxIdsOf(result), ...errorFields(error) });
    }
  }

  return async (entries) => {
    const results: EntryResult[] = entries.map(() => ({ ok: true }));
    const fail = (index: number, error: unknown) => void (results[index] = { ok: false, error });
    for (const batch of planBatches(entries, options.batchPostings)) {
      try {
        await applyOne(batch.postings, batch.refused, batch.entryIndexes.map((index) => entries[index]!));
      } catch (error) {
        logger.error('batch_failed', {
          postings: batch.postings.length, messages: batch.entryIndexes.length, failure: batchFailureKind(error) ?? undefined,
          ...traceKeyFields([...batch.postings, ...batch.refused]), ...errorFields(error),
        });
        if (pauseReasonOf(error) !== null || batch.entryIndexes.length === 1) {
          batch.entryIndexes.forEach((index) => fail(index, error));
          continue;
        }
        for (const index of batch.entryIndexes) {
          const entry = entries[index]!;
          await applyOne(entry.postings, entry.refused, [entry]).catch((alone: unknown) => {
            logger.error('message_failed_alone', {
              messageId: entry.messageId, postings: entry.postings.length, failure: batchFailureKind(alone) ?? undefined,
              ...traceKeyFields([...entry.postings, ...entry.refused]), ...errorFields(alone),
            });
            fail(index, alone);
          });
        }
      }
    }
    return results;
  };
}

function logBatch(logger: Logger, result: BatchResult, ms: number): void {
  let posted = 0;
  let rejected = 0;
  let replays = 0;
  const debug = logger.isDebugEnabled();
  for (const outcome of result.outcomes) {
    if (outcome.replay) replays++;
    if (outcome.status === 'posted') {
      posted++;
      if (debug) logger.debug('posting_posted', { id: outcome.id, traceKey: outcome.traceKey, replay: outcome.replay });
    } else {
      rejected++;
      logger.info('posting_rejected', { id: outcome.id, traceKey: outcome.traceKey, reason: outcome.reason, replay: outcome.replay });
    }
  }
  logger.info('batch_applied', {
    postings: result.outcomes.length, posted, rejected, replays, ms: Math.round(ms), attempts: result.attempts, outboxIds: outboxIdsOf(result),
    ...traceKeyFields(result.outcomes), ...traceIdFields(result.outcomes),
  });
}

/** The batch's outbox rows, one per database transaction (one per stripe): what `outcomes_published` names. */
function outboxIdsOf(result: BatchResult): string[] {
  return result.outboxRows.map((row) => row.outboxId);
}
