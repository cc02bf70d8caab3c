// The outbox relay: publishes each committed batch's outcomes to the callback topic and marks
// its outbox row sent (invariant I5). Right after commit it publishes the outcomes it already
// holds in memory, at most `publishesInFlightMax` rows at once and `publishQueueMax` waiting;
// beyond that, or when a publish fails, the row stays unsent and the periodic sweep publishes
// it from the database (a crash between commit and publish ends the same way). Delivery is at
// least once: a row can be published by both paths, or by two workers' sweeps (the sweep holds
// no lock or transaction across publishes, see ledger-core's sweep-outbox.ts); producers dedupe
// by posting id. Each callback message holds one producer's outcomes and carries the SNS message
// attributes `producer`, `branch` (when all its outcomes share one), `kind` and `version`, so a
// subscription's FilterPolicy routes each producer's outcomes to its own queue or endpoint.
// A row that changed stored days also holds its balance changes: they go out after its outcomes,
// one branch a message (`kind` flow.balance-changes, `version`, `branch`; no `producer`), and
// the row is marked only once both kinds are published, so they are at least once as well.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { encodeBalanceChangeMessages, encodeCallbackMessages, type BalanceChange, type CallbackMessage } from '@flow/contracts';
import { markOutboxSent, sweepOutbox, type BatchResult, type Database, type PostingOutcome, type SweepResult } from '@flow/ledger-core';
import { createBreaker, errorFields, watchBreaker, type Logger, type Metrics } from '@flow/service-kit';
import {
  outboxSweepAgeMinMs, outboxSweepRowsMax, publishBreakerResetMs, publishTimeoutMs, publishesInFlightMax,
} from '../limits.ts';

/** Rows waiting for a publish slot; more are left to the sweep rather than held in memory. */
export const publishQueueMax = 64;

export interface OutboxRelayOptions {
  readonly database: Database;
  readonly sns: SNSClient;
  readonly callbackTopicArn: string;
  readonly logger: Logger;
  readonly sweepIntervalMs: number;
  /** Rows younger than this are left to the worker that committed them; tests pass 0. */
  readonly sweepAgeMinMs?: number;
  /** Shows the callback-topic breaker as `flow_breaker_open`. */
  readonly metrics?: Metrics;
}

export interface OutboxRelay {
  /**
   * Publishes a committed batch's outcomes and balance changes and marks its row; never rejects
   * (failures are logged).
   */
  publishCommitted(outboxId: string, outcomes: readonly PostingOutcome[], balanceChanges?: readonly BalanceChange[]): Promise<void>;
  /** One sweep pass over unsent rows. */
  sweep(): Promise<SweepResult>;
  /** Starts the periodic sweep. */
  start(): void;
  /** Stops the sweep and waits for every publish in flight. */
  stop(): Promise<void>;
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { database, sns, callbackTopicArn, logger } = options;
  const publishBody = async (message: CallbackMessage) => void (await sns.send(new PublishCommand({
    TopicArn: callbackTopicArn, Message: message.body, MessageAttributes: snsAttributes(message),
  })));
  const breaker = createBreaker(publishBody, { name: 'callback-topic', timeoutMs: publishTimeoutMs, resetTimeoutMs: publishBreakerResetMs }, logger);
  if (options.metrics !== undefined) watchBreaker(breaker, 'callback-topic', options.metrics);
  const slots = createSlots(publishesInFlightMax, publishQueueMax);
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function publishRow(outboxId: string, outcomes: readonly PostingOutcome[], balanceChanges: readonly BalanceChange[]): Promise<void> {
    const messages = [...encodeCallbackMessages(outcomes), ...encodeBalanceChangeMessages(balanceChanges)];
    for (const message of messages) await breaker.fire(message);
    logger.info('outcomes_published', { outboxId, outcomes: outcomes.length, balanceChanges: balanceChanges.length, messages: messages.length });
  }

  async function publishAndMark(outboxId: string, outcomes: readonly PostingOutcome[], balanceChanges: readonly BalanceChange[]): Promise<void> {
    try {
      await publishRow(outboxId, outcomes, balanceChanges);
      await markOutboxSent(database, [outboxId]);
    } catch (error) {
      logger.warn('outbox_relay_failed', { outboxId, ...errorFields(error) });
    }
  }

  function publishCommitted(outboxId: string, outcomes: readonly PostingOutcome[], balanceChanges: readonly BalanceChange[] = []): Promise<void> {
    const done = slots.run(() => publishAndMark(outboxId, outcomes, balanceChanges)).then((ran) => {
      if (!ran) logger.warn('outbox_relay_deferred', { outboxId });
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return done;
  }

  async function sweep(): Promise<SweepResult> {
    const result = await sweepOutbox(database, (row) => publishRow(row.id, row.outcomes, row.balanceChanges), {
      rowsMax: outboxSweepRowsMax, ageMinMs: options.sweepAgeMinMs ?? outboxSweepAgeMinMs,
    });
    if (result.failure !== undefined) logger.warn('outbox_sweep_failed', errorFields(result.failure));
    return result;
  }

  function scheduleSweep(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      sweeping = sweep()
        .catch((error: unknown) => logger.warn('outbox_sweep_failed', errorFields(error)))
        .finally(scheduleSweep);
    }, options.sweepIntervalMs);
  }

  return {
    publishCommitted,
    sweep,
    start: scheduleSweep,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sweeping;
      await Promise.all(inFlight);
      breaker.shutdown();
    },
  };
}

/** The message's routing attributes as SNS String attributes, for subscription filter policies. */
function snsAttributes(message: CallbackMessage): Record<string, { DataType: 'String'; StringValue: string }> {
  const attributes: Record<string, { DataType: 'String'; StringValue: string }> = {};
  for (const [name, value] of Object.entries(message.attributes)) {
    if (typeof value === 'string') attributes[name] = { DataType: 'String', StringValue: value };
  }
  return attributes;
}

/** A counting semaphore with a bounded wait line: `run` resolves false when the line is full. */
function createSlots(slotsMax: number, waitingMax: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    busy--;
    const next = waiting.shift();
    if (next !== undefined) {
      busy++;
      next();
    }
  };
  return {
    async run(work: () => Promise<void>): Promise<boolean> {
      if (busy >= slotsMax) {
        if (waiting.length >= waitingMax) return false;
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        busy++;
      }
      try {
        await work();
      } finally {
        release();
      }
      return true;
    },
  };
}

/** Publishes every outbox row a batch committed: one, or one per stripe (the engine's stripes). */
export async function publishOutboxRows(relay: OutboxRelay, result: BatchResult): Promise<void> {
  await Promise.all(result.outboxRows.map((row) => relay.publishCommitted(row.outboxId, row.outcomes, row.balanceChanges)));
}
