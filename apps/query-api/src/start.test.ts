// Starting and stopping for real: on a port, with an injected PGlite (the embedded stack's way,
// which stop leaves open) and with pg pools from the environment (closed by stop), and the
// process entry refusing a bad configuration.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { migrate, openPglite, type Database } from '@flow/ledger-core';
import { postgresTarget, seedCatalog } from '@flow/ledger-core/testing';
import { signEmbeddedToken } from '@flow/service-kit';
import { readQueryApiConfig } from './config.ts';
import { startQueryApi } from './start.ts';
import { testSecret } from './testing.ts';

const environment = { FLOW_JWT_SECRET: testSecret, FLOW_HOST: '127.0.0.1', FLOW_PORT: '0', FLOW_LOG_LEVEL: 'error' };
const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

test('with an injected database it serves from it and leaves it open on stop', async () => {
  const database: Database = await openPglite();
  await migrate(database);
  try {
    const running = await startQueryApi(readQueryApiConfig(environment, { databaseInjected: true }), { database });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(await (await fetch(`${running.url}/health/ready`)).json()).toEqual({ status: 'ok', checks: { readDatabase: 'ok', schema: 'ok' } });
    await running.stop();
    await running.stop();
    expect((await database.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  } finally {
    await database.close();
  }
});

test('the process exits 1 with every configuration problem on stderr', async () => {
  const child = spawn(process.execPath, [mainPath], { env: { PATH: process.env.PATH, FLOW_PORT: 'x' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toContain('query-api: invalid configuration');
  expect(stderr).toContain('FLOW_PORT');
  expect(stderr).toContain('FLOW_DATABASE_URL is required');
});

const postgres = postgresTarget();
(postgres === null ? describe.skip : describe)('on PostgreSQL from the environment', () => {
  // The primary is a closed port here: ledger reads work only because they go to the read URL,
  // and the catalog, which uses the primary, answers 503.
  test('the process reads from FLOW_DATABASE_READ_URL, the catalog from the primary, and stops on SIGTERM', async () => {
    const db = await postgres!.create();
    try {
      await seedCatalog(db.database, [{ branch: '0001', account: '100001' }]);
      const child = spawn(process.execPath, [mainPath], {
        env: { PATH: process.env.PATH, ...environment, FLOW_LOG_LEVEL: 'info', FLOW_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/flow', FLOW_DATABASE_READ_URL: db.url! },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const started = await new Promise<Record<string, unknown>>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString().split('\n').filter(Boolean)) {
            const entry = JSON.parse(line) as Record<string, unknown>;
            if (entry.code === 'service_started') resolve(entry);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const url = `http://127.0.0.1:${started.port}`;
      const token = await signEmbeddedToken({ secret: testSecret, scopes: ['flow:read', 'flow:admin'] });
      const balance = await fetch(`${url}/v1/accounts/0001/100001/balance?date=2026-11-24`, { headers: { authorization: `Bearer ${token}` } });
      expect(await balance.json()).toMatchObject({ balance: '0.00', lastMovementDate: null });
      const events = await fetch(`${url}/v1/events`, { headers: { authorization: `Bearer ${token}` } });
      expect([events.status, ((await events.json()) as { code: string }).code]).toEqual([503, 'database_unavailable']);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
