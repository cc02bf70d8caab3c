// Scenarios (b) and (c): the ledger engine applying the postings, one engine instance per
// applier over one connection pool (like N ledger workers), with the deployment's rules
// (7-day retro window, accounts opened automatically). The accounts are registered during setup,
// as in a bank whose accounts exist before they move, so the timed phase measures steady state;
// a workload that opens accounts pays one more statement per batch (open-accounts).
import assert from 'node:assert/strict';
import type { Posting } from '@flow/contracts';
import { createBranch, createEvent, createLedgerEngine, openAccounts, reconcileBalances, stripeOfAccount, type Database, type LedgerRules } from '@flow/ledger-core';
import type { ScenarioPostings, ScenarioSpec } from './run-scenario.ts';
import { accountsOf, workloadEventCodes } from './workload.ts';

/** Differences of a failed reconciliation kept for the report. */
const differencesKept = 20;

export interface EngineScenarioOptions {
  /** "b" (many accounts), "c" (hot accounts) or "d" (realistic: skewed accounts, mostly today). */
  readonly letter: 'b' | 'c' | 'd';
  readonly appliers: number;
  /** Account-hash stripes of each batch (the engine's `stripes`). */
  readonly stripes: number;
  /** `shard`: each applier gets one account shard's postings (see BenchOptions.routing). */
  readonly routing?: 'shared' | 'shard';
  readonly batchSize: number;
  readonly postings: ScenarioPostings;
  readonly explain: boolean;
  readonly rules: LedgerRules;
  /** The engine's clock, pinned for the whole run so "today" cannot move mid-run. */
  readonly now: Date;
  /** The engine to measure; another implementation may be passed to compare a variant. */
  readonly createEngine?: typeof createLedgerEngine;
}

async function prepareCatalog(database: Database, postings: ScenarioPostings): Promise<void> {
  for (const code of workloadEventCodes) {
    await createEvent(database, { code, description: `Benchmark ${code}`, active: true, allowDebit: true, allowCredit: true });
  }
  const accounts = accountsOf([...postings.warmup, ...postings.timed, ...postings.explained]);
  // Accounts belong to registered branches (flow.branch).
  for (const code of new Set(accounts.map((a) => a.branch))) await createBranch(database, { code, name: code, status: 'active' });
  await openAccounts(database, accounts.map((a) => a.branch), accounts.map((a) => a.account));
  await database.query('analyze flow.account');
}

export function engineScenario(options: EngineScenarioOptions): ScenarioSpec {
  const { postings } = options;
  let retriedBatches = 0;
  const applierOver = (database: Database) => {
    const engine = (options.createEngine ?? createLedgerEngine)({ database, rules: options.rules, now: () => options.now, stripes: options.stripes });
    return async (batch: readonly Posting[]): Promise<void> => {
      const { outcomes, attempts } = await engine.applyBatch(batch);
      const refused = outcomes.find((outcome) => outcome.status !== 'posted' || outcome.replay);
      assert.equal(refused, undefined, `the workload must post every posting: ${JSON.stringify(refused)}`);
      if (attempts > 1) retriedBatches += 1;
    };
  };
  return {
    key: `${options.letter}${options.appliers}${options.stripes === 1 ? '' : `s${options.stripes}`}${options.routing === 'shard' ? 'r' : ''}`,
    ...(options.routing === 'shard' ? { shardOf: (posting: Posting, shards: number) => stripeOfAccount(posting.branch, posting.account, shards) } : {}),
    appliers: options.appliers,
    batchSize: options.batchSize,
    postings,
    explain: options.explain,
    prepare: (database) => prepareCatalog(database, postings),
    lanes: (database, count) => Array.from({ length: count }, () => applierOver(database)),
    async verify(database) {
      const { rows } = await database.query<{ count: string }>('select count(*) as count from flow.transaction');
      const expected = postings.timed.length + postings.warmup.length + (options.explain ? postings.explained.length : 0);
      assert.equal(Number(rows[0]!.count), expected, 'the engine lost or duplicated transactions');
      const differences = await reconcileBalances(database);
      return { reconciliationClean: differences.length === 0, differences: differences.slice(0, differencesKept), retriedBatches };
    },
  };
}
