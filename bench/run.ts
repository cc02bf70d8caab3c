// `npm run bench`: the throughput of the ledger engine against the limit of the database.
// With one generated set of postings it measures (a) the limit, the same rows in the same batch
// sizes inserted into a plain table shaped like flow.transaction; (b) the engine on many accounts
// (10,000) with dates over the retro window; (c) the engine on the same postings mapped onto a
// few hot accounts (10); (d) the engine on a realistic load: 100,000 accounts drawn with a
// Zipf-like skew (a few very hot), 85 % dated today; each with 1, 2 and 4 concurrent appliers,
// and each engine scenario's scale-out (N appliers ÷ 1). Then the posting validator.
// See bench/README.md for what each figure means.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { Posting } from '@flow/contracts';
import { businessDate, ledgerRules, type LedgerRules } from '@flow/ledger-core';
import { pgliteTarget, postgresAnswers, postgresTarget, type DatabaseTarget } from './database-target.ts';
import { engineScenario } from './engine-scenario.ts';
import { limitScenario } from './limit-scenario.ts';
import { defaultPostgresUrl, parseOptions, postingsDefault, usage, UsageError, type BenchOptions } from './options.ts';
import {
  balanceCascadeLines, explainTable, formatWhole, ratioTarget, scaleOutOf, scaleOutTarget, throughputTable, timeShareTable, validatorTable, verdicts,
  withScaleOut, type ScenarioFigures,
} from './report.ts';
import { runScenario, type ScenarioPostings, type ScenarioRun } from './run-scenario.ts';
import { describeSourceState, readSourceState, type SourceState } from './source-state.ts';
import { measureValidator, type ValidatorFigures } from './validator-bench.ts';
import { generatePostings, onHotAccounts, type WorkloadShape } from './workload.ts';

const resultsDirectory = join(import.meta.dirname, 'results');
/** The retro window of the issue's deployment; dates of the postings spread over it. */
const retroWindowDays = 7;
/** Warm-up batches per applier before each timed phase. */
const warmupBatchesPerApplier = 2;
/** Scenario (d): the skew of the account choice (weight 1 / rank^s) and the share dated today. */
const realisticShape = { zipfExponent: 1, todayShare: 0.85 } as const;

interface Workloads {
  readonly many: ScenarioPostings;
  readonly hot: ScenarioPostings;
  readonly realistic: ScenarioPostings;
}

async function chooseTarget(options: BenchOptions): Promise<DatabaseTarget> {
  if (options.databaseUrl === 'pglite') return pgliteTarget(options.keep);
  if (options.databaseUrl !== null) return postgresTarget(options.databaseUrl);
  if (await postgresAnswers(defaultPostgresUrl)) return postgresTarget(defaultPostgresUrl);
  console.log(`No PostgreSQL answers at ${defaultPostgresUrl}: running on PGlite.`);
  return pgliteTarget(options.keep);
}

function buildWorkloads(options: BenchOptions, shape: WorkloadShape, count: number): Workloads {
  const timed = generatePostings(shape, count);
  // Warm-up postings go to a branch of their own, so the timed accounts start empty.
  const warmup = generatePostings({ ...shape, seed: shape.seed + 1 }, options.batchSize * warmupBatchesPerApplier * Math.max(...options.appliers))
    .map((posting): Posting => ({ ...posting, branch: 'WARM' }));
  const explained = generatePostings({ ...shape, seed: shape.seed + 2 }, options.batchSize);
  const skewed: WorkloadShape = { ...shape, accountCount: options.realisticAccounts, realistic: realisticShape };
  return {
    many: { timed, warmup, explained },
    hot: { timed: onHotAccounts(timed, options.hotAccounts), warmup, explained: onHotAccounts(explained, options.hotAccounts) },
    realistic: {
      timed: options.scenarios.has('d') ? generatePostings(skewed, count) : [],
      warmup,
      explained: options.scenarios.has('d') ? generatePostings({ ...skewed, seed: shape.seed + 2 }, options.batchSize) : [],
    },
  };
}

function withWarmup(postings: ScenarioPostings, appliers: number, batchSize: number): ScenarioPostings {
  return { ...postings, warmup: postings.warmup.slice(0, batchSize * warmupBatchesPerApplier * appliers) };
}

