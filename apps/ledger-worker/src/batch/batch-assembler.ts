// The container's batch assembler: every consumer hands it the postings of each decoded
// message and waits; it merges messages from all consumers into engine batches bounded by
// `batchPostings` and by `batchWaitMs` (a batch that is not full goes once its oldest message
// has waited that long), applies at most `batchesInFlight` at once, and resolves each message's
// promise when its batch committed (or failed). The consumers delete only what resolved ok.
// Memory is bounded by the consumers: each waits for its messages before it receives more.
import type { BatchApplier, BatchEntry, EntryResult } from './batch-applier.ts';

export interface BatchAssemblerOptions {
  readonly apply: BatchApplier;
  readonly batchPostings: number;
  readonly batchWaitMs: number;
  readonly batchesInFlight: number;
}

export interface BatchAssembler {
  /** Resolves once the message's postings committed ({ok: true}) or failed. Never rejects. */
  submit(entry: BatchEntry): Promise<EntryResult>;
  /** From now on apply what is pending without waiting for more (used on stop). */
  hurry(): void;
  /** Resolves when nothing is pending or being applied. */
  idle(): Promise<void>;
}

interface PendingEntry {
  readonly entry: BatchEntry;
  readonly receivedAt: number;
  readonly resolve: (result: EntryResult) => void;
}

export function createBatchAssembler(options: BatchAssemblerOptions): BatchAssembler {
  const pending: PendingEntry[] = [];
  let pendingPostings = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  let hurried = false;
  let idleWaiters: (() => void)[] = [];

  function takeBatch(): PendingEntry[] {
    const taken: PendingEntry[] = [];
    let postings = 0;
    while (pending.length > 0 && (taken.length === 0 || postings + pending[0]!.entry.postings.length <= options.batchPostings)) {
      const entry = pending.shift()!;
      postings += entry.entry.postings.length;
      taken.push(entry);
    }
    pendingPostings -= postings;
    return taken;
  }

  function pump(): void {
    clearTimeout(timer);
    timer = undefined;
    while (inFlight < options.batchesInFlight && pending.length > 0) {
      const waitedMs = Date.now() - pending[0]!.receivedAt;
      if (!hurried && pendingPostings < options.batchPostings && waitedMs < options.batchWaitMs) {
        timer = setTimeout(pump, options.batchWaitMs - waitedMs);
        return;
      }
      run(takeBatch());
    }
    if (inFlight === 0 && pending.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((wake) => wake());
    }
  }

  function run(entries: PendingEntry[]): void {
    inFlight++;
    options.apply(entries.map((pendingEntry) => pendingEntry.entry))
      .then(
        (results) => entries.forEach((entry, index) => entry.resolve(results[index]!)),
        (error: unknown) => entries.forEach((entry) => entry.resolve({ ok: false, error })),
      )
      .finally(() => {
        inFlight--;
        pump();
      });
  }

  return {
    submit(entry) {
      return new Promise((resolve) => {
        pending.push({ entry, receivedAt: Date.now(), resolve });
        pendingPostings += entry.postings.length;
        pump();
      });
    },
    hurry() {
      hurried = true;
      pump();
    },
    idle() {
      if (inFlight === 0 && pending.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
