// Scenario (a), the limit: the same rows in the same batch sizes, inserted into a plain table
// shaped like flow.transaction (same columns, checks, defaults, primary key and indexes, not
// partitioned), one INSERT … SELECT FROM unnest per batch in its own transaction. No idempotency
// record, no rules, no locks, no balances: what the database does for the rows alone.
import assert from 'node:assert/strict';
import type { Posting } from '@flow/contracts';
import { transactionColumns, type Database } from '@flow/ledger-core';
import type { ScenarioPostings, ScenarioSpec } from './run-scenario.ts';

const createLimitTableSql = `
  create schema bench;
  create table bench.transaction (like flow.transaction including all);`;

// The engine's insert-transactions statement (libs/ledger-core/src/engine/sql), aimed at the plain
// table, with the engine's own parameter encoding (transactionColumns).
const insertLimitRowsSql = `
  insert into bench.transaction
    (id, branch, account, amount, debit_credit, event_code, description, trace_key, details, date_ref, producer, reverses)
  select * from unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::integer[],
                       $7::text[], $8::uuid[], $9::jsonb[], $10::date[], $11::text[], $12::uuid[])`;

function insertLimitRows(database: Database) {
  return async (postings: readonly Posting[]): Promise<void> => {
    await database.transaction(async (tx) => {
      await tx.query(insertLimitRowsSql, transactionColumns(postings));
    });
  };
}

export function limitScenario(options: {
  appliers: number; batchSize: number; postings: ScenarioPostings; explain: boolean;
}): ScenarioSpec {
  const { postings } = options;
  return {
    key: `a${options.appliers}`,
    ...options,
    async prepare(database) {
      await database.runScript(createLimitTableSql);
    },
    lanes: (database, count) => Array.from({ length: count }, () => insertLimitRows(database)),
    async verify(database) {
      const { rows } = await database.query<{ count: string }>('select count(*) as count from bench.transaction');
      const expected = postings.timed.length + postings.warmup.length + (options.explain ? postings.explained.length : 0);
      assert.equal(Number(rows[0]!.count), expected, 'the limit table lost or duplicated rows');
      return { reconciliationClean: null, differences: [], retriedBatches: 0 };
    },
  };
}
