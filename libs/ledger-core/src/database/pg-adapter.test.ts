// The pg adapter's statement timeout (PostgreSQL only: PGlite cannot cancel a statement): set on
// every connection of the pool, off when 0, and an operator's `statement_timeout` in the
// connection string wins over it.
import { connectPostgres } from './pg-adapter.ts';
import { postgresTarget, type TestDatabase } from '../testing/index.ts';

const postgres = postgresTarget();

(postgres === null ? describe.skip : describe)('statementTimeoutMs on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await postgres!.create({ poolSize: 1 });
  });
  afterAll(() => db.drop());

  async function timeoutOf(connectionString: string, statementTimeoutMs?: number): Promise<string> {
    const database = connectPostgres({ connectionString, poolSize: 1, statementTimeoutMs });
    try {
      const { rows } = await database.query<{ setting: string }>(`select setting from pg_settings where name = 'statement_timeout'`);
      return rows[0]!.setting;
    } finally {
      await database.close();
    }
  }

  test('set on every connection; 0 or absent leaves the server\'s; the connection string\'s wins', async () => {
    expect(await timeoutOf(db.url!, 1_234)).toBe('1234');
    expect(await timeoutOf(db.url!, 0)).toBe('0');
    expect(await timeoutOf(db.url!)).toBe('0');
    const url = new URL(db.url!);
    url.searchParams.set('statement_timeout', '777');
    expect(await timeoutOf(url.toString(), 1_234)).toBe('777');
  });

  test('a statement past it is cancelled by the server (57014)', async () => {
    const database = connectPostgres({ connectionString: db.url!, poolSize: 1, statementTimeoutMs: 50 });
    try {
      await expect(database.query('select pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      await database.close();
    }
  });
});
