// The container's entry point (Dockerfile: `node apps/ledger-worker/src/main.ts`). Tracing
// starts before anything else is imported so dd-trace can hook pg and the AWS SDK as they load.
import { startTracing } from '@flow/service-kit/tracing';
await startTracing('flow-ledger-worker');
const { runWorkerFromEnvironment } = await import('./start.ts');
await runWorkerFromEnvironment(process.env);
