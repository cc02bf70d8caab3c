// `flow archive --month YYYY-MM`, step by step (docs/operations.md):
//  1. refuse a month inside the retro window (entries may still arrive) or whose accounts do
//     not reconcile up to its last day (exit 1, the differences listed);
//  2. in one transaction, record the month as archived (state "exporting") and a checkpoint
//     of every account with entries in it: its accumulated totals at the month's last day;
//  3. detach the partition (CONCURRENTLY on PostgreSQL: no lock on the ledger's readers);
//  4. export its rows to the lake, a Parquet object per 50,000 entries, read a page at a time;
//  5. verify by reading every object back (SHA-256, rows, sums per account and side);
//  6. write the manifest beside the objects and in flow.archived_month;
//  7. drop the detached table.
// A run that stopped half-way is resumed by running it again: each step checks its own state.
import type { Database, Queryable } from '@flow/ledger-core';
import {
  archiveSchemaVersion, archivedColumns, archivedEntrySelect, encodeEntries, rowsPerObject, sha256, SideSums,
  type ArchiveManifest, type ArchivedEntry, type ObjectEntry,
} from './archive-format.ts';
import { locationOf, monthFolder, putObject, type Lake } from './lake.ts';
import type { Month } from './month.ts';
import { verifyObjects } from './verify.ts';

export interface ArchiveProgress {
  (done: number, total: number): void;
}

export type PartitionState = 'attached' | 'detached' | 'absent';

export async function partitionState(db: Queryable, month: Month): Promise<PartitionState> {
  const { rows } = await db.query<{ attached: boolean }>(
    `select exists (select 1 from pg_inherits where inhrelid = c.oid) as attached
     from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'flow' and c.relname = $1`, [month.table]);
  if (rows.length === 0) return 'absent';
  return rows[0]!.attached ? 'attached' : 'detached';
}

/** Columns of the partition that schema version 1 does not know: a new column must not be lost silently. */
export async function unknownColumns(db: Queryable, month: Month): Promise<string[]> {
  const { rows } = await db.query<{ column: string }>(
    `select column_name as column from information_schema.columns where table_schema = 'flow' and table_name = $1 order by ordinal_position`,
    [month.table]);
  return rows.map((row) => row.column).filter((column) => !(archivedColumns as readonly string[]).includes(column));
}

/** Step 2: the month recorded as being archived, with the checkpoints of its accounts. */
export async function recordCheckpoints(db: Database, month: Month, location: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(
      `insert into flow.archived_month (month, location, manifest) values ($1, $2, '{"state":"exporting"}')
       on conflict (month) do nothing`, [month.start, location]);
    const { rows } = await tx.query<{ count: number }>(
      `with inserted as (
         insert into flow.balance_checkpoint (branch, account, month, accumulated_debit, accumulated_credit, transaction_count)
         select a.branch, a.account, $1::date, b.accumulated_debit, b.accumulated_credit, a.entries
         from (select branch, account, count(*) as entries from flow.${month.table} group by branch, account) a
         cross join lateral (
           select accumulated_debit, accumulated_credit from flow.balance b
           where b.branch = a.branch and b.account = a.account and b.date_ref <= $2::date order by b.date_ref desc limit 1) b
         on conflict (branch, account, month) do nothing
         returning 1)
       select count(*)::integer as count from inserted`, [month.start, month.end]);
    return rows[0]!.count;
  });
}

/** Step 3. */
export async function detachPartition(db: Database, month: Month): Promise<void> {
  // CONCURRENTLY waits out the readers instead of locking them out; it cannot run in a transaction
  // block (the pg adapter's query is autocommit) and PGlite, with one connection, has no need of it.
  const concurrently = db.kind === 'postgres' ? ' concurrently' : '';
  await db.query(`alter table flow.transaction detach partition flow.${month.table}${concurrently}`);
}

/** Steps 4 to 6: objects written and read back, then the manifest. */
export async function exportMonth(db: Queryable, lake: Lake, month: Month, progress: ArchiveProgress): Promise<ArchiveManifest> {
  const { rows: [counted] } = await db.query<{ count: number }>(`select count(*)::integer as count from flow.${month.table}`);
  const total = counted!.count;
  const sums = new SideSums();
  const objects: ObjectEntry[] = [];
  let after: ArchivedEntry | undefined;
  progress(0, total);
  for (;;) {
    const { rows } = await db.query<ArchivedEntry>(
      `select ${archivedEntrySelect} from flow.${month.table}
       where $1::date is null or (date_ref, id) > ($1::date, $2::uuid) order by date_ref, id limit $3`,
      [after?.dateRef ?? null, after?.id ?? null, rowsPerObject]);
    if (rows.length === 0) break;
    const bytes = encodeEntries(rows);
    const key = `${monthFolder(lake, month.label)}/part-${String(objects.length + 1).padStart(5, '0')}.parquet`;
    await putObject(lake, key, bytes, 'application/vnd.apache.parquet');
    objects.push({ key, rows: rows.length, bytes: bytes.byteLength, sha256: sha256(bytes) });
    sums.add(rows);
    after = rows.at(-1);
    progress(objects.reduce((sum, object) => sum + object.rows, 0), total);
    if (rows.length < rowsPerObject) break;
  }
  const manifest: ArchiveManifest = {
    schemaVersion: archiveSchemaVersion, format: 'parquet', month: month.label, table: `flow.${month.table}`,
    rowCount: objects.reduce((sum, object) => sum + object.rows, 0), objects, sums: sums.list(), createdAt: new Date().toISOString(),
  };
  if (manifest.rowCount !== total) throw new Error(`exported ${manifest.rowCount} entries of ${total}`);
  await verifyObjects(lake.s3, lake.bucket, manifest, () => undefined);
  await putObject(lake, `${monthFolder(lake, month.label)}/manifest.json`, new TextEncoder().encode(JSON.stringify(manifest, null, 2)), 'application/json');
  return manifest;
}

/** Step 6 in the database, then step 7. */
export async function finishArchive(db: Database, lake: Lake, month: Month, manifest: ArchiveManifest): Promise<void> {
  await db.query('update flow.archived_month set manifest = $2, location = $3, archived_at = now() where month = $1',
    [month.start, JSON.stringify(manifest), locationOf(lake, month.label)]);
  await db.query(`drop table flow.${month.table}`);
}