async function runScenarios(
  target: DatabaseTarget, options: BenchOptions, workloads: Workloads, rules: LedgerRules, now: Date,
): Promise<ScenarioFigures[]> {
  const figures: ScenarioFigures[] = [];
  for (const appliers of options.appliers) {
    const explain = options.explain && appliers === 1;
    const common = { appliers, batchSize: options.batchSize, explain };
    let limit: ScenarioRun | null = null;
    const record = (scenario: ScenarioFigures['scenario'], label: string, run: ScenarioRun, stripes = 1) => {
      const ratioToLimit = limit === null ? null : run.drive.postingsPerSecond / limit.drive.postingsPerSecond;
      figures.push({ scenario, label, stripes, run, ratioToLimit });
      console.log(`  ${label}, ${appliers} applier(s): ${formatWhole(run.drive.postingsPerSecond)} postings/s in ${run.drive.seconds.toFixed(1)} s`);
    };
    if (options.scenarios.has('a')) {
      limit = await runScenario(target, limitScenario({ ...common, postings: withWarmup(workloads.many, appliers, options.batchSize) }));
      record('a', '(a) limit: plain insert', limit);
    }
    // Every stripe count in turn at the same number of appliers: an A/B in one run.
    for (const stripes of options.stripes) {
      const striped = (letter: 'b' | 'c' | 'd', label: string, postings: ScenarioPostings) => runScenario(target, engineScenario({
        ...common, letter, stripes, routing: options.routing, rules, now, postings: withWarmup(postings, appliers, options.batchSize),
      })).then((run) => record(letter, options.stripes.length > 1 || stripes > 1 ? `${label}, ${stripes} stripe(s)` : label, run, stripes));
      if (options.scenarios.has('b')) await striped('b', `(b) engine, ${formatWhole(options.accounts)} accounts`, workloads.many);
      if (options.scenarios.has('c')) await striped('c', `(c) engine, ${formatWhole(options.hotAccounts)} hot accounts`, workloads.hot);
      if (options.scenarios.has('d')) await striped('d', `(d) engine, ${formatWhole(options.realisticAccounts)} skewed accounts`, workloads.realistic);
    }
  }
  return withScaleOut(figures);
}

function environmentLine(target: DatabaseTarget, load: string): string {
  const cpuList = cpus();
  return `node ${process.version}, ${target.serverVersion}, ${cpuList.length} CPUs (${cpuList[0]?.model.trim() ?? '?'}), `
    + `${Math.round(totalmem() / 2 ** 30)} GiB, load average ${load}; ${target.settings}`;
}

/** The 1-minute load average: other work on the machine moves the figures. */
function loadAverage(): string {
  return loadavg()[0]!.toFixed(2);
}

function printReport(target: DatabaseTarget, figures: readonly ScenarioFigures[], validator: ValidatorFigures | null, routing: string): void {
  if (figures.length > 0) {
    if (routing === 'shard') console.log('\nRouted by account shard: with N appliers, applier i applied only shard i\'s postings (SQS FIFO message groups).');
    console.log(`\n${throughputTable(figures)}`);
    if (target.kind === 'pglite' && figures.some((figure) => figure.run.appliers > 1)) {
      console.log('PGlite has one connection: concurrent appliers run their transactions one at a time (serialized).');
    }
    console.log(`\nTargets: every engine scenario at ≥ ${ratioTarget} × (a) at the same number of appliers; (b) at 2 appliers ≥ ${scaleOutTarget} × (b) at 1.`);
    for (const line of verdicts(figures)) console.log(`  ${line}`);
    const measured = figures.filter((figure) => figure.run.timeShares.length > 0);
    console.log(`\nWhere a batch spends its time, seen from the client:\n${timeShareTable(measured)}`);
    const explained = explainTable(figures);
    if (explained !== '') {
      console.log(`\nServer side, one more batch under EXPLAIN (ANALYZE, BUFFERS); plans in ${resultsDirectory}:\n${explained}`);
      for (const line of balanceCascadeLines(figures)) console.log(line);
    }
  }
  if (validator !== null) {
    console.log(`\nPosting validator: ${formatWhole(validator.postings)} realistic postings, ${Math.round(validator.meanJsonBytes)} bytes of JSON each, median of 7 rounds:`);
    console.log(validatorTable(validator));
  }
}

