// Run as its own process by tracing.test.ts: dd-trace patches modules process-wide, so it must
// not load inside the jest worker. Starts tracing like an app's main.ts, then logs one line
// inside a span and one outside.
import { startTracing } from '../tracing.ts';

const enabled = await startTracing('flow-probe');
const { createLogger } = await import('../logger.ts');
const logger = createLogger({ service: 'flow-probe', level: 'info' });
logger.info('service_started', { enabled });
if (enabled) {
  const tracer = (await import('dd-trace')).default;
  tracer.trace('probe.span', () => logger.info('request_completed', { inside: true }));
}
process.exit(0);
