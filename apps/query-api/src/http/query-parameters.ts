// Checks the query string (and path parameters) of one request against the operation's schema in
// @flow/contracts (schemas/parameters.ts, the one the OpenAPI document lists). Like the config
// reader, it collects every problem before answering, so a client sees all bad parameters in one
// 400 `query_invalid`, each in its `errors[]` with the pointer `/query/<name>` or `/path/<name>`
// (the parameters seen as one JSON document), including names the route does not know.
//
// The rules a schema cannot say are the methods here, run by the routes after the schema: a date
// range's order and span, an instant not in the future, a cursor this API signed.
import {
  checkParameters,
  errorsDetail,
  jsonPointer,
  type ParameterLocation,
  type ProblemError,
  type Static,
  type TObject,
  type ValidationCode,
} from '@flow/contracts';
import { daysBetween } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import type { Request } from 'express';
import { openCursor } from './cursor-seal.ts';
import { dateRangeDaysMax } from '../limits.ts';

export type { ParameterLocation };

/** Longer than any cursor this API issues (a few dozen bytes), short enough to never cost a thing. */
const cursorLengthMax = 512;

export class QueryParameters<Schema extends TObject = TObject> {
  /** The values that passed the schema; a bad or absent one is undefined. */
  readonly values: Partial<Static<Schema>>;
  readonly #raw: Readonly<Record<string, unknown>>;
  readonly #problems: ProblemError[];
  readonly #location: ParameterLocation;
  readonly #request: Request | undefined;

  constructor(schema: Schema, raw: Readonly<Record<string, unknown>>, location: ParameterLocation, request?: Request) {
    const checked = checkParameters(schema, raw, location);
    this.values = checked.values;
    this.#problems = checked.problems;
    this.#raw = raw;
    this.#location = location;
    this.#request = request;
  }

  /** The query string of `request`, checked against `schema`. */
  static of<Schema extends TObject>(request: Request, schema: Schema): QueryParameters<Schema> {
    return new QueryParameters(schema, request.query as Record<string, unknown>, 'query', request);
  }

  /** The path parameters of `request`, checked against `schema`; they are never "unknown". */
  static path<Schema extends TObject>(request: Request, schema: Schema): QueryParameters<Schema> {
    return new QueryParameters(schema, request.params as Record<string, string>, 'path', request);
  }

  problem(parameter: string, message: string, code: ValidationCode = 'value_invalid'): void {
    this.#problems.push({ pointer: jsonPointer(this.#location, parameter), code, message });
  }

  /** Whether the request named `name` at all, valid or not. */
  given(name: string): boolean {
    const value = this.#raw[name];
    return value !== undefined && value !== '';
  }

  /** `from` ≤ `to`, spanning at most `dateRangeDaysMax` days, when both are valid dates. */
  checkDateRange(): void {
    const { from, to } = this.values as { from?: string; to?: string };
    if (from === undefined || to === undefined) return;
    const days = daysBetween(from, to) + 1;
    if (days < 1) this.problem('to', 'must not be before from');
    else if (days > dateRangeDaysMax) this.problem('to', `the range may span at most ${dateRangeDaysMax} days`);
  }

  /** An instant the schema accepted is refused when in the future: the ledger's state then is not known yet. */
  checkNotFuture(name: string): void {
    const value = (this.values as Record<string, unknown>)[name];
    if (typeof value === 'string' && Date.parse(value) > Date.now()) this.problem(name, 'must not be in the future');
  }

  /**
   * The query position inside the signed cursor, once its signature and binding to this request
   * are checked (400 `cursor_invalid` otherwise); the query then checks the position's fields.
   */
  cursor(): string | undefined {
    const value = (this.values as { cursor?: string }).cursor;
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

  /** Throws 400 `query_invalid` listing the problems found so far; else the checked values. */
  finish(): Static<Schema> {
    if (this.#problems.length > 0) {
      const errorsTotal = this.#problems.length;
      throw new ApiError('query_invalid', undefined, {}, { detail: errorsDetail(errorsTotal, 'parameter'), errors: this.#problems, errorsTotal });
    }
    return this.values as Static<Schema>;
  }
}

/** Throws 400 `query_invalid` for one parameter a route refuses after its own checks. */
export function refuseParameter(location: ParameterLocation, parameter: string, message: string): never {
  const errors: ProblemError[] = [{ pointer: jsonPointer(location, parameter), code: 'value_invalid', message }];
  throw new ApiError('query_invalid', undefined, {}, { detail: errorsDetail(1, 'parameter'), errors, errorsTotal: 1 });
}
