// `flow reconcile`: every account-day of the scope recomputed from the ledger and compared with
// its daily balance, a page of accounts at a time; each difference is printed as it is found
// (the --json report is streamed too, so memory stays bounded), the run recorded in
// flow.reconciliation_run. Exit 1 when there is any difference.
import { branchPattern } from '@flow/contracts';
import { runReconciliation, type BalanceDifference, type ReconciliationScope } from '@flow/ledger-core';
import type { CommandContext } from '../program.ts';
import { UsageError } from '../usage-error.ts';
import { openDatabaseTarget } from '../targets.ts';

export interface ReconcileOptions {
  readonly branch?: string;
  readonly account?: string;
  readonly from?: string;
  readonly to?: string;
  readonly json?: boolean;
}

const accountPattern = /^[A-Za-z0-9]{1,20}$/;

export async function reconcileCommand(context: CommandContext, options: ReconcileOptions): Promise<number> {
  const scope = checkedScope(options);
  const { output } = context;
  const target = await openDatabaseTarget(context.config);
  let first = true;
  try {
    if (output.json) output.raw('{\n  "differences": [');
    const run = await runReconciliation(target.database, {
      scope,
      onProgress: ({ done, total }) => output.progress('reconcile', done, total, 'accounts'),
      onDifference: (difference) => {
        output.logger.warn('balance_difference', { ...difference });
        if (output.json) {
          output.raw(`${first ? '' : ','}\n    ${JSON.stringify(difference)}`);
        } else {
          output.say(describeDifference(difference));
        }
        first = false;
      },
    });
    output.logger.info('reconciliation_finished', { ...run, database: target.describe });
    if (output.json) {
      output.raw(`${first ? '' : '\n  '}],\n  "run": ${JSON.stringify({ ...run, database: target.describe })}\n}\n`);
    } else {
      output.say(`${run.status === 'clean' ? 'clean' : `${run.differences} difference(s)`}: ${run.accountsChecked} account(s) checked on ${target.describe}` +
        ` (run ${run.runId}, ${run.finishedAt.getTime() - run.startedAt.getTime()} ms)`);
    }
    return run.differences === 0 ? 0 : 1;
  } catch (error) {
    output.logger.error('reconciliation_failed', { error: (error as Error).message, database: target.describe });
    throw error;
  } finally {
    await target.close();
  }
}

function describeDifference(difference: BalanceDifference): string {
  const figures = (side: BalanceDifference['ledger']) => side === null
    ? 'none'
    : `D ${side.totalDebit} C ${side.totalCredit} accumulated D ${side.accumulatedDebit} C ${side.accumulatedCredit} (${side.transactionCount} entries)`;
  return `difference ${difference.branch}/${difference.account} ${difference.dateRef}: ledger ${figures(difference.ledger)}; balance ${figures(difference.balance)}`;
}

/** The options as a scope, or an error naming the bad one (exit 2). */
export function checkedScope(options: ReconcileOptions): ReconciliationScope {
  if (options.branch !== undefined && !branchPattern.test(options.branch)) throw new UsageError(`--branch: "${options.branch}" is not a branch code`);
  if (options.account !== undefined && !accountPattern.test(options.account)) throw new UsageError(`--account: "${options.account}" is not an account number`);
  for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && !isCalendarDate(value)) throw new UsageError(`${name}: "${value}" is not a date YYYY-MM-DD`);
  }
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) throw new UsageError('--from must not be after --to');
  const { json: _json, ...scope } = options;
  return scope;
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
