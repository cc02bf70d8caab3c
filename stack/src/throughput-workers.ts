// Worker processes for `npm run bench:e2e --workers N`: N copies of the ledger worker's real
// container entry (`apps/ledger-worker/src/main.ts`), each its own Node.js process with its own
// pool, consuming the one transaction queue of the embedded broker — what N ECS tasks do. They
// are ready when each health port answers /health/ready; they stop on SIGTERM like a container.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePortOnLoopback } from '@flow/ledger-core/testing';
import type { LocalBroker } from '@flow/service-kit/local-broker';

/** How long a worker process may take to answer ready before the run gives up. */
const workerReadyTimeoutMs = 60_000;
const readyPollMs = 100;

export interface WorkerProcesses {
  /** The worker processes' ids, for their CPU time. */
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

/** The container's entry point, as the Dockerfile runs it. */
const workerEntry = join(import.meta.dirname, '..', '..', 'apps', 'ledger-worker', 'src', 'main.ts');

async function waitReady(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + workerReadyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`a worker process exited with status ${child.exitCode} before it was ready`);
    const answer = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
    if (answer?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, readyPollMs));
  }
  throw new Error(`a worker process did not answer ready on port ${port} within ${workerReadyTimeoutMs} ms`);
}

/** Starts `count` worker processes on `databaseUrl` and the broker's queue; resolves when all are ready. */
export async function startWorkerProcesses(
  count: number, databaseUrl: string, broker: LocalBroker, environment: NodeJS.ProcessEnv,
): Promise<WorkerProcesses> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    })));
  };
  try {
    for (let index = 0; index < count; index++) {
      const port = await freePortOnLoopback();
      const child = spawn(process.execPath, [workerEntry], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...environment,
          FLOW_DATABASE_URL: databaseUrl,
          FLOW_HOST: '127.0.0.1',
          FLOW_HEALTH_PORT: String(port),
          FLOW_AWS_ENDPOINT: broker.endpoint,
          FLOW_AWS_REGION: broker.region,
          FLOW_TRANSACTION_QUEUE_URL: broker.transactionQueueUrl,
          FLOW_CALLBACK_TOPIC_ARN: broker.callbackTopicArn,
        },
      });
      children.push(child);
      await waitReady(port, child);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { pids: children.map((child) => child.pid!), stop };
}
