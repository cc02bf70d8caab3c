// Printing: the environment line, the throughput table with each scenario's ratio to the limit
// at the same concurrency, where an engine batch spends its time, the EXPLAIN ANALYZE figures and
// the validator figures. Plain aligned text, so a run pastes into an issue or the README as is.
import type { ScenarioRun } from './run-scenario.ts';
import { phaseNames } from './statement-timing.ts';
import type { ValidatorFigures } from './validator-bench.ts';

/** The ratio of every engine scenario to (a) at the same number of appliers the issue asks for. */
export const ratioTarget = 0.5;
/** The scale-out the issue asks for: (b) at 2 appliers over (b) at 1. */
export const scaleOutTarget = 1.5;

export interface ScenarioFigures {
  readonly scenario: 'a' | 'b' | 'c' | 'd';
  readonly label: string;
  /** Account-hash stripes of the engine's batches; 1 for (a). */
  readonly stripes: number;
  readonly run: ScenarioRun;
  /** Postings/s over (a)'s postings/s at the same number of appliers; 1 for (a) itself. */
  readonly ratioToLimit: number | null;
  /** Postings/s over the same scenario's at 1 applier (null without a 1-applier run). */
  readonly scaleOut?: number | null;
}

/** The figure's postings/s over its scenario's at 1 applier with as many stripes (the first stripe count measured by default). */
export function scaleOutOf(
  figures: readonly ScenarioFigures[], scenario: ScenarioFigures['scenario'], appliers: number, stripes = figures.find((figure) => figure.scenario === scenario)?.stripes,
): number | null {
  const at = (count: number) => figures.find((figure) => figure.scenario === scenario && figure.run.appliers === count && figure.stripes === stripes);
  const one = at(1);
  const many = at(appliers);
  return one === undefined || many === undefined ? null : many.run.drive.postingsPerSecond / one.run.drive.postingsPerSecond;
}

export function withScaleOut(figures: readonly ScenarioFigures[]): ScenarioFigures[] {
  return figures.map((figure) => ({ ...figure, scaleOut: scaleOutOf(figures, figure.scenario, figure.run.appliers, figure.stripes) }));
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatWhole = (value: number) => whole.format(value);
export const formatRatio = (value: number | null) => (value === null ? '–' : two.format(value));

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
    .join('  ').trimEnd()).join('\n');
}

function yesNo(value: boolean | null): string {
  return value === null ? 'n/a' : value ? 'yes' : 'NO';
}

export function throughputTable(figures: readonly ScenarioFigures[]): string {
  const header = ['scenario', 'appliers', 'postings', 'postings/s', '× (a)', '× 1 applier', 'p50 ms', 'p99 ms', 'max ms', 'reconciled', 'retried'];
  return table([header, ...figures.map(({ label, run, ratioToLimit, scaleOut }) => [
    label, String(run.appliers), formatWhole(run.drive.postings), formatWhole(run.drive.postingsPerSecond), formatRatio(ratioToLimit),
    formatRatio(scaleOut ?? null),
    one.format(run.drive.batchMs.p50), one.format(run.drive.batchMs.p99), one.format(run.drive.batchMs.max),
    yesNo(run.reconciliationClean), String(run.retriedBatches),
  ])]);
}

/**
 * Mean milliseconds per batch of each statement and phase, one column per scenario. The row before
 * the total is what no statement or transaction phase covers: the engine's JavaScript before BEGIN
 * (hashing, the retro window), plus the benchmark's own bookkeeping.
 */
export function timeShareTable(figures: readonly ScenarioFigures[]): string {
  const names = [...new Set(figures.flatMap(({ run }) => run.timeShares.map((share) => share.name)))];
  const cell = (run: ScenarioRun, name: string) => {
    const share = run.timeShares.find((item) => item.name === name);
    return share === undefined ? '' : two.format(share.meanMsPerBatch);
  };
  const unseen = (run: ScenarioRun) => run.drive.batchMs.mean - run.timeShares.reduce((sum, share) => sum + share.meanMsPerBatch, 0);
  return table([
    ['ms per batch (mean)', ...figures.map(({ run }) => `${run.key}`)],
    ...names.map((name) => [name, ...figures.map(({ run }) => cell(run, name))]),
    [phaseNames.beforeTransaction, ...figures.map(({ run }) => two.format(unseen(run)))],
    ['= batch latency (mean)', ...figures.map(({ run }) => two.format(run.drive.batchMs.mean))],
  ]);
}

/** Server-side planning and execution time of each statement of the explained batch. */
export function explainTable(figures: readonly ScenarioFigures[]): string {
  const explained = figures.filter(({ run }) => run.explained.length > 0);
  if (explained.length === 0) return '';
  const names = [...new Set(explained.flatMap(({ run }) => run.explained.map((item) => item.name)))];
  const cell = (run: ScenarioRun, name: string, field: 'planningMs' | 'executionMs') => {
    const items = run.explained.filter((item) => item.name === name);
    return items.length === 0 ? '' : two.format(items.reduce((sum, item) => sum + (item[field] ?? 0), 0));
  };
  return table([
    ['EXPLAIN ANALYZE, one batch: ms', ...explained.flatMap(({ run }) => [`${run.key} plan`, `${run.key} exec`])],
    ...names.map((name) => [name, ...explained.flatMap(({ run }) => [cell(run, name, 'planningMs'), cell(run, name, 'executionMs')])]),
  ]);
}

/** The daily-balance cascade of the explained batch: day rows written per posting. */
export function balanceCascadeLines(figures: readonly ScenarioFigures[]): string[] {
  return figures.flatMap(({ run }) => run.explained
    .filter((item) => item.name === 'upsert-balances' && item.balanceRowsInserted !== null)
    .map((item) => {
      const postings = run.drive.postings / run.drive.batches; // the explained batch is one of the same size
      const rows = item.balanceRowsInserted! + (item.balanceRowsUpdated ?? 0);
      return `${run.key}: upsert-balances wrote ${rows} day rows (${item.balanceRowsInserted} new, ${item.balanceRowsUpdated ?? 0} rewritten) `
        + `for a batch of ~${Math.round(postings)} postings: ${two.format(rows / postings)} rows per posting`;
    }));
}

export function validatorTable(validator: ValidatorFigures): string {
  return table([
    ['function', 'postings/s', '× JSON.parse'],
    ...validator.figures.map((figure) => [figure.name, formatWhole(figure.postingsPerSecond), formatRatio(figure.ratioToJsonParse)]),
  ]);
}

/** One line per engine scenario: does it reach ratioTarget × (a)? Then (b)'s scale-out. */
export function verdicts(figures: readonly ScenarioFigures[]): string[] {
  const lines = figures.filter((figure) => figure.scenario !== 'a' && figure.ratioToLimit !== null).map((figure) => {
    const met = figure.ratioToLimit! >= ratioTarget;
    return `${figure.label}, ${figure.run.appliers} applier(s): ${formatRatio(figure.ratioToLimit)} × (a) — ${met ? 'meets' : 'MISSES'} the ≥ ${ratioTarget} × (a) target`;
  });
  const scaleOut = scaleOutOf(figures, 'b', 2);
  if (scaleOut !== null) {
    lines.push(`(b) scale-out, 2 appliers ÷ 1: ${formatRatio(scaleOut)} — ${scaleOut >= scaleOutTarget ? 'meets' : 'MISSES'} the ≥ ${scaleOutTarget} target`);
  }
  return lines;
}
