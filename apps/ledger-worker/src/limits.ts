// Bounds of the ledger worker, in one place (docs/style.md §3). Defaults of the FLOW_* variables and the
// fixed limits behind them; tests lower the configurable ones through the config.
import { batchPostingsMax as engineBatchPostingsMax, batchStripesMax as engineBatchStripesMax } from '@flow/ledger-core';

/** SQS hands out at most 10 messages per ReceiveMessage call. */
export const receiveMessagesMax = 10;
/** Concurrent long polls (one sqs-consumer Consumer each). */
export const receivesInFlightDefault = 4;
export const receivesInFlightMax = 32;
/**
 * Postings merged into one engine batch (one database transaction). The engine takes 2,000;
 * its benchmark found no gain above 1,000, and a smaller batch holds account locks shorter.
 */
export const batchPostingsDefault = 1_000;
export const batchPostingsMax = engineBatchPostingsMax;
/**
 * Account-hash stripes of one engine batch, each its own database transaction (the engine's
 * stripes.ts; the measurements are in docs/decisions/0011-account-stripes.md).
 */
export const batchStripesDefault = 1;
export const batchStripesMax = engineBatchStripesMax;
/** How long the assembler waits for more messages before it applies a batch that is not full. */
export const batchWaitMsDefault = 20;
export const batchWaitMsMax = 5_000;
/** Engine batches applied at once by one worker (PGlite serializes them anyway). */
export const batchesInFlightDefault = 2;
export const batchesInFlightMax = 16;
/** ReceiveMessage long-poll seconds; SQS allows 0–20. */
export const receiveWaitSecondsDefault = 10;
export const receiveWaitSecondsMax = 20;
/**
 * The database breaker stops waiting for a batch after this long (times the batch's stripes, each
 * its own transaction: `FLOW_BATCH_STRIPES`) and fails it as `batch_timeout`, which pauses the
 * worker: the server cancels a slow statement itself before this (see `batchStatementTimeoutMs`),
 * so reaching it means the server did not answer, or answered every statement of a transaction
 * slowly. Stopping to wait cancels nothing, which is why the worker's connections carry the
 * statement timeout.
 */
export const batchTimeoutMs = 30_000;
/**
 * PostgreSQL statement_timeout of the worker's own connections, below `batchTimeoutMs` so the
 * server cancels a slow batch statement (57014), rolling back its transaction and releasing its
 * connection and account locks, before the breaker gives up on it. The 2 s margin covers the
 * cancel, the rollback and the round trip.
 */
export const batchStatementTimeoutMs = batchTimeoutMs - 2_000;
/** Milliseconds the database breaker stays open before it lets a call through again. */
export const databaseBreakerResetMs = 5_000;
/** While paused, `select 1` every this many ms until the database answers. */
export const databaseProbeIntervalMsDefault = 2_000;
/** Longest wait before resuming after a resume whose first batch failed again (doubles up to this). */
export const resumeDelayMsMax = 60_000;
/**
 * The transaction queue's visibility timeout (the messaging stack's
 * TransactionVisibilityTimeoutSeconds). While a received message waits in the assembler or its
 * batch runs, the consumer extends its visibility to this every third of it (a heartbeat), so a
 * slow batch is never redelivered mid-flight.
 */
export const visibilityTimeoutSecondsDefault = 60;
export const visibilityTimeoutSecondsMin = 2;
export const visibilityTimeoutSecondsMax = 43_200;
/**
 * Visibility given to a malformed message so it is received again (and reaches the dead-letter
 * queue after the redrive count) almost at once. Not 0: persisted fauxqs 2.4.1 (the embedded
 * stack's broker) fails ChangeMessageVisibility with 0 inside its store (NOT NULL constraint on
 * approximate_receive_count) and the message vanishes until a restart; a positive visibility
 * takes its expiring path. SQS counts visibility in whole seconds, so 1 is the smallest.
 */
export const malformedVisibilitySeconds = 1;
/** Sweep of unsent outbox rows every this many ms. */
export const outboxSweepIntervalMsDefault = 5_000;
/**
 * A sweep leaves rows younger than this to the worker that committed them, which publishes right
 * after commit; without it a sweep and that publish would often send the same row twice.
 */
export const outboxSweepAgeMinMs = 10_000;
/** Rows one sweep pass reads: bounds the pass's publishes (no transaction is held across them). */
export const outboxSweepRowsMax = 50;
/** Callback publishes (SNS Publish calls) in flight at once. */
export const publishesInFlightMax = 8;
export const publishTimeoutMs = 10_000;
export const publishBreakerResetMs = 5_000;
/** On stop, how long to wait for the last long polls and batches before aborting the receives. */
export const stopDrainMsMax = 25_000;
/** Pool connections: batches in flight, the sweep, the probe and the readiness check. */
export const databasePoolSizeDefault = 6;
/** A Lambda instance handles one event at a time: a batch, the sweep, and one spare. */
export const lambdaPoolSize = 2;
/**
 * Lambda: visibility given to a record whose batch failed because the database could not serve
 * it, by its receive count n: min(first · factor^(n−1), max). With the DLQ after 5 receives this
 * is 60 s, 4 min, 16 min, 64 min and 256 min: an outage of about 5 h 41 min passes before a good
 * message reaches the DLQ (the plain 60 s visibility would allow about 5 minutes). 43,200 s is
 * SQS's largest visibility timeout.
 */
export const redeliveryVisibilitySecondsFirst = 60;
export const redeliveryBackoffFactor = 4;
export const redeliveryVisibilitySecondsMax = 43_200;
/** SQS takes at most 10 entries per ChangeMessageVisibilityBatch. */
export const visibilityBatchEntriesMax = 10;
