// A logger for tests that keeps its JSON lines in memory, so a test can assert on log codes
// (message_malformed, batch_applied…) without printing them.
import { PassThrough } from 'node:stream';
import { createLogger, type Logger } from '@flow/service-kit';

export interface CapturedLogger {
  readonly logger: Logger;
  /** Parsed lines so far. */
  lines(): Record<string, unknown>[];
  withCode(code: string): Record<string, unknown>[];
}

export function captureLogs(service = 'flow-ledger-worker-test'): CapturedLogger {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  return {
    logger: createLogger({ service, level: 'debug', stream }),
    lines: () => lines,
    withCode: (code) => lines.filter((line) => line.code === code),
  };
}
