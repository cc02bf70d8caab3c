// Run as its own process by tracing.test.ts: dd-trace patches modules process-wide, so it must
// not load inside the jest worker. Starts tracing like an app's main.ts, then logs one line
// inside a span and one outside, then runs a batch span linked to two traces and logs the
// trace ids its links name (read from the span dd-trace will send).
import { startTracing, withLinkedSpan } from '../tracing.ts';

const enabled = await startTracing('flow-probe');
const { createLogger } = await import('../logger.ts');
const logger = createLogger({ service: 'flow-probe', level: 'info' });
logger.info('service_started', { enabled });
if (enabled) {
  const tracer = (await import('dd-trace')).default;
  tracer.trace('probe.span', () => logger.info('request_completed', { inside: true }));
  const linked = ['4bf92f3577b34da6a3ce929d0e0e4736', '0af7651916cd43dd8448eb211c80319c'];
  await withLinkedSpan('flow.batch', linked, async () => {
    const span = tracer.scope().active() as unknown as { _links: { context: { toTraceId(full: boolean): string } }[] };
    logger.info('batch_applied', { spanLinks: span._links.map((link) => link.context.toTraceId(true)) });
  });
}
process.exit(0);
