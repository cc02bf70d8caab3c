// Lambda loads handlers from .js/.mjs only; Node 24 strips the types of the .ts it imports.
// Tracing starts first (top-level await, before the handler's modules load) so dd-trace can hook
// pg and the AWS SDK; it is off unless FLOW_DD_TRACE_ENABLED=true.
import { startTracing } from '@flow/service-kit/tracing';

await startTracing('flow-ledger-worker');
export const { handler } = await import('./apps/ledger-worker/src/lambda/handler.ts');
