// The lake format of an archived month (docs/decisions/0008-archive-format.md): Parquet objects
// of at most `rowsPerObject` entries each, one column per column of flow.transaction, plus a
// manifest (JSON) with the row count, the sums per account and side, the SHA-256 and size of
// each object and the schema version. Amounts are exact: INT64 cents. created_at is kept as
// PostgreSQL's own text (microseconds and offset), so a restore writes back the very value.
// Schema version 1 knows exactly these columns; the archive refuses a table with others, so a
// new column of flow.transaction comes with a new schema version instead of being lost.
import { createHash } from 'node:crypto';
import { parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';

export const archiveSchemaVersion = 1;
/** Entries per Parquet object: bounds the memory of an archive or restore, whatever the month's size. */
export const rowsPerObject = 50_000;

/** One entry as the archive reads it from the database and writes it back. */
export interface ArchivedEntry {
  readonly id: string;
  readonly branch: string;
  readonly account: string;
  /** Decimal string, e.g. "123.45". */
  readonly amount: string;
  readonly debitCredit: 'D' | 'C';
  readonly eventCode: number;
  readonly description: string | null;
  readonly traceKey: string;
  /** The details object as JSON text, or null. */
  readonly details: string | null;
  readonly dateRef: string;
  /** PostgreSQL's text of the timestamptz. */
  readonly createdAt: string;
  readonly seq: string;
  readonly reverses: string | null;
  readonly producer: string | null;
}

/** The columns of flow.transaction that schema version 1 archives (and no other). */
export const archivedColumns = [
  'id', 'branch', 'account', 'amount', 'debit_credit', 'event_code', 'description', 'trace_key', 'details', 'date_ref', 'created_at', 'seq',
  'reverses', 'producer',
] as const;

/** The SELECT list that reads entries as ArchivedEntry. */
export const archivedEntrySelect = `id::text, branch, account, amount::text, debit_credit as "debitCredit", event_code as "eventCode",
  description, trace_key::text as "traceKey", details::text, date_ref::text as "dateRef", created_at::text as "createdAt", seq::text,
  reverses::text, producer`;

export interface ObjectEntry {
  readonly key: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface SideSum {
  readonly branch: string;
  readonly account: string;
  readonly debitCredit: 'D' | 'C';
  /** Decimal string. */
  readonly amount: string;
  readonly count: number;
}

export interface ArchiveManifest {
  readonly schemaVersion: number;
  readonly format: 'parquet';
  readonly month: string;
  readonly table: string;
  readonly rowCount: number;
  readonly objects: readonly ObjectEntry[];
  readonly sums: readonly SideSum[];
  readonly createdAt: string;
}

export function toCents(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const absolute = cents < 0n ? -cents : cents;
  return `${sign}${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function encodeEntries(entries: readonly ArchivedEntry[]): Uint8Array {
  const column = <T>(pick: (entry: ArchivedEntry) => T) => entries.map(pick);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: column((entry) => entry.id), type: 'STRING', nullable: false },
      { name: 'branch', data: column((entry) => entry.branch), type: 'STRING', nullable: false },
      { name: 'account', data: column((entry) => entry.account), type: 'STRING', nullable: false },
      { name: 'amount_cents', data: column((entry) => toCents(entry.amount)), type: 'INT64', nullable: false },
      { name: 'debit_credit', data: column((entry) => entry.debitCredit), type: 'STRING', nullable: false },
      { name: 'event_code', data: column((entry) => entry.eventCode), type: 'INT32', nullable: false },
      { name: 'description', data: column((entry) => entry.description), type: 'STRING' },
      { name: 'trace_key', data: column((entry) => entry.traceKey), type: 'STRING', nullable: false },
      { name: 'details', data: column((entry) => entry.details), type: 'JSON' },
      { name: 'date_ref', data: column((entry) => entry.dateRef), type: 'STRING', nullable: false },
      { name: 'created_at', data: column((entry) => entry.createdAt), type: 'STRING', nullable: false },
      { name: 'seq', data: column((entry) => BigInt(entry.seq)), type: 'INT64', nullable: false },
      { name: 'reverses', data: column((entry) => entry.reverses), type: 'STRING' },
      { name: 'producer', data: column((entry) => entry.producer), type: 'STRING' },
    ],
    kvMetadata: [{ key: 'flow.archive.schemaVersion', value: String(archiveSchemaVersion) }],
    createdBy: 'flow archive',
  });
  return new Uint8Array(buffer);
}

export async function decodeEntries(bytes: Uint8Array): Promise<ArchivedEntry[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // JSON columns are kept as their text: details go back to the database as written.
  const decoder = new TextDecoder();
  const rows = await parquetReadObjects({ file, parsers: { jsonFromBytes: (bytes: Uint8Array) => decoder.decode(bytes) } });
  return rows.map((row) => ({
    id: row.id as string,
    branch: row.branch as string,
    account: row.account as string,
    amount: fromCents(BigInt(row.amount_cents as bigint)),
    debitCredit: row.debit_credit as 'D' | 'C',
    eventCode: Number(row.event_code),
    description: (row.description as string | null | undefined) ?? null,
    traceKey: row.trace_key as string,
    details: (row.details as string | null | undefined) ?? null,
    dateRef: row.date_ref as string,
    createdAt: row.created_at as string,
    seq: String(row.seq),
    reverses: (row.reverses as string | null | undefined) ?? null,
    producer: (row.producer as string | null | undefined) ?? null,
  }));
}

/** Sums per account and side, accumulated over pages of entries. */
export class SideSums {
  readonly #sums = new Map<string, { branch: string; account: string; debitCredit: 'D' | 'C'; cents: bigint; count: number }>();

  add(entries: readonly ArchivedEntry[]): void {
    for (const entry of entries) {
      const key = `${entry.branch}\u0000${entry.account}\u0000${entry.debitCredit}`;
      const sum = this.#sums.get(key) ?? { branch: entry.branch, account: entry.account, debitCredit: entry.debitCredit, cents: 0n, count: 0 };
      sum.cents += toCents(entry.amount);
      sum.count += 1;
      this.#sums.set(key, sum);
    }
  }

  /** Sorted by branch, account, side: the manifest's order. */
  list(): SideSum[] {
    return [...this.#sums.values()]
      .map(({ branch, account, debitCredit, cents, count }) => ({ branch, account, debitCredit, amount: fromCents(cents), count }))
      .sort((a, b) => compare(a.branch, b.branch) || compare(a.account, b.account) || compare(a.debitCredit, b.debitCredit));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
