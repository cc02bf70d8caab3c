// The database port's contract, the same on both adapters: the value types every query module
// relies on, transactions that roll back on a throw, multi-statement scripts, and the streaming
// read (a server-side cursor fetched in bounded batches).
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

  test('a stream yields every row in order, in batches of at most batchRows, with the same value types', async () => {
    const batches = await db.database.transaction(async (tx) => {
      const seen: { n: string; day: string; money: string }[][] = [];
      for await (const batch of tx.stream<{ n: string; day: string; money: string }>(
        `select n::bigint as n, ($2::date + (n % 3)::integer) as day, (n / 100.0)::numeric(15,2) as money
         from generate_series(1, $1::integer) as n order by n`, [1_234, '2026-11-24'], 100)) seen.push(batch);
      return seen;
    });
    expect(batches.map((batch) => batch.length)).toEqual([...Array<number>(12).fill(100), 34]);
    const rows = batches.flat();
    expect(rows.map((row) => Number(row.n))).toEqual(Array.from({ length: 1_234 }, (_, index) => index + 1));
    expect(rows[0]).toEqual({ n: '1', day: '2026-11-25', money: '0.01' });
  });

  test('a stream left early closes its cursor; an empty result yields no batch', async () => {
    const open = await db.database.transaction(async (tx) => {
      for await (const batch of tx.stream('select n from generate_series(1, 1000) as n', [], 10)) {
        expect(batch).toHaveLength(10);
        break;
      }
      const empty: unknown[][] = [];
      for await (const batch of tx.stream('select 1 where false')) empty.push(batch);
      expect(empty).toEqual([]);
      return (await tx.query<{ open: string }>("select count(*)::text as open from pg_cursors where name like 'flow_stream_%'")).rows[0]!.open;
    });
    expect(open).toBe('0');
  });

  test('a query failing mid-stream fails the transaction, which rolls back', async () => {
    await db.database.runScript('create table stream_probe (n integer)');
    const failed = db.database.transaction(async (tx) => {
      await tx.query('insert into stream_probe values (1)');
      for await (const batch of tx.stream<{ q: number }>('select 10 / (500 - n) as q from generate_series(1, 1000) as n', [], 100)) {
        expect(batch.length).toBeGreaterThan(0);
      }
    });
    await expect(failed).rejects.toMatchObject({ code: '22012' });
    expect((await db.database.query('select n from stream_probe')).rows).toEqual([]);
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
