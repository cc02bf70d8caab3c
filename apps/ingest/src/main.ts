// The ingest container's entry point. Tracing starts before anything else loads, so dd-trace
// can hook express and the AWS SDK as they are imported; the service itself comes after.
import { startTracing } from '@flow/service-kit/tracing';

await startTracing('flow-ingest');
const { runIngestFromEnvironment } = await import('./start.ts');
await runIngestFromEnvironment(process.env);
