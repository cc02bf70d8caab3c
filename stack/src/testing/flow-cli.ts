// Runs the `flow` command in this process, as `npx flow …` would beside a running stack, and
// captures what it prints: stdout (the report), stderr (log lines, progress) and the exit status.
import { Writable } from 'node:stream';
import { runFlow } from '@flow/cli';
import type { Environment } from '@flow/service-kit';

export interface FlowRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed, for --json runs. */
  json<T = Record<string, unknown>>(): T;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) {
    chunks.push(String(chunk));
    done();
  } });
  return { stream, text: () => chunks.join('') };
}

export async function flow(environment: Environment, ...args: string[]): Promise<FlowRun> {
  const stdout = collector();
  const stderr = collector();
  const exitCode = await runFlow(args, { FLOW_LOG_LEVEL: 'info', ...environment }, { stdout: stdout.stream, stderr: stderr.stream });
  return { exitCode, stdout: stdout.text(), stderr: stderr.text(), json: <T>() => JSON.parse(stdout.text()) as T };
}
