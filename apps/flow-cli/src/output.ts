// What a `flow` command says and where: the report on stdout (one JSON document with --json,
// readable lines otherwise), JSON log lines with registry codes on stderr, and progress — a bar
// with counts and rate on stderr when it is a terminal, `command_progress` log lines (at most
// one a second) when it is not, so a scheduled task's log still shows how far it got.
import { createLogger, type Logger, type LogLevel } from '@flow/service-kit';

export interface Streams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export interface Output {
  readonly json: boolean;
  readonly logger: Logger;
  /** Progress of `task` over `total` items (`unit` names them); redrawn or logged as it goes. */
  progress(task: string, done: number, total: number, unit: string): void;
  /** Prints the final report: `value` as JSON with --json, else `text`. */
  report(value: unknown, text: string): void;
  /** A line for a person (nothing with --json, where stdout is the report only). */
  say(text: string): void;
  /** Text written as is on stdout: a report streamed piece by piece. */
  raw(text: string): void;
}

const progressLogIntervalMs = 1000;
const barRedrawIntervalMs = 100;
const barWidth = 30;

export function createOutput(streams: Streams, options: { json: boolean; logLevel: LogLevel }): Output {
  const terminal = streams.stderr.isTTY === true;
  // On a terminal the bar and the report speak; JSON lines there are for warnings and errors.
  const logger = createLogger({ service: 'flow', level: terminal ? 'warn' : options.logLevel, stream: streams.stderr });
  let started = 0;
  let lastDrawn = 0;
  return {
    json: options.json,
    logger,
    progress(task, done, total, unit) {
      const now = performance.now();
      if (done === 0 || started === 0) started = now;
      const finished = done >= total;
      if (!finished && now - lastDrawn < (terminal ? barRedrawIntervalMs : progressLogIntervalMs)) return;
      lastDrawn = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      if (!terminal) {
        logger.info('command_progress', { task, done, total, unit, ratePerSecond: rate });
        return;
      }
      const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`;
      streams.stderr.write(`\r${task} ${bar} ${done}/${total} ${unit} ${rate}/s${finished ? '\n' : ''}`);
    },
    report(value, text) {
      streams.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    },
    say(text) {
      if (!options.json) streams.stdout.write(`${text}\n`);
    },
    raw(text) {
      streams.stdout.write(text);
    },
  };
}
