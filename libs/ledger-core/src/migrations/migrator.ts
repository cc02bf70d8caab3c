// Applies the numbered, forward-only `.sql` migrations in order, each in its own transaction,
// and records a SHA-256 checksum per file. A file whose content changed after it was applied is
// refused: banks audit DDL, and an edited migration means the database and the repository
// disagree about history.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, Queryable } from '../database/port.ts';

export const migrationsDirectory = join(import.meta.dirname, '..', '..', 'migrations');
const migrationFilePattern = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export class MigrationChecksumError extends Error {
  readonly migration: string;

  constructor(migration: string) {
    super(`migration ${migration} changed after it was applied; add a new migration instead of editing it`);
    this.migration = migration;
  }
}

export function readMigrations(directory = migrationsDirectory): MigrationFile[] {
  const files = readdirSync(directory).filter((name) => name.endsWith('.sql')).sort();
  return files.map((name, index) => {
    const match = migrationFilePattern.exec(name);
    if (match === null) throw new Error(`migration file name ${name} must look like 0001_snake_case.sql`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new Error(`migration ${name} is out of sequence: expected version ${index + 1}`);
    const sql = readFileSync(join(directory, name), 'utf8');
    return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/** Applies what is missing; returns the names applied now. Safe to run from several processes. */
export async function migrate(database: Database, directory = migrationsDirectory): Promise<string[]> {
  const migrations = readMigrations(directory);
  await database.runScript(`
    create schema if not exists flow_migration;
    create table if not exists flow_migration.applied (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    );`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const isNew = await database.transaction(async (tx) => {
      // Serializes concurrent migrators; the second one finds the work done.
      await tx.query(`select pg_advisory_xact_lock(hashtextextended('flow.migrate', 0))`);
      const { rows } = await tx.query<{ checksum: string }>(
        'select checksum from flow_migration.applied where version = $1', [migration.version]);
      if (rows[0] !== undefined) {
        if (rows[0].checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
        return false;
      }
      await tx.runScript(migration.sql);
      await tx.query('insert into flow_migration.applied (version, name, checksum) values ($1, $2, $3)',
        [migration.version, migration.name, migration.checksum]);
      return true;
    });
    if (isNew) applied.push(migration.name);
  }
  return applied;
}

/**
 * Throws, naming the first missing migration, unless every migration this code ships is applied:
 * a service is ready only on the schema it expects (a readiness check, never a write).
 */
export async function assertSchemaCurrent(database: Queryable, directory = migrationsDirectory): Promise<void> {
  const expected = readMigrations(directory);
  const { rows: [ledger] } = await database.query<{ found: string | null }>(`select to_regclass('flow_migration.applied')::text as found`);
  const applied = new Set<number>();
  if (ledger?.found !== null && ledger?.found !== undefined) {
    const { rows } = await database.query<{ version: number }>('select version from flow_migration.applied');
    for (const { version } of rows) applied.add(version);
  }
  const missing = expected.find((migration) => !applied.has(migration.version));
  if (missing !== undefined) throw new Error(`the schema is behind: migration ${missing.name} is not applied`);
}
