// The query API process. Tracing starts before anything else is imported, so dd-trace can hook
// express and pg as they load; everything else comes in through start.ts.
import { startTracing } from '@flow/service-kit/tracing';
await startTracing('flow-query-api');
const { runQueryApiFromEnvironment } = await import('./start.ts');
await runQueryApiFromEnvironment(process.env);
