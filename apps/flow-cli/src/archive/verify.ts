// Reading an archive back: each object's SHA-256 and size against the manifest, its entries
// decoded from Parquet, their count and sums per account and side against the manifest. Used
// after writing (archive) and before writing back (restore); `onEntries` sees each object's
// entries once verified, so a restore inserts while it reads, one object in memory at a time.
import type { S3Client } from '@aws-sdk/client-s3';
import { decodeEntries, sha256, SideSums, type ArchiveManifest, type ArchivedEntry } from './archive-format.ts';
import { getObject } from './lake.ts';

export class ArchiveMismatchError extends Error {
  override readonly name = 'ArchiveMismatchError';
}

export async function verifyObjects(
  s3: S3Client, bucket: string, manifest: ArchiveManifest, onEntries: (entries: ArchivedEntry[]) => Promise<void> | void,
): Promise<void> {
  const sums = new SideSums();
  let rows = 0;
  for (const object of manifest.objects) {
    const bytes = await getObject(s3, bucket, object.key);
    if (bytes.byteLength !== object.bytes || sha256(bytes) !== object.sha256) {
      throw new ArchiveMismatchError(`${object.key}: SHA-256 or size differs from the manifest`);
    }
    const entries = await decodeEntries(bytes);
    if (entries.length !== object.rows) throw new ArchiveMismatchError(`${object.key}: ${entries.length} entries, the manifest says ${object.rows}`);
    sums.add(entries);
    rows += entries.length;
    await onEntries(entries);
  }
  if (rows !== manifest.rowCount) throw new ArchiveMismatchError(`${rows} entries read back, the manifest says ${manifest.rowCount}`);
  if (JSON.stringify(sums.list()) !== JSON.stringify(manifest.sums)) {
    throw new ArchiveMismatchError('the sums per account and side read back differ from the manifest');
  }
}
