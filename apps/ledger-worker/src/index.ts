// @flow/ledger-worker: the SQS consumer that applies postings in batches and relays outcomes to
// the callback topic. The embedded stack starts it in-process with its own PGlite.
export { readWorkerConfig, serviceName, type WorkerConfig, type WorkerConfigOptions } from './config.ts';
export { startWorker, runWorkerFromEnvironment, type RunningWorker, type WorkerOverrides } from './start.ts';
export { batchStatementTimeoutMs, batchTimeoutMs } from './limits.ts';
