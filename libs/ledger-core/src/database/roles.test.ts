// Least privilege (migration 0003): each group role does its own work and is refused (42501,
// insufficient_privilege) the rest. On PostgreSQL each role is tried through a login of its own,
// as the services connect; on PGlite (one connection) through `set role`.
import { assertSchemaCurrent } from '../migrations/migrator.ts';
import { readStatement } from '../queries/statement.ts';
import { findTransaction } from '../queries/transactions.ts';
import { createAccount } from '../catalog/accounts.ts';
import { createBranch, updateBranch } from '../catalog/branches.ts';
import { createEvent } from '../catalog/events.ts';
import { createLedgerEngine } from '../engine/apply-batch.ts';
import { ledgerRules } from '../rules/ledger-rules.ts';
import { connectPostgres } from './pg-adapter.ts';
import type { Database } from './port.ts';
import {
  createRoleLogin, databaseTargets, makePosting, seedCatalog, type LedgerRole, type RoleLogin, type TestDatabase,
} from '../testing/index.ts';

const now = () => new Date('2026-11-25T15:00:00Z');
const today = '2026-11-25';

async function sqlStateOf(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
}

describe.each(databaseTargets())('database roles on $name', (target) => {
  let db: TestDatabase;
  const logins: RoleLogin[] = [];
  const pools: Database[] = [];

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all(logins.map((login) => login.drop()));
    await db.drop();
  });

  /** The database as `role` sees it. On PGlite the one connection switches role until the next call. */
  async function as(role: LedgerRole): Promise<Database> {
    if (db.url === null) {
      await db.database.query(`set role ${role}`);
      return db.database;
    }
    const login = await createRoleLogin(db, role);
    logins.push(login);
    const pool = connectPostgres({ connectionString: login.url, poolSize: 2 });
    pools.push(pool);
    return pool;
  }
  afterEach(async () => {
    if (db.url === null) await db.database.query('reset role');
  });

  test('the worker applies a batch (auto-opening its account) and creates a partition, and may not touch the catalog or the schema', async () => {
    const worker = await as('flow_worker');
    const engine = createLedgerEngine({ database: worker, rules: ledgerRules({ autoOpenAccounts: true }), now });
    const posting = makePosting({ dateRef: today, branch: '0001', account: 'ROLE1', amount: '5.00' });
    // A reversal beyond its original reads the original and rewrites its own outcome, as the worker.
    const reversal = makePosting({ dateRef: today, branch: '0001', account: 'ROLE1', amount: '6.00', debitCredit: 'D', reverses: posting.id });
    const { outcomes } = await engine.applyBatch([posting, reversal]);
    expect(outcomes.map((outcome) => outcome.reason)).toEqual([null, 'reversal_exceeds_remainder']);
    const { rows } = await worker.query<{ created: number }>(`select flow.ensure_transaction_partitions(array['2031-03-01'::date]) as created`);
    expect(rows[0]?.created).toBe(1);
    expect(await sqlStateOf(worker.query(`update flow.event set active = false where code = 494`))).toBe('42501');
    expect(await sqlStateOf(worker.query(`update flow.account set status = 'blocked'`))).toBe('42501');
    expect(await sqlStateOf(worker.query(`update flow.branch set status = 'closed'`))).toBe('42501');
    expect(await sqlStateOf(worker.query(`insert into flow.branch (code, name) values ('W1', 'x')`))).toBe('42501');
    expect(await sqlStateOf(worker.query('create table flow.worker_made (id int)'))).toBe('42501');
    expect(await sqlStateOf(worker.query('delete from flow.balance'))).toBe('42501');
  });

  test('the reader reads every ledger table, the new partition included, and cannot write (42501)', async () => {
    const reader = await as('flow_reader');
    const statement = await readStatement(reader, { branch: '0001', account: 'ROLE1', from: today, to: today, limit: 10 });
    expect(statement.lines).toHaveLength(1);
    await expect(assertSchemaCurrent(reader)).resolves.toBeUndefined();
    for (const table of ['event', 'branch', 'account', 'transaction', 'balance', 'posting', 'outbox', 'transaction_2031_03']) {
      await expect(reader.query(`select count(*) from flow.${table}`)).resolves.toBeDefined();
    }
    expect(await sqlStateOf(reader.query(`insert into flow.event (code, description) values (901, 'x')`))).toBe('42501');
    expect(await sqlStateOf(reader.query(`update flow.balance set total_credit = 0`))).toBe('42501');
    expect(await sqlStateOf(reader.query(`delete from flow.posting`))).toBe('42501');
    expect(await sqlStateOf(reader.query(`select flow.ensure_transaction_partitions(array['2032-01-01'::date])`))).toBe('42501');
  });

  test('the catalog writes events, branches and accounts and nothing of the ledger', async () => {
    const catalog = await as('flow_catalog');
    const created = await createEvent(catalog, { code: 902, description: 'Pix', active: true, allowDebit: true, allowCredit: true });
    expect(created?.code).toBe(902);
    expect(await createBranch(catalog, { code: 'ROLE', name: 'Agência', status: 'active' })).not.toBeNull();
    expect(await createAccount(catalog, { branch: 'ROLE', account: 'R1', status: 'active', holderName: null })).not.toBeNull();
    expect(await updateBranch(catalog, 'ROLE', { status: 'closed' })).toMatchObject({ status: 'closed' });
    await expect(catalog.query(`update flow.account set status = 'blocked' where account = 'ROLE1'`)).resolves.toBeDefined();
    expect(await sqlStateOf(catalog.query('select count(*) from flow.transaction'))).toBe('42501');
    expect(await sqlStateOf(catalog.query('select count(*) from flow.balance'))).toBe('42501');
    expect(await sqlStateOf(catalog.query('update flow.outbox set sent_at = now()'))).toBe('42501');
  });

  test('every table of the flow schema is readable by the reader: a later migration cannot forget it', async () => {
    const { rows } = await db.database.query<{ table: string }>(`
      select c.relname as table from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'flow' and c.relkind in ('r', 'p')
        and not pg_catalog.has_table_privilege('flow_reader', c.oid, 'select')`);
    expect(rows).toEqual([]);
    expect(await findTransaction(db.database, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
