// Where the benchmark runs: a fresh PostgreSQL database per run (dropped afterwards unless
// --keep), or PGlite. Every scenario gets its own copy of the same clean, migrated state: on
// PostgreSQL a database cloned from the run's template database, on PGlite a new instance
// (in memory, or in a temporary folder when the data is kept).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectPostgres, migrate, openPglite, type Database } from '@flow/ledger-core';
import { databaseUrl, runOnServer, serverAnswers } from '@flow/ledger-core/testing';

/** How long the default PostgreSQL gets to answer before the benchmark falls back to PGlite. */
const probeTimeoutMs = 2_000;

export interface ScenarioDatabase {
  readonly database: Database;
  /** Where the data stays with --keep: a connection string or a PGlite folder; null in memory. */
  readonly location: string | null;
}

export interface DatabaseTarget {
  readonly kind: 'postgres' | 'pglite';
  /** "PostgreSQL 15.20" or "PGlite 0.x (PostgreSQL 17.x)". */
  readonly serverVersion: string;
  /** The settings that move the figures most (durability, memory, JIT), or PGlite's storage. */
  readonly settings: string;
  /** A clean, migrated database for one scenario with `poolSize` connections. */
  open(scenario: string, poolSize: number): Promise<ScenarioDatabase>;
  /** Drops what the run created, unless kept; returns the locations left in place. */
  finish(keep: boolean): Promise<string[]>;
}

/** True when a PostgreSQL server answers at `url` within the probe timeout. */
export function postgresAnswers(url: string): Promise<boolean> {
  return serverAnswers(url, probeTimeoutMs);
}

/**
 * A run database `flow_bench_<random>` migrated once and used as the template of one database
 * per scenario, so every scenario starts from byte-identical state.
 */
export async function postgresTarget(adminUrl: string): Promise<DatabaseTarget> {
  const runName = `flow_bench_${randomBytes(4).toString('hex')}`;
  const [versionRow] = await runOnServer<{ version: string; settings: string }>(adminUrl, `
    select current_setting('server_version') as version,
           string_agg(name || '=' || current_setting(name), ', ' order by name) as settings
    from pg_settings
    where name in ('synchronous_commit', 'fsync', 'shared_buffers', 'wal_buffers', 'max_wal_size', 'jit', 'work_mem', 'autovacuum', 'random_page_cost')`);
  await runOnServer(adminUrl, `create database ${runName}`);
  const template = connectPostgres({ connectionString: databaseUrl(adminUrl, runName), poolSize: 1 });
  try {
    await migrate(template);
  } finally {
    await template.close();
  }
  const created: string[] = [runName];
  return {
    kind: 'postgres',
    serverVersion: `PostgreSQL ${versionRow!.version}`,
    settings: versionRow!.settings,
    async open(scenario, poolSize) {
      const name = `${runName}_${scenario}`;
      await runOnServer(adminUrl, `create database ${name} template ${runName}`);
      created.push(name);
      const url = databaseUrl(adminUrl, name);
      return { database: connectPostgres({ connectionString: url, poolSize, applicationName: `flow-bench-${scenario}` }), location: url };
    },
    async finish(keep) {
      if (keep) return created.map((name) => databaseUrl(adminUrl, name));
      for (const name of created.reverse()) await runOnServer(adminUrl, `drop database if exists ${name} with (force)`);
      return [];
    },
  };
}

/** PGlite: one instance per scenario, in memory unless the data is to be kept. */
export async function pgliteTarget(keep: boolean): Promise<DatabaseTarget> {
  const probe = await openPglite();
  const { rows } = await probe.query<{ version: string }>(`select current_setting('server_version') as version`);
  await probe.close();
  const pgliteVersion = packageVersion('@electric-sql/pglite');
  const root = keep ? mkdtempSync(join(tmpdir(), 'flow-bench-')) : null;
  const folders: string[] = [];
  return {
    kind: 'pglite',
    serverVersion: `PGlite ${pgliteVersion} (PostgreSQL ${rows[0]!.version})`,
    settings: `one in-process connection, ${root === null ? 'in memory' : `data in ${root}`}`,
    async open(scenario) {
      const dataDir = root === null ? undefined : join(root, scenario);
      const database = await openPglite(dataDir === undefined ? {} : { dataDir });
      await migrate(database);
      if (dataDir !== undefined) folders.push(dataDir);
      return { database, location: dataDir ?? null };
    },
    async finish() {
      return folders;
    },
  };
}

/** The installed version of a package whose exports hide its package.json. */
function packageVersion(name: string): string {
  const entry = fileURLToPath(import.meta.resolve(name));
  const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length);
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
