// A worker in its own process, for the crash tests: the parent can SIGKILL it mid-batch. It
// opens the database the parent names (FLOW_TEST_WORKER_DATABASE_URL, a PostgreSQL database; or
// FLOW_TEST_WORKER_PGLITE_DIR, a PGlite data folder the parent has closed) and starts the worker
// with the broker the parent passes in FLOW_* variables. Logs go to stdout as JSON lines.
import { connectPostgres, openPglite, type Database } from '@flow/ledger-core';
import { createLogger, onStopSignal } from '@flow/service-kit';
import { readWorkerConfig, serviceName } from '../config.ts';
import { startWorker } from '../start.ts';

async function openDatabase(): Promise<Database> {
  const url = process.env.FLOW_TEST_WORKER_DATABASE_URL;
  if (url !== undefined && url !== '') return connectPostgres({ connectionString: url, poolSize: 6, applicationName: 'flow-crash-test' });
  const dataDir = process.env.FLOW_TEST_WORKER_PGLITE_DIR;
  if (dataDir === undefined || dataDir === '') throw new Error('set FLOW_TEST_WORKER_DATABASE_URL or FLOW_TEST_WORKER_PGLITE_DIR');
  return openPglite({ dataDir });
}

const database = await openDatabase();
const config = readWorkerConfig(process.env, { databaseInjected: true });
const logger = createLogger({ service: serviceName, level: config.logLevel });
const worker = await startWorker(config, { database, logger });
onStopSignal(async () => {
  await worker.stop();
  await database.close();
}, logger);
