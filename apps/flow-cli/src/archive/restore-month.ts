// `flow restore --month YYYY-MM`: the month's manifest read from the lake, every object read
// back and verified (SHA-256, rows, sums per account and side) while its entries are inserted
// into a re-created partition, all in one transaction that also forgets the archive (and its
// checkpoints, by cascade): any mismatch rolls everything back. Then the database's own count
// and sums are compared with the manifest once more. A month whose archive stopped before its
// table was dropped is simply attached again.
import type { S3Client } from '@aws-sdk/client-s3';
import type { Database, Queryable, Transaction } from '@flow/ledger-core';
import { archiveSchemaVersion, type ArchiveManifest, type ArchivedEntry, type SideSum } from './archive-format.ts';
import { getObject, parseLocation } from './lake.ts';
import type { Month } from './month.ts';
import { ArchiveMismatchError, verifyObjects } from './verify.ts';

/** Entries per insert statement. */
const insertChunk = 1000;

export async function readManifest(s3: S3Client, location: string): Promise<{ bucket: string; manifest: ArchiveManifest }> {
  const { bucket, folder } = parseLocation(location);
  const manifest = JSON.parse(new TextDecoder().decode(await getObject(s3, bucket, `${folder}/manifest.json`))) as ArchiveManifest;
  if (manifest.schemaVersion !== archiveSchemaVersion) {
    throw new ArchiveMismatchError(`archive schema version ${manifest.schemaVersion}; this flow reads version ${archiveSchemaVersion}`);
  }
  return { bucket, manifest };
}

export async function restoreEntries(
  db: Database, s3: S3Client, bucket: string, month: Month, manifest: ArchiveManifest, progress: (done: number, total: number) => void,
): Promise<void> {
  let done = 0;
  progress(0, manifest.rowCount);
  await db.transaction(async (tx) => {
    await tx.query('select flow.ensure_transaction_partitions(array[$1::date])', [month.start]);
    await verifyObjects(s3, bucket, manifest, async (entries) => {
      for (let start = 0; start < entries.length; start += insertChunk) await insertEntries(tx, entries.slice(start, start + insertChunk));
      done += entries.length;
      progress(done, manifest.rowCount);
    });
    await tx.query('delete from flow.archived_month where month = $1', [month.start]);
  });
}

/** A month whose table was detached but not dropped: attached again, the archive record forgotten. */
export async function reattach(db: Database, month: Month): Promise<void> {
  await db.transaction(async (tx) => {
    const next = new Date(Date.parse(`${month.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await tx.query(`alter table flow.transaction attach partition flow.${month.table} for values from ('${month.start}') to ('${next}')`);
    await tx.query('delete from flow.archived_month where month = $1', [month.start]);
  });
}

async function insertEntries(tx: Transaction, entries: readonly ArchivedEntry[]): Promise<void> {
  const column = <T>(pick: (entry: ArchivedEntry) => T) => entries.map(pick);
  await tx.query(
    `insert into flow.transaction
       (id, branch, account, amount, debit_credit, event_code, description, trace_key, details, date_ref, created_at, seq, reverses, producer)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::char(1)[], $6::integer[], $7::text[], $8::uuid[],
       $9::jsonb[], $10::date[], $11::timestamptz[], $12::bigint[], $13::uuid[], $14::text[])`,
    [column((e) => e.id), column((e) => e.branch), column((e) => e.account), column((e) => e.amount), column((e) => e.debitCredit),
      column((e) => e.eventCode), column((e) => e.description), column((e) => e.traceKey), column((e) => e.details), column((e) => e.dateRef),
      column((e) => e.createdAt), column((e) => e.seq), column((e) => e.reverses), column((e) => e.producer)]);
}

/** The restored month's count and sums in the database, compared with the manifest. */
export async function checkDatabaseAgainst(db: Queryable, month: Month, manifest: ArchiveManifest): Promise<void> {
  const { rows } = await db.query<SideSum>(
    `select branch, account, debit_credit as "debitCredit", sum(amount)::text as amount, count(*)::integer as count
     from flow.transaction where date_ref between $1 and $2 group by branch, account, debit_credit
     order by branch collate "C", account collate "C", debit_credit collate "C"`, [month.start, month.end]);
  const count = rows.reduce((sum, row) => sum + row.count, 0);
  if (count !== manifest.rowCount || JSON.stringify(rows) !== JSON.stringify(manifest.sums)) {
    throw new ArchiveMismatchError(`the restored month holds ${count} entries whose sums differ from the manifest's (${manifest.rowCount})`);
  }
}
