// Datadog APM. `startTracing` must run before anything else is imported (each app's main.ts
// calls it first and imports the rest dynamically), so dd-trace can hook express, pg and the
// AWS SDK as they load. Off by default: `FLOW_DD_TRACE_ENABLED=true` turns it on; the agent's
// address and the rest come from dd-trace's own `DD_*` variables.
import { randomBytes } from 'node:crypto';
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

// W3C trace context (https://www.w3.org/TR/trace-context/), with or without dd-trace. Flow carries
// `traceparent` rather than Datadog's own headers: one attribute instead of three or four
// (x-datadog-trace-id, -parent-id, -sampling-priority, -tags) against SNS/SQS's ten message
// attributes, which the callback's routing attributes already use four of; 128-bit ids that any
// tracer reads (dd-trace extracts and injects `tracecontext` by default); and ids that exist with
// tracing off, so the log lines of the three services join on them even without an agent.

const traceparentPattern = /^00-((?!0{32})[0-9a-f]{32})-((?!0{16})[0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceContext {
  /** 32 lower-case hex digits. */
  readonly traceId: string;
  /** 16 lower-case hex digits: the span that is the parent of what comes next. */
  readonly spanId: string;
  readonly sampled: boolean;
}

/** A `traceparent` header or attribute, or null when it is absent or malformed (a fresh trace then starts). */
export function parseTraceparent(value: string | undefined): TraceContext | null {
  const match = value === undefined ? null : traceparentPattern.exec(value.trim().toLowerCase());
  if (match === null) return null;
  return { traceId: match[1]!, spanId: match[2]!, sampled: (Number.parseInt(match[3]!, 16) & 1) === 1 };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.sampled ? '01' : '00'}`;
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * The trace context of an incoming request: the active dd-trace span's when tracing is on (it has
 * already extracted the caller's `traceparent`), else the caller's `traceparent`, else a new trace.
 */
export function requestTraceContext(traceparent: string | undefined): TraceContext {
  const active = tracer?.scope().active()?.context().toTraceparent();
  const fromTracer = active === undefined ? null : parseTraceparent(active);
  if (fromTracer !== null) return fromTracer;
  return parseTraceparent(traceparent) ?? { traceId: randomBytes(16).toString('hex'), spanId: newSpanId(), sampled: false };
}

/** Links of a span to other traces, bounded: a batch merges many requests. */
export const spanLinksMax = 128;

/**
 * Runs `work` in a span named `name` that links to each trace in `traceIds` (the first
 * `spanLinksMax`), when tracing is on; else just runs it. For a batch that merged postings of
 * many requests: one span, with a link to the trace of each.
 */
export async function withLinkedSpan<T>(name: string, traceIds: readonly string[], work: () => Promise<T>): Promise<T> {
  if (tracer === undefined) return work();
  const active = tracer;
  const links = traceIds.slice(0, spanLinksMax).flatMap((traceId) => {
    const context = active.extract('text_map', { traceparent: formatTraceparent({ traceId, spanId: newSpanId(), sampled: true }) });
    return context === null ? [] : [{ context }];
  });
  return active.trace(name, { links } as Parameters<Tracer['trace']>[1], () => work());
}
