// Datadog APM. `startTracing` must run before anything else is imported (each app's main.ts
// calls it first and imports the rest dynamically), so dd-trace can hook express, pg and the
// AWS SDK as they load. Off by default: `FLOW_DD_TRACE_ENABLED=true` turns it on; the agent's
// address and the rest come from dd-trace's own `DD_*` variables.
import type { Tracer } from 'dd-trace';

let tracer: Tracer | undefined;

export async function startTracing(service: string, environment: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const enabled = environment.FLOW_DD_TRACE_ENABLED?.trim();
  if (enabled !== undefined && enabled !== '' && !['true', 'false', '1', '0'].includes(enabled)) {
    throw new Error(`FLOW_DD_TRACE_ENABLED must be true or false, got "${enabled}"`);
  }
  if (enabled !== 'true' && enabled !== '1') return false;
  // dd-trace's ESM entry initialises the tracer as it loads, from DD_* variables; so the
  // service name and log injection are set there first (an operator's own DD_* values win).
  process.env.DD_SERVICE ??= service;
  process.env.DD_LOGS_INJECTION ??= 'true';
  // (A variable specifier: the hook module ships no type declarations.)
  const loaderHook = 'dd-trace/initialize.mjs';
  await import(loaderHook);
  const module = await import('dd-trace');
  tracer = module.default;
  return true;
}

/** The active trace and span ids, for log correlation; undefined when tracing is off. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const context = tracer?.scope().active()?.context();
  if (context === undefined) return undefined;
  return { trace_id: context.toTraceId(), span_id: context.toSpanId() };
}
