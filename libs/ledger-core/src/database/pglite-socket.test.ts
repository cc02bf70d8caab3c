// PGlite's loopback socket shares the one PGlite session with the in-process callers: a socket
// client's transaction and an in-process transaction never run inside each other. Without the
// session lock, the in-process rollback below would also roll back the socket's first insert
// (they would share one open transaction), and the socket's count would see uncommitted rows.
import { connectPostgres } from './pg-adapter.ts';
import { openPglite } from './pglite-adapter.ts';
import { startPgliteSocket } from './pglite-socket.ts';

describe('PGlite over its loopback socket', () => {
  test('socket and in-process transactions take turns; each commits or rolls back only its own work', async () => {
    const database = await openPglite();
    await database.query('create table turn (n integer)');
    const socket = await startPgliteSocket(database);
    const client = connectPostgres({ connectionString: socket.url, poolSize: 2, applicationName: 'socket-test' });
    try {
      expect(socket.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
      await Promise.all([
        client.transaction(async (tx) => {
          await tx.query('insert into turn values (1)');
          await pause();
          await tx.query('insert into turn values ($1)', [2]);
        }),
        (async () => {
          await pause();
          await expect(database.transaction(async (tx) => {
            await tx.query('insert into turn values (3)');
            throw new Error('rolled back on purpose');
          })).rejects.toThrow('rolled back on purpose');
        })(),
      ]);
      const { rows } = await client.query<{ numbers: number[] }>('select array_agg(n order by n) as numbers from turn');
      expect(rows).toEqual([{ numbers: [1, 2] }]);
      expect((await database.query<{ count: number }>('select count(*)::integer as count from turn')).rows).toEqual([{ count: 2 }]);
    } finally {
      await client.close();
      await socket.stop();
      await database.close();
    }
  });

  test('needs a database opened by openPglite', async () => {
    await expect(startPgliteSocket({ kind: 'postgres' } as never)).rejects.toThrow('openPglite');
  });
});
