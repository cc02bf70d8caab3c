// The export streams with backpressure: a client that stops reading parks the server mid-read
// (on PostgreSQL its session sits idle in transaction on a FETCH, the rest of the range unread),
// and a client that leaves ends the read and its snapshot, so the database serves the next request
// (PGlite's single connection included). A real server on a free port: the socket's buffers are
// what pushes back. The range is larger than the loopback socket buffers hold.
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { databaseTargets, makePosting, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { createTestApp, type TestApp } from '../testing.ts';

const now = () => new Date('2026-11-24T15:00:00Z');
/** About 10 MB of CNAB 240: far more than the socket buffers between the two ends. */
const entryCount = 40_000;
const batchSize = 2_000;

describe.each(databaseTargets())('export backpressure on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;
  let server: Server;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database, [{ branch: '0001', account: '100001' }]);
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    for (let start = 0; start < entryCount; start += batchSize) {
      await engine.applyBatch(Array.from({ length: batchSize }, (_, index) => makePosting({
        dateRef: `2026-11-${String(18 + ((start + index) % 7)).padStart(2, '0')}`, amount: '1.00',
      })));
    }
    api = await createTestApp(db.database);
    server = api.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.drop();
  });

  /** Sessions of this database parked inside an export's read. */
  const parkedReads = async () => (await db.database.query<{ parked: number }>(
    `select count(*)::integer as parked from pg_stat_activity
     where datname = current_database() and state = 'idle in transaction' and query like 'fetch forward%'`)).rows[0]!.parked;

  test('a client that stops reading holds the read back; one that leaves ends it', async () => {
    const { port } = server.address() as { port: number };
    const call = httpRequest({
      host: '127.0.0.1', port, path: '/v1/accounts/0001/100001/statement?from=2026-11-18&to=2026-11-24&format=cnab240',
      headers: { authorization: api.auth.reader },
    });
    const response = await new Promise<IncomingMessage>((resolve, reject) => call.on('response', resolve).on('error', reject).end());
    expect(response.statusCode).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    response.pause();
    // Unthrottled, the whole range would be read in a second or two; held back, it stays parked.
    const held = 3_000;
    let probe: Promise<unknown> | null = null;
    if (target.name === 'postgres') {
      for (let waited = 0; waited < held; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        expect(await parkedReads()).toBe(1);
      }
    } else {
      // PGlite has one connection: the parked export's snapshot holds it, so a query waits.
      probe = db.database.query('select 1');
      const settled = await Promise.race([probe.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), held))]);
      expect(settled).toBe(false);
    }
    call.destroy();
    await probe;
    // The read ends with the client: the database answers (PGlite's one connection is free again).
    const deadline = Date.now() + 10_000;
    while (target.name === 'postgres' && (await parkedReads()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (target.name === 'postgres') expect(await parkedReads()).toBe(0);
    expect((await db.database.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
  }, 30_000);
});
