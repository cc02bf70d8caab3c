// One scenario, the same steps for the limit and the engine: a clean database of its own,
// untimed setup, a warm-up on accounts the timed postings never touch (it opens every pooled
// connection, compiles the hot JavaScript paths and creates the month partitions), a CHECKPOINT
// so no earlier write is flushed during the timed phase, the timed phase with a per-statement
// clock, then (concurrency 1 only) one explained batch and the scenario's own checks.
import type { Posting } from '@flow/contracts';
import type { Database } from '@flow/ledger-core';
import type { DatabaseTarget } from './database-target.ts';
import { driveBatches, driveRoutedBatches, type ApplyBatch, type DriveResult } from './drive-batches.ts';
import { explainingDatabase, type ExplainedStatement } from './explain-batch.ts';
import { StatementClock, timedDatabase, type TimeShare } from './statement-timing.ts';
import { inBatches } from './workload.ts';

export interface ScenarioPostings {
  readonly timed: readonly Posting[];
  /** Warm-up postings, on accounts disjoint from the timed ones. */
  readonly warmup: readonly Posting[];
  /** One more batch, explained statement by statement after the timed phase. */
  readonly explained: readonly Posting[];
}

export interface ScenarioSpec {
  /** Short and SQL-safe: part of the scenario's database name ("a1", "b2"). */
  readonly key: string;
  readonly appliers: number;
  readonly batchSize: number;
  readonly postings: ScenarioPostings;
  readonly explain: boolean;
  /** Untimed: catalog rows, tables. */
  prepare(database: Database): Promise<void>;
  /** One applier per lane, built over `database` (the timed or the explaining wrapper). */
  lanes(database: Database, count: number): ApplyBatch<Posting>[];
  /** With routing by shard: the shard (0 … shards − 1) a posting's account belongs to. */
  readonly shardOf?: (posting: Posting, shards: number) => number;
  /** After everything: the scenario's checks (crash on a bug, docs/style.md §4). */
  verify(database: Database): Promise<ScenarioChecks>;
}

export interface ScenarioChecks {
  /** reconcileBalances returned no difference; null where there are no balances. */
  readonly reconciliationClean: boolean | null;
  /** The first differences reconcileBalances found, to report a broken invariant I2. */
  readonly differences: readonly unknown[];
  /** Batches that needed more than one database transaction (deadlock or serialization retry). */
  readonly retriedBatches: number;
}

export interface ScenarioRun extends ScenarioChecks {
  readonly key: string;
  readonly appliers: number;
  readonly drive: DriveResult;
  readonly timeShares: TimeShare[];
  readonly explained: ExplainedStatement[];
  /** Where the data stays with --keep. */
  readonly location: string | null;
}

export async function runScenario(target: DatabaseTarget, spec: ScenarioSpec): Promise<ScenarioRun> {
  const { database, location } = await target.open(spec.key, spec.appliers + 1);
  try {
    await spec.prepare(database);
    const clock = new StatementClock();
    const timed = timedDatabase(database, clock);
    const lanes = spec.lanes(timed, spec.appliers);
    await driveBatches(inBatches(spec.postings.warmup, spec.batchSize), lanes);
    await database.query('checkpoint').catch(() => undefined);

    const counted = lanes.map((apply) => async (batch: readonly Posting[]) => {
      await apply(batch);
      clock.countBatch();
    });
    clock.start();
    const drive = spec.shardOf === undefined || spec.appliers === 1
      ? await driveBatches(inBatches(spec.postings.timed, spec.batchSize), counted)
      : await driveRoutedBatches(shardQueues(spec.postings.timed, spec.appliers, spec.batchSize, spec.shardOf), counted);
    clock.stop();

    const explained: ExplainedStatement[] = [];
    if (spec.explain && spec.postings.explained.length > 0) {
      const [explainedApply] = spec.lanes(explainingDatabase(database, explained), 1);
      await explainedApply!(spec.postings.explained);
    }
    const checks = await spec.verify(database);
    return { key: spec.key, appliers: spec.appliers, drive, timeShares: clock.shares(), explained, location, ...checks };
  } finally {
    await database.close();
  }
}

/** Each shard's postings, in their order, cut into batches: the queue of the applier the broker routes that shard to. */
function shardQueues(
  postings: readonly Posting[], shards: number, batchSize: number, shardOf: (posting: Posting, shards: number) => number,
): Posting[][][] {
  const byShard: Posting[][] = Array.from({ length: shards }, () => []);
  for (const posting of postings) byShard[shardOf(posting, shards)]!.push(posting);
  return byShard.map((shard) => inBatches(shard, batchSize));
}
