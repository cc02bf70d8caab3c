// JSON logs, one line per event, on stdout (winston). Every line carries the service, a stable
// message `code` with its `number` (the L… family of libs/contracts' registry) and the fields
// of the event; lines about a posting carry its `traceKey`, lines about a request its
// `requestId`. When tracing is on, the active Datadog trace and span ids are added as `dd`, so
// logs and traces correlate.
import { logCodes, type LogCode } from '@flow/contracts';
import winston from 'winston';
import { activeTraceIds } from './tracing.ts';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const logLevels: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  error(code: LogCode, fields?: LogFields): void;
  warn(code: LogCode, fields?: LogFields): void;
  info(code: LogCode, fields?: LogFields): void;
  debug(code: LogCode, fields?: LogFields): void;
  /** A logger whose lines all carry `fields` too (e.g. the request id). */
  child(fields: LogFields): Logger;
  isDebugEnabled(): boolean;
}

export interface LoggerOptions {
  readonly service: string;
  readonly level: LogLevel;
  /** Where lines go; stdout by default. Tests pass a stream to read the lines back. */
  readonly stream?: NodeJS.WritableStream;
}

const addTraceIds = winston.format((info) => {
  const ids = activeTraceIds();
  if (ids !== undefined) info.dd = ids;
  return info;
});

export function createLogger(options: LoggerOptions): Logger {
  const transport = options.stream === undefined
    ? new winston.transports.Console()
    : new winston.transports.Stream({ stream: options.stream });
  const base = winston.createLogger({
    level: options.level,
    defaultMeta: { service: options.service },
    format: winston.format.combine(winston.format.timestamp(), addTraceIds(), winston.format.json()),
    transports: [transport],
  });
  return wrap(base);
}

function wrap(base: winston.Logger): Logger {
  const write = (level: LogLevel) => (code: LogCode, fields: LogFields = {}) => {
    const definition = logCodes[code];
    base.log(level, definition.message, { code, number: definition.number, ...fields });
  };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: (fields) => wrap(base.child(fields)),
    isDebugEnabled: () => base.isLevelEnabled('debug'),
  };
}

/** Describes an error for a log line: name, message, code and stack, never the raw object. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return { error: { name: error.name, message: error.message, code, stack: error.stack } };
}

/** Distinct traceKeys listed in one log line about many postings; the count says how many in all. */
export const logTraceKeysMax = 20;

/**
 * The log fields of a line about many postings, the same in every service: the first
 * `logTraceKeysMax` distinct traceKeys and how many there are, so a producer's traceKey finds
 * the request or batch that carried it.
 */
/** The log fields of a line about postings of many requests: their distinct W3C trace ids, bounded like traceKeys. */
export function traceIdFields(items: readonly { readonly traceId?: string }[]): { traceIds: string[]; traceIdCount: number } {
  const distinct = [...new Set(items.flatMap(({ traceId }) => (traceId === undefined ? [] : [traceId])))];
  return { traceIds: distinct.slice(0, logTraceKeysMax), traceIdCount: distinct.length };
}

export function traceKeyFields(items: readonly { readonly traceKey: string }[]): { traceKeys: string[]; traceKeyCount: number } {
  const distinct = [...new Set(items.map(({ traceKey }) => traceKey))];
  return { traceKeys: distinct.slice(0, logTraceKeysMax), traceKeyCount: distinct.length };
}
