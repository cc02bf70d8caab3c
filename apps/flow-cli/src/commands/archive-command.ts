// `flow archive --month YYYY-MM` and `flow restore --month YYYY-MM`: the checks and the report;
// the steps are in ../archive/. Exit 1 when the month does not reconcile (nothing is touched),
// 2 when it cannot be archived (inside the retro window, no such partition, an unknown column,
// a lake that does not answer) or restored (not archived, or the lake disagrees with its manifest).
import { addDays, businessDate, runReconciliation } from '@flow/ledger-core';
import {
  detachPartition, exportMonth, finishArchive, partitionState, recordCheckpoints, unknownColumns,
} from '../archive/archive-month.ts';
import { locationOf, type Lake } from '../archive/lake.ts';
import { parseMonth } from '../archive/month.ts';
import { checkDatabaseAgainst, readManifest, reattach, restoreEntries } from '../archive/restore-month.ts';
import type { CommandContext } from '../program.ts';
import { openBrokerTarget, openDatabaseTarget, type BrokerTarget, type DatabaseTarget } from '../targets.ts';
import { UsageError } from '../usage-error.ts';

async function withTargets(context: CommandContext, work: (database: DatabaseTarget, broker: BrokerTarget) => Promise<number>): Promise<number> {
  const database = await openDatabaseTarget(context.config);
  try {
    const broker = await openBrokerTarget(context.config);
    try {
      return await work(database, broker);
    } finally {
      await broker.close();
    }
  } finally {
    await database.close();
  }
}

/** `--month M`, or `--keep-months N`: every month with a partition before the last N, oldest first (exit status: the worst). */
export async function archiveCommand(context: CommandContext, options: { month?: string; keepMonths?: string }): Promise<number> {
  if ((options.month === undefined) === (options.keepMonths === undefined)) throw new UsageError('give either --month YYYY-MM or --keep-months N');
  if (options.month !== undefined) return archiveOne(context, options.month);
  const keep = Number(options.keepMonths);
  if (!Number.isSafeInteger(keep) || keep < 1) throw new UsageError(`--keep-months: "${options.keepMonths}" is not a whole number of months from 1`);
  const today = businessDate(new Date(), context.config.businessTimeZone);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const cutoff = new Date(Date.UTC(year, month - 1 - keep, 1)).toISOString().slice(0, 7);
  const target = await openDatabaseTarget(context.config);
  let months: string[];
  try {
    // Partitions are named transaction_YYYY_MM (flow.ensure_transaction_partitions).
    const { rows } = await target.database.query<{ month: string }>(
      `select replace(substr(c.relname, 13), '_', '-') as month from pg_inherits i join pg_class c on c.oid = i.inhrelid
       where i.inhparent = 'flow.transaction'::regclass order by 1`);
    months = rows.map((row) => row.month);
  } finally {
    await target.close();
  }
  let worst = 0;
  for (const label of months.filter((label) => label < cutoff)) worst = Math.max(worst, await archiveOne(context, label));
  if (months.every((label) => label >= cutoff)) context.output.report({ archived: [], keepMonths: keep }, `nothing to archive before ${cutoff}`);
  return worst;
}

async function archiveOne(context: CommandContext, monthText: string): Promise<number> {
  const month = parseMonth(monthText);
  const { config, output } = context;
  const today = businessDate(new Date(), config.businessTimeZone);
  if (month.end >= addDays(today, -config.retroWindowDays)) {
    throw new UsageError(`${month.label} is inside the retro window (${config.retroWindowDays} days before ${today}): entries may still arrive`);
  }
  return withTargets(context, async ({ database, describe }, broker) => {
    const lake: Lake = { s3: broker.s3, bucket: broker.lakeBucket, prefix: config.lakePrefix };
    const state = await partitionState(database, month);
    const { rows: [recorded] } = await database.query<{ location: string; done: boolean }>(
      `select location, manifest ? 'schemaVersion' as done from flow.archived_month where month = $1`, [month.start]);
    if (recorded?.done) {
      output.report({ month: month.label, location: recorded.location, alreadyArchived: true }, `${month.label} is already archived at ${recorded.location}`);
      return 0;
    }
    if (state === 'absent') throw new UsageError(`${month.label} has no partition (flow.${month.table}) to archive`);
    const unknown = await unknownColumns(database, month);
    if (unknown.length > 0) throw new UsageError(`flow.${month.table} has columns archive schema version 1 does not know: ${unknown.join(', ')}`);
    if (recorded === undefined) {
      const run = await runReconciliation(database, {
        scope: { to: month.end }, onProgress: ({ done, total }) => output.progress('reconcile', done, total, 'accounts'),
        onDifference: (difference) => output.logger.warn('balance_difference', { ...difference }),
      });
      if (run.differences > 0) {
        output.report({ month: month.label, archived: false, reconciliation: run },
          `${month.label} not archived: ${run.differences} difference(s) up to ${month.end} (run ${run.runId}); see \`flow reconcile --to ${month.end}\``);
        return 1;
      }
    }
    const checkpoints = await recordCheckpoints(database, month, locationOf(lake, month.label));
    if (state === 'attached') await detachPartition(database, month);
    const manifest = await exportMonth(database, lake, month, (done, total) => output.progress('archive', done, total, 'entries'));
    await finishArchive(database, lake, month, manifest);
    const location = locationOf(lake, month.label);
    output.logger.info('month_archived', { month: month.label, location, rowCount: manifest.rowCount, objects: manifest.objects.length, checkpoints });
    output.report({ month: month.label, location, database: describe, checkpoints, manifest },
      `${month.label} archived to ${location}: ${manifest.rowCount} entries in ${manifest.objects.length} Parquet object(s), verified; ` +
      `${checkpoints} account checkpoint(s); partition flow.${month.table} dropped`);
    return 0;
  });
}

export async function restoreCommand(context: CommandContext, options: { month?: string }): Promise<number> {
  const month = parseMonth(options.month);
  const { output } = context;
  return withTargets(context, async ({ database, describe }, broker) => {
    const { rows: [recorded] } = await database.query<{ location: string; done: boolean }>(
      `select location, manifest ? 'schemaVersion' as done from flow.archived_month where month = $1`, [month.start]);
    if (recorded === undefined) throw new UsageError(`${month.label} is not archived`);
    if (await partitionState(database, month) === 'detached') {
      await reattach(database, month);
      output.report({ month: month.label, reattached: true }, `${month.label}: its archive had not finished; the detached partition is attached again`);
      return 0;
    }
    if (!recorded.done) throw new UsageError(`${month.label}: its archive did not finish and its table is gone; run \`flow archive --month ${month.label}\` again`);
    const { bucket, manifest } = await readManifest(broker.s3, recorded.location);
    await restoreEntries(database, broker.s3, bucket, month, manifest, (done, total) => output.progress('restore', done, total, 'entries'));
    await checkDatabaseAgainst(database, month, manifest);
    output.logger.info('month_restored', { month: month.label, location: recorded.location, rowCount: manifest.rowCount });
    output.report({ month: month.label, location: recorded.location, database: describe, rowCount: manifest.rowCount, verified: true },
      `${month.label} restored from ${recorded.location}: ${manifest.rowCount} entries, verified against the manifest`);
    return 0;
  });
}
