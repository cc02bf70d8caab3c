// The benchmark's flags, parsed once into a frozen object; a bad value stops the run with a
// clear message before anything is created.
import { parseArgs } from 'node:util';
import { batchPostingsMax, batchStripesMax } from '@flow/ledger-core';

/** The local PostgreSQL tried when no --database-url is given. */
export const defaultPostgresUrl = 'postgresql://postgres@127.0.0.1:5432/test';
/** Postings per scenario by default: the whole run stays within a few minutes on 2 cores. */
export const postingsDefault = { postgres: 50_000, pglite: 20_000 } as const;
export const postingsMax = 1_000_000;
export const batchSizeDefault = 1_000;
export const scenarioNames = ['a', 'b', 'c', 'd', 'validator'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface BenchOptions {
  /** A PostgreSQL admin URL, "pglite", or null for "local PostgreSQL if it answers, else PGlite". */
  readonly databaseUrl: string | null;
  readonly jsonFile: string | null;
  readonly keep: boolean;
  /** Postings per scenario; null picks the database's default. */
  readonly postings: number | null;
  readonly batchSize: number;
  readonly appliers: readonly number[];
  /** Account-hash stripes of the engine scenarios, each measured in turn (the engine's `stripes`). */
  readonly stripes: readonly number[];
  /**
   * How the engine scenarios' appliers share the postings: `shared`, every applier takes the next
   * batch of one queue (one SQS queue); `shard`, applier i only ever gets the postings of account
   * shard i (hash of branch and account mod appliers), as SQS FIFO message groups would deliver.
   */
  readonly routing: 'shared' | 'shard';
  readonly accounts: number;
  readonly hotAccounts: number;
  /** Accounts of scenario (d), drawn with a Zipf-like skew. */
  readonly realisticAccounts: number;
  readonly seed: number;
  readonly scenarios: ReadonlySet<ScenarioName>;
  readonly explain: boolean;
}

export const usage = `npm run bench -- [flags]

  --database-url URL   PostgreSQL server to create the run's databases on (any database there
                       serves as the admin connection), or "pglite".
                       Default: ${defaultPostgresUrl} if it answers, else PGlite.
  --json FILE          also write every figure as JSON to FILE
  --keep               keep the databases (PostgreSQL) or data folders (PGlite) and print where
  --postings N         postings per scenario (default ${postingsDefault.postgres} on PostgreSQL, ${postingsDefault.pglite} on PGlite)
  --batch-size N       postings per batch, at most ${batchPostingsMax} (default ${batchSizeDefault})
  --appliers LIST      concurrent appliers to measure, e.g. 1,2 (default 1,2,4)
  --stripes LIST       account-hash stripes of the engine's batches to measure, e.g. 1,2,4 (default 1)
  --routing MODE       shared (default): every applier takes the next batch of one queue;
                       shard: applier i gets only account shard i's postings (the broker routing
                       by account shard, like SQS FIFO message groups, one consumer per group)
  --accounts N         accounts of scenario (b) (default 10000)
  --hot-accounts N     accounts of scenario (c) (default 10)
  --realistic-accounts N  accounts of scenario (d), Zipf-skewed, 85 % dated today (default 100000)
  --seed N             seed of the generated postings (default 1)
  --scenarios LIST     any of a,b,c,d,validator (default all; b, c and d need a)
  --no-explain         skip the EXPLAIN ANALYZE batch after each 1-applier scenario
  --help               this text`;

/** A bad flag: the run stops with this message and the usage text. */
export class UsageError extends Error {}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function routingOf(text: string | undefined): 'shared' | 'shard' {
  if (text === undefined || text === 'shared' || text === 'shard') return text ?? 'shared';
  throw new UsageError(`--routing takes shared or shard, got ${JSON.stringify(text)}`);
}

function list<T extends string>(name: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (items.length === 0 || unknown.length > 0) {
    throw new UsageError(`--${name} takes a comma-separated list of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  }
  return items as T[];
}

/** The options, or null when --help was asked for. Throws on a bad flag. */
export function parseOptions(argv: readonly string[]): BenchOptions | null {
  try {
    return optionsOf(argv);
  } catch (error) {
    if (error instanceof UsageError || !(error instanceof Error)) throw error;
    throw new UsageError(error.message); // parseArgs: unknown flag, missing value
  }
}

function optionsOf(argv: readonly string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'database-url': { type: 'string' }, json: { type: 'string' }, keep: { type: 'boolean' },
      postings: { type: 'string' }, 'batch-size': { type: 'string' }, appliers: { type: 'string' }, stripes: { type: 'string' }, routing: { type: 'string' },
      accounts: { type: 'string' }, 'hot-accounts': { type: 'string' }, 'realistic-accounts': { type: 'string' }, seed: { type: 'string' },
      scenarios: { type: 'string' }, 'no-explain': { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help === true) return null;
  const scenarios = new Set(list('scenarios', values.scenarios ?? scenarioNames.join(','), scenarioNames));
  if ((scenarios.has('b') || scenarios.has('c') || scenarios.has('d')) && !scenarios.has('a')) {
    throw new UsageError('--scenarios: b, c and d are reported as a ratio to a; include a');
  }
  const appliers = list('appliers', values.appliers ?? '1,2,4', ['1', '2', '3', '4', '5', '6', '7', '8']).map(Number);
  const stripes = (values.stripes ?? '1').split(',').map((item) => integer('stripes', item.trim(), 1, 1, batchStripesMax));
  const databaseUrl = values['database-url'] ?? null;
  if (databaseUrl !== null && databaseUrl !== 'pglite' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError(`--database-url must be a postgresql:// URL or "pglite", got ${JSON.stringify(databaseUrl)}`);
  }
  return Object.freeze({
    databaseUrl,
    jsonFile: values.json ?? null,
    keep: values.keep === true,
    postings: values.postings === undefined ? null : integer('postings', values.postings, 0, 1, postingsMax),
    batchSize: integer('batch-size', values['batch-size'], batchSizeDefault, 1, batchPostingsMax),
    appliers: [...new Set(appliers)].sort((a, b) => a - b),
    stripes: [...new Set(stripes)],
    routing: routingOf(values.routing),
    accounts: integer('accounts', values.accounts, 10_000, 1, 1_000_000),
    hotAccounts: integer('hot-accounts', values['hot-accounts'], 10, 1, 1_000_000),
    realisticAccounts: integer('realistic-accounts', values['realistic-accounts'], 100_000, 1, 1_000_000),
    seed: integer('seed', values.seed, 1, 0, 2 ** 32 - 1),
    scenarios,
    explain: values['no-explain'] !== true,
  });
}
