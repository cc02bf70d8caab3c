// Datadog tracing is off unless asked for; when on, log lines written inside a span carry its
// trace and span ids (log correlation). Each case runs in a child process, as dd-trace hooks
// modules process-wide.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

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

test('with tracing off, nothing loads and lines carry no trace ids', () => {
  const lines = runProbe('false');
  expect(lines).toEqual([expect.objectContaining({ code: 'service_started', enabled: false })]);
  expect(lines[0]).not.toHaveProperty('dd');
});
