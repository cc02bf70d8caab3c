// Sums an archive's Parquet objects with an independent reader (parquet-sums.mjs, @dsnp/parquetjs
// in its own Node process): the rows and the cents per "branch/account/side".
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface IndependentSums {
  readonly rows: number;
  readonly cents: Record<string, string>;
}

export async function sumWithIndependentReader(objects: readonly Uint8Array[]): Promise<IndependentSums> {
  const folder = mkdtempSync(join(tmpdir(), 'flow-parquet-'));
  try {
    const paths = objects.map((bytes, index) => {
      const path = join(folder, `part-${index}.parquet`);
      writeFileSync(path, bytes);
      return path;
    });
    const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'parquet-sums.mjs'), ...paths]);
    return JSON.parse(stdout) as IndependentSums;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
