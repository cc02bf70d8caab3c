// The roles of migration 0003 are server-wide and created only when missing; several databases of
// one server migrate at once (the suites do). On the shared server the roles exist after the first
// run, so the race is tried on a private PostgreSQL server of its own (initdb on a free port, as
// the `postgres` OS user when this runs as root), where none exists yet: six fresh databases
// migrated at the same moment all succeed, and each role exists once. Runs where the server's
// binaries are (pg_config --bindir) and FLOW_TEST_DATABASE_URL says PostgreSQL is in use.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../migrations/migrator.ts';
import { connectPostgres } from './pg-adapter.ts';
import { runOnServer } from './postgres-server.ts';
import { freePortOnLoopback } from '../testing/free-port.ts';

function serverBinaries(): string | null {
  if ((process.env.FLOW_TEST_DATABASE_URL ?? '') === '') return null;
  const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const bindir = found.status === 0 ? found.stdout.trim() : '';
  return bindir !== '' && existsSync(join(bindir, 'initdb')) ? bindir : null;
}

const asRoot = userInfo().uid === 0;
/** `runuser` lives in an sbin folder, often not on a CI PATH. */
const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((path) => existsSync(path)) ?? null;
const bindir = asRoot && runuser === null ? null : serverBinaries();

(bindir === null ? describe.skip : describe)('database roles on a server that has none yet', () => {
  let dataDir: string;
  let serverUrl: string;
  /** Runs a server binary, as `postgres` when this process is root (PostgreSQL refuses root). */
  const run = (binary: string, args: string[]) => asRoot
    ? execFileSync(runuser!, ['-u', 'postgres', '--', join(bindir!, binary), ...args], { stdio: 'pipe' })
    : execFileSync(join(bindir!, binary), args, { stdio: 'pipe' });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-roles-'));
    if (asRoot) chownSync(dataDir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    const port = await freePortOnLoopback();
    run('initdb', ['-D', join(dataDir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    run('pg_ctl', ['-D', join(dataDir, 'data'), '-w', '-l', join(dataDir, 'log'), '-o', `-p ${port} -k ${dataDir} -h 127.0.0.1 -F`, 'start']);
    serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }, 60_000);
  afterAll(() => {
    run('pg_ctl', ['-D', join(dataDir, 'data'), '-m', 'immediate', 'stop']);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('six databases migrated at once all succeed, and each role exists once', async () => {
    const before = await runOnServer<{ count: string }>(serverUrl, `select count(*) from pg_roles where rolname like 'flow\\_%'`);
    expect(before[0]?.count).toBe('0');
    const names = Array.from({ length: 6 }, (_unused, index) => `flow_race_${index}`);
    for (const name of names) await runOnServer(serverUrl, `create database ${name}`);
    const databases = names.map((name) => connectPostgres({ connectionString: serverUrl.replace(/\/postgres$/, `/${name}`), poolSize: 1 }));
    try {
      const applied = await Promise.all(databases.map((database) => migrate(database)));
      for (const names of applied) expect(names).toContain('0003_database_roles.sql');
      const roles = await runOnServer<{ rolname: string; rolcanlogin: boolean }>(serverUrl,
        `select rolname, rolcanlogin from pg_roles where rolname like 'flow\\_%' order by rolname`);
      expect(roles).toEqual([
        { rolname: 'flow_catalog', rolcanlogin: false },
        { rolname: 'flow_reader', rolcanlogin: false },
        { rolname: 'flow_worker', rolcanlogin: false },
      ]);
      for (const database of databases) {
        const { rows } = await database.query<{ can: boolean }>(`select has_table_privilege('flow_reader', 'flow.balance', 'select') as can`);
        expect(rows[0]?.can).toBe(true);
      }
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  }, 120_000);
});
