// Runs a list of batches through N appliers at once and measures throughput and latency. The
// appliers share one queue: each takes the next batch as soon as it finished its previous one,
// like workers consuming one SQS queue. Throughput is postings over the wall time of the whole
// list; latency is per batch, from the call to its resolution.
import { performance } from 'node:perf_hooks';

export type ApplyBatch<T> = (batch: readonly T[]) => Promise<void>;

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface DriveResult {
  readonly postings: number;
  readonly batches: number;
  readonly seconds: number;
  readonly postingsPerSecond: number;
  /** Milliseconds per batch. */
  readonly batchMs: LatencySummary;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? Number.NaN, mean };
}

/**
 * Applier i applies only `queues[i]`'s batches, in order, while the others apply theirs: a broker
 * that routes each account shard to one consumer. The run lasts as long as the longest queue.
 */
export async function driveRoutedBatches<T>(queues: readonly (readonly (readonly T[])[])[], appliers: readonly ApplyBatch<T>[]): Promise<DriveResult> {
  if (queues.length !== appliers.length) throw new Error('driveRoutedBatches needs one queue per applier');
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(appliers.map(async (apply, lane) => {
    for (const batch of queues[lane]!) {
      const batchStarted = performance.now();
      await apply(batch);
      latencies.push(performance.now() - batchStarted);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const all = queues.flat();
  const postings = all.reduce((sum, batch) => sum + batch.length, 0);
  return { postings, batches: all.length, seconds, postingsPerSecond: postings / seconds, batchMs: summarize(latencies) };
}

/** Applies every batch once, `appliers.length` at a time; applier i only ever runs on lane i. */
export async function driveBatches<T>(batches: readonly (readonly T[])[], appliers: readonly ApplyBatch<T>[]): Promise<DriveResult> {
  if (appliers.length === 0) throw new Error('driveBatches needs at least one applier');
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(appliers.map(async (apply) => {
    for (let index = next++; index < batches.length; index = next++) {
      const batchStarted = performance.now();
      await apply(batches[index]!);
      latencies.push(performance.now() - batchStarted);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const postings = batches.reduce((sum, batch) => sum + batch.length, 0);
  return { postings, batches: batches.length, seconds, postingsPerSecond: postings / seconds, batchMs: summarize(latencies) };
}
