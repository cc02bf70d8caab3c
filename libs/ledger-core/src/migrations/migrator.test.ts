import { cpSync, mkdtempSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../database/pglite-adapter.ts';
import { MigrationChecksumError, migrate, migrationsDirectory, readMigrations } from './migrator.ts';

/** The file name of the migration after the repository's last one, and of the one after that. */
const shipped = readMigrations().length;
const nextFile = (name: string, ahead = 1) => `${String(shipped + ahead).padStart(4, '0')}_${name}.sql`;

describe('migrator', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'flow-migrations-'));
    cpSync(migrationsDirectory, directory, { recursive: true });
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  test('applies every migration once and records its checksum', async () => {
    const database = await openPglite();
    expect(await migrate(database, directory)).toEqual(readMigrations(directory).map((migration) => migration.name));
    expect(await migrate(database, directory)).toEqual([]);
    const { rows } = await database.query<{ name: string; checksum: string }>(
      'select name, checksum from flow_migration.applied order by version');
    expect(rows).toEqual(readMigrations(directory).map(({ name, checksum }) => ({ name, checksum })));
    await database.close();
  });

  test('the branch registry migration registers the branch of every account that exists', async () => {
    const database = await openPglite();
    const branchFile = readMigrations(directory).find((migration) => migration.name.includes('branches'))!.name;
    const later = readMigrations(directory).filter((migration) => migration.name >= branchFile).map((migration) => migration.name);
    for (const name of later) rmSync(join(directory, name));
    await migrate(database, directory);
    await database.query(`insert into flow.account (branch, account) values ('0001', 'A'), ('0001', 'B'), ('VIRT', 'C')`);
    cpSync(migrationsDirectory, directory, { recursive: true });
    await migrate(database, directory);
    const { rows } = await database.query('select code, name, status from flow.branch order by code');
    expect(rows).toEqual([{ code: '0001', name: '0001', status: 'active' }, { code: 'VIRT', name: 'VIRT', status: 'active' }]);
    await database.close();
  });

  test('refuses a migration edited after it was applied, and applies nothing after it', async () => {
    const database = await openPglite();
    await migrate(database, directory);
    appendFileSync(join(directory, '0001_ledger_schema.sql'), '\n-- an innocent-looking edit\n');
    writeFileSync(join(directory, nextFile('next')), 'create table flow.next_one (id integer);');
    await expect(migrate(database, directory)).rejects.toBeInstanceOf(MigrationChecksumError);
    const { rows } = await database.query(`select to_regclass('flow.next_one') as found`);
    expect(rows).toEqual([{ found: null }]);
    await database.close();
  });

  test('a failing migration leaves no trace and is retried next time', async () => {
    const database = await openPglite();
    writeFileSync(join(directory, nextFile('broken')), 'create table flow.half_done (id integer);\nselect 1/0;');
    await expect(migrate(database, directory)).rejects.toThrow('division by zero');
    const { rows } = await database.query(`select to_regclass('flow.half_done') as found, (select count(*) from flow_migration.applied)::int as applied`);
    expect(rows).toEqual([{ found: null, applied: shipped }]);
    await database.close();
  });

  test.each([
    [nextFile('gap', 2), 'out of sequence'],
    ['2_bad-name.sql', 'must look like 0001_snake_case.sql'],
  ])('refuses a badly numbered or named file %s', (name, message) => {
    writeFileSync(join(directory, name), 'select 1;');
    expect(() => readMigrations(directory)).toThrow(message);
  });
});
