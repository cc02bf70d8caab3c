// A worker in its own process, for the crash tests: the parent can SIGKILL it mid-batch. It
// opens the database the parent names (FLOW_TEST_WORKER_DATABASE_URL, a PostgreSQL database; or
// FLOW_TEST_WORKER_PGLITE_DIR, a PGlite data folder the parent has closed) and starts the worker
// with the broker the parent passes in FLOW_* variables. Logs go to stdout as JSON lines.
// FLOW_TEST_WORKER_MARK_DELAY_MS holds back every "mark outbox row sent" update that long (fault
// injection around the real database), so a kill right after a `batch_applied` line is sure to
// leave committed-but-unsent outbox rows: the crash window the test must hit.
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

/** Delays the relay's and the sweep's `update flow.outbox set sent_at` by `delayMs`. */
function delayingOutboxMarks(real: Database, delayMs: number): Database {
  return {
    kind: real.kind,
    async query(text, params) {
      if (/update flow\.outbox set sent_at/.test(text)) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return real.query(text, params);
    },
    runScript: (text) => real.runScript(text),
    transaction: (work) => real.transaction(work),
    close: () => real.close(),
  };
}

const markDelayMs = Number(process.env.FLOW_TEST_WORKER_MARK_DELAY_MS ?? '0');
const opened = await openDatabase();
const database = markDelayMs > 0 ? delayingOutboxMarks(opened, markDelayMs) : opened;
const config = readWorkerConfig(process.env, { databaseInjected: true });
const logger = createLogger({ service: serviceName, level: config.logLevel });
const worker = await startWorker(config, { database, logger });
onStopSignal(async () => {
  await worker.stop();
  await database.close();
}, logger);
