// Datadog tracing is off unless asked for; when on, log lines written inside a span carry its
// trace and span ids (log correlation). Each case runs in a child process, as dd-trace hooks
// modules process-wide.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { formatTraceparent, parseTraceparent, requestTraceContext } from './tracing.ts';

const probe = join(import.meta.dirname, 'testing', 'trace-probe.ts');

function runProbe(enabled: string): Record<string, unknown>[] {
  const output = execFileSync(process.execPath, [probe], {
    env: { ...process.env, FLOW_DD_TRACE_ENABLED: enabled, DD_TRACE_AGENT_URL: 'http://127.0.0.1:9', DD_TRACE_STARTUP_LOGS: 'false', DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return output.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

test('with tracing on, a line logged inside a span carries its trace and span ids', () => {
  const lines = runProbe('true');
  expect(lines.find((line) => line.code === 'service_started')).toMatchObject({ enabled: true });
  const inside = lines.find((line) => line.code === 'request_completed');
  expect(inside).toMatchObject({ inside: true, dd: { trace_id: expect.stringMatching(/^\d+$/), span_id: expect.stringMatching(/^\d+$/) } });
});

test('with tracing on, a batch span links to the trace of every request it merged', () => {
  const batch = runProbe('true').find((line) => line.code === 'batch_applied');
  expect(batch?.spanLinks).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736', '0af7651916cd43dd8448eb211c80319c']);
});

describe('W3C traceparent', () => {
  test.each([
    ['a sampled parent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true }],
    ['not sampled, upper case, spaces', ' 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00 ', { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: false }],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', null],
    ['an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', null],
    ['another version', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', null],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01', null],
    ['absent', undefined, null],
  ])('%s', (_name, header, expected) => {
    expect(parseTraceparent(header)).toEqual(expected);
  });

  test('formatted back as it was read; a request without one starts a new trace', () => {
    const header = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(formatTraceparent(parseTraceparent(header)!)).toBe(header);
    const fresh = requestTraceContext(undefined);
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(requestTraceContext(undefined).traceId).not.toBe(fresh.traceId);
    expect(requestTraceContext(header).traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});

test('with tracing off, nothing loads and lines carry no trace ids', () => {
  const lines = runProbe('false');
  expect(lines).toEqual([expect.objectContaining({ code: 'service_started', enabled: false })]);
  expect(lines[0]).not.toHaveProperty('dd');
});
