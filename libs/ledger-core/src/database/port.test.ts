// The database port's contract, the same on both adapters: the value types every query module
// relies on, transactions that roll back on a throw, and multi-statement scripts.
import { databaseTargets, type TestDatabase } from '../testing/index.ts';

describe.each(databaseTargets())('database port on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
  });
  afterAll(() => db.drop());

  test('date is "YYYY-MM-DD", numeric and bigint are decimal strings, timestamptz is a Date', async () => {
    const { rows } = await db.database.query<Record<string, unknown>>(
      `select $1::date as day, 12345678901234.56::numeric(24,2) as money, 9007199254740993::bigint as big,
              now() as at, null::text as nothing, '{"a":1}'::jsonb as doc`, ['2026-02-28']);
    expect(rows).toEqual([{ day: '2026-02-28', money: '12345678901234.56', big: '9007199254740993', at: expect.any(Date), nothing: null, doc: { a: 1 } }]);
  });

  test('arrays go in as parameters and come back through unnest', async () => {
    const { rows } = await db.database.query<{ id: string; amount: string; details: unknown }>(
      'select * from unnest($1::uuid[], $2::numeric[], $3::jsonb[]) as t(id, amount, details)',
      [['0190b3a4-7c2e-7d41-9a10-3c2f5e6a7b8c'], ['0.10'], [JSON.stringify({ quote: 'a"b,c' })]]);
    expect(rows).toEqual([{ id: '0190b3a4-7c2e-7d41-9a10-3c2f5e6a7b8c', amount: '0.10', details: { quote: 'a"b,c' } }]);
  });

  test('a transaction commits when its work resolves and rolls back when it throws', async () => {
    await db.database.runScript('create table port_probe (n integer); create index on port_probe (n);');
    await db.database.transaction((tx) => tx.query('insert into port_probe values (1)'));
    await expect(db.database.transaction(async (tx) => {
      await tx.query('insert into port_probe values (2)');
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    const { rows } = await db.database.query<{ n: number }>('select n from port_probe order by n');
    expect(rows).toEqual([{ n: 1 }]);
  });

  test('a connection lost inside a transaction fails that transaction only; the process and the pool carry on', async () => {
    if (target.name !== 'postgres') return; // PGlite is in-process: it has no connection to lose.
    const failed = db.database.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
      // Killed from another connection while this one sits between statements: pg reports the
      // loss as an 'error' event on the checked-out client, which nothing else listens to.
      await db.database.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.query('select 1');
    });
    await expect(failed).rejects.toThrow();
    const { rows } = await db.database.query<{ one: number }>('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});