function writeOutputs(
  options: BenchOptions, report: Record<string, unknown>, figures: readonly ScenarioFigures[],
): void {
  for (const { run } of figures.filter((figure) => figure.run.explained.length > 0)) {
    mkdirSync(resultsDirectory, { recursive: true });
    const text = run.explained.map((item) => `-- ${item.name}\n${item.plan}\n`).join('\n');
    writeFileSync(join(resultsDirectory, `explain-${run.key}.txt`), text);
  }
  if (options.jsonFile !== null) {
    mkdirSync(dirname(options.jsonFile), { recursive: true });
    writeFileSync(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nFigures written to ${options.jsonFile}`);
  }
}

interface RunContext {
  readonly options: BenchOptions;
  readonly target: DatabaseTarget;
  readonly rules: LedgerRules;
  readonly now: Date;
  readonly count: number;
  readonly source: SourceState;
  readonly loadAtStart: string;
}

function jsonReport(
  context: RunContext, figures: readonly ScenarioFigures[], validator: ValidatorFigures | null, kept: readonly string[],
): Record<string, unknown> {
  const { options, target, rules } = context;
  return {
    date: context.now.toISOString(),
    environment: {
      node: process.version, database: target.kind, server: target.serverVersion, settings: target.settings, cpus: cpus().length,
      loadAverage: { start: Number(context.loadAtStart), end: loadavg()[0] }, source: context.source,
    },
    parameters: {
      postings: context.count, batchSize: options.batchSize, accounts: options.accounts, hotAccounts: options.hotAccounts,
      seed: options.seed, retroWindowDays: rules.retroWindowDays, stripes: options.stripes, routing: options.routing,
    },
    target: { ratioToLimit: ratioTarget, scaleOut: scaleOutTarget },
    scaleOut: { b: scaleOutOf(figures, 'b', 2) },
    scenarios: figures.map(({ scenario, label, stripes, run, ratioToLimit, scaleOut }) => ({ scenario, label, stripes, ratioToLimit, scaleOut, ...run })),
    validator,
    kept,
  };
}

/** Runs the scenarios; the run's databases are dropped at the end, on failure and on Ctrl-C (unless --keep). */
async function measureScenarios(context: RunContext, workloads: Workloads): Promise<{ figures: ScenarioFigures[]; kept: string[] }> {
  const { options, target } = context;
  const interrupted = () => void target.finish(options.keep).finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  let figures: ScenarioFigures[] = [];
  try {
    figures = await runScenarios(target, options, workloads, context.rules, context.now);
  } finally {
    process.off('SIGINT', interrupted);
  }
  return { figures, kept: await target.finish(options.keep) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) {
    console.log(usage);
    return;
  }
  const target = await chooseTarget(options);
  const rules = ledgerRules({ retroWindowDays, autoOpenAccounts: true });
  const now = new Date();
  const context: RunContext = {
    options, target, rules, now, count: options.postings ?? postingsDefault[target.kind], source: readSourceState(), loadAtStart: loadAverage(),
  };
  const shape: WorkloadShape = {
    seed: options.seed, accountCount: options.accounts, windowEnd: businessDate(now, rules.businessTimeZone), retroWindowDays,
  };
  const workloads = buildWorkloads(options, shape, context.count);
  console.log(`Flow benchmark, ${now.toISOString()}\n${environmentLine(target, context.loadAtStart)}\n${describeSourceState(context.source)}`);
  console.log(`${formatWhole(context.count)} postings per scenario in batches of ${formatWhole(options.batchSize)}, `
    + `dates ${shape.windowEnd} − ${retroWindowDays} days, seed ${options.seed}`);

  const { figures, kept } = await measureScenarios(context, workloads);
  const validator = options.scenarios.has('validator') ? measureValidator(workloads.many.timed) : null;
  printReport(target, figures, validator, options.routing);
  console.log(`\nLoad average (1 min) at the start: ${context.loadAtStart}, at the end: ${loadAverage()}; other work on the machine moves the figures.`);
  if (kept.length > 0) console.log(`\nData kept (--keep):\n${kept.map((location) => `  ${location}`).join('\n')}`);
  writeOutputs(options, jsonReport(context, figures, validator, kept), figures);

  const broken = figures.filter((figure) => figure.run.reconciliationClean === false);
  for (const { run } of broken) {
    console.error(`\n${run.key}: reconciliation found differences (invariant I2 broken), first ones:\n${JSON.stringify(run.differences, null, 1)}`);
  }
  if (broken.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
