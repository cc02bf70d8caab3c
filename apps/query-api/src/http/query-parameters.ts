// Reads and checks the query string (and path parameters) of one request. Like the config
// reader, it collects every problem before answering, so a client sees all bad parameters in
// one 400 `query_invalid`, each in its `errors[]` with the pointer `/query/<name>` or
// `/path/<name>` (the parameters seen as one JSON document), including names the route does not
// know.
import {
  accountPattern,
  branchPattern,
  errorsDetail,
  isCalendarDate,
  isProducer,
  jsonPointer,
  limits,
  uuidPattern,
  type ProblemError,
  type ValidationCode,
} from '@flow/contracts';
import { daysBetween } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import type { Request } from 'express';
import { openCursor } from './cursor-seal.ts';
import { dateRangeDaysMax, pageLimitDefault, pageLimitMax } from '../limits.ts';

/** Where a parameter comes from: the first token of its pointer. */
export type ParameterLocation = 'query' | 'path' | 'header';

export interface DateRange {
  readonly from: string;
  readonly to: string;
}

const integerPattern = /^\d{1,9}$/;
/** RFC 3339 date-time; at most microseconds, PostgreSQL's precision, so none is lost. */
const instantPattern = /^(\d{4}-\d{2}-\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** Longer than any cursor this API issues (a few dozen bytes), short enough to never cost a thing. */
const cursorLengthMax = 512;

export class QueryParameters {
  readonly #values: Readonly<Record<string, unknown>>;
  readonly #problems: ProblemError[] = [];
  readonly #location: ParameterLocation;
  #request: Request | undefined;

  /** `known` are the names the route accepts; any other name in `values` is a problem. */
  constructor(values: Readonly<Record<string, unknown>>, known: readonly string[], location: ParameterLocation = 'query') {
    this.#values = values;
    this.#location = location;
    for (const name of Object.keys(values)) {
      if (!known.includes(name)) this.problem(name, 'unknown parameter', 'field_unknown');
    }
  }

  /** The query string of `request`, restricted to `known` names. */
  static of(request: Request, known: readonly string[]): QueryParameters {
    const parameters = new QueryParameters(request.query as Record<string, unknown>, known);
    parameters.#request = request;
    return parameters;
  }

  problem(parameter: string, message: string, code: ValidationCode = 'value_invalid'): void {
    this.#problems.push({ pointer: jsonPointer(this.#location, parameter), code, message });
  }

  /** A single text value, or undefined when absent; repeated values are a problem. */
  text(name: string, required = false): string | undefined {
    const value = this.#values[name];
    if (value === undefined || value === '') {
      if (required) this.problem(name, 'required', 'field_required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problem(name, 'give it once, as a single value');
      return undefined;
    }
    return value;
  }

  matching(name: string, pattern: RegExp, expected: string, required = false): string | undefined {
    const value = this.text(name, required);
    if (value !== undefined && !pattern.test(value)) this.problem(name, `must be ${expected}`);
    return value !== undefined && pattern.test(value) ? value : undefined;
  }

  branch(name = 'branch', required = false): string | undefined {
    return this.matching(name, branchPattern, `1 to ${limits.branchLengthMax} letters or digits`, required);
  }

  account(name = 'account', required = false): string | undefined {
    return this.matching(name, accountPattern, `1 to ${limits.accountLengthMax} letters or digits`, required);
  }

  uuid(name: string, required = false): string | undefined {
    return this.matching(name, uuidPattern, 'a UUID', required)?.toLowerCase();
  }

  integer(name: string, min: number, max: number, required = false): number | undefined {
    const value = this.text(name, required);
    if (value === undefined) return undefined;
    const parsed = integerPattern.test(value) ? Number(value) : Number.NaN;
    if (!(parsed >= min && parsed <= max)) {
      this.problem(name, `must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return parsed;
  }

  /** One of `values`, or undefined when absent. */
  oneOf<const Value extends string>(name: string, values: readonly Value[]): Value | undefined {
    const value = this.text(name);
    if (value === undefined || (values as readonly string[]).includes(value)) return value as Value | undefined;
    this.problem(name, `must be one of: ${values.join(', ')}`);
    return undefined;
  }

  /** A producer as ingest stamps it (a token's client_id or subject). */
  producer(name = 'producer'): string | undefined {
    const value = this.text(name, false);
    if (value !== undefined && !isProducer(value)) {
      this.problem(name, `must be 1 to ${limits.producerLengthMax} characters`);
      return undefined;
    }
    return value;
  }

  eventCode(name = 'eventCode', required = false): number | undefined {
    return this.integer(name, limits.eventCodeMin, limits.eventCodeMax, required);
  }

  date(name: string, required = false): string | undefined {
    const value = this.text(name, required);
    if (value !== undefined && !isCalendarDate(value)) {
      this.problem(name, 'must be a calendar date "YYYY-MM-DD"');
      return undefined;
    }
    return value;
  }

  /**
   * An instant, RFC 3339 with its offset (`2026-11-24T18:00:00-03:00`), not in the future: the
   * ledger's state at a later instant is not known yet. Returned as given, for PostgreSQL to parse.
   */
  instant(name: string): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const match = instantPattern.exec(value);
    if (match === null || !isCalendarDate(match[1]!) || Number.isNaN(Date.parse(value))) {
      this.problem(name, 'must be an RFC 3339 timestamp with its offset, e.g. "2026-11-24T18:00:00-03:00"');
      return undefined;
    }
    if (Date.parse(value) > Date.now()) {
      this.problem(name, 'must not be in the future');
      return undefined;
    }
    return value;
  }

  /** `from` and `to`, both optional unless `required`; when both are given, a bounded range. */
  dateRange(required: boolean): Partial<DateRange> {
    const from = this.date('from', required);
    const to = this.date('to', required);
    if (from !== undefined && to !== undefined) {
      const days = daysBetween(from, to) + 1;
      if (days < 1) this.problem('to', 'must not be before from');
      else if (days > dateRangeDaysMax) this.problem('to', `the range may span at most ${dateRangeDaysMax} days`);
    }
    return { from, to };
  }

  /** Rows per page: `pageLimitDefault` when absent, at most `pageLimitMax`. */
  limit(): number {
    return this.integer('limit', 1, pageLimitMax) ?? pageLimitDefault;
  }

  /**
   * The query position inside the signed cursor, once its signature and binding to this request
   * are checked (400 `cursor_invalid` otherwise); the query then checks the position's fields.
   */
  cursor(): string | undefined {
    const value = this.text('cursor');
    if (value !== undefined && value.length > cursorLengthMax) {
      this.problem('cursor', 'is not a cursor this API issued');
      return undefined;
    }
    if (value === undefined || this.#request === undefined) return value;
    return openCursor(this.#request, value);
  }

  /** Takes over the problems `other` found (path parameters), so one answer lists them all. */
  include(other: QueryParameters): void {
    this.#problems.push(...other.#problems);
  }

  /** Throws 400 `query_invalid` listing the problems found so far (the first `errorItemsMax`). */
  finish(): void {
    if (this.#problems.length === 0) return;
    const errorsTotal = this.#problems.length;
    throw new ApiError('query_invalid', undefined, {}, { detail: errorsDetail(errorsTotal, 'parameter'), errors: this.#problems, errorsTotal });
  }
}

/** Throws 400 `query_invalid` for one parameter a route refuses after its own checks. */
export function refuseParameter(location: ParameterLocation, parameter: string, message: string): never {
  const parameters = new QueryParameters({}, [], location);
  parameters.problem(parameter, message);
  parameters.finish();
  throw new Error('unreachable: finish() throws with a problem recorded');
}

/** Path parameters go through the same checks; they are never "unknown". */
export function pathParameters(request: Request): QueryParameters {
  const values = request.params as Record<string, string>;
  return new QueryParameters(values, Object.keys(values), 'path');
}
