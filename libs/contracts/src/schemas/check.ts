// Checks a request's parameters or JSON body against its schema (parameters.ts, responses.ts) and
// answers in the `errors[]` shape: one `{ pointer, code, message }` per bad name, unknown names
// first, then in the schema's order. Ajv 8 runs the schemas (decision 0006 has the measurement);
// the message is written from the schema of the field ("must be an integer from 1 to 500"), never
// Ajv's own wording, so it reads the same whichever keyword failed.
//
// What JSON Schema cannot say is code here or beside the route, not a schema keyword: a calendar
// date that exists, an instant with its offset (the `date`, `uuid` and `date-time` formats are the
// functions below), text PostgreSQL can store (every string, checked after the schema), and the
// cross-field rules the routes keep (date ranges, cursors, "give at least one field").
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { textStorable } from '../exact-json.ts';
import { accountLengthMax, branchLengthMax } from '../limits.ts';
import { accountPatternSource, branchPatternSource, uuidPattern } from '../patterns.ts';
import { isCalendarDate } from '../posting.ts';
import { jsonPointer, type ProblemError } from '../problems.ts';

/** RFC 3339 date-time with its offset; at most microseconds, PostgreSQL's precision, so none is lost. */
const instantPattern = /^(\d{4}-\d{2}-\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isInstant(value: string): boolean {
  const match = instantPattern.exec(value);
  return match !== null && isCalendarDate(match[1]!) && !Number.isNaN(Date.parse(value));
}

/** The formats the documents use, as Flow checks them. */
export const schemaFormats: Readonly<Record<string, (value: string) => boolean>> = {
  date: isCalendarDate,
  uuid: (value) => uuidPattern.test(value),
  'date-time': isInstant,
};

/** What a value of each identifier pattern looks like, for the message of a value that is not one. */
const patternMeanings: Readonly<Record<string, string>> = {
  [branchPatternSource]: `1 to ${branchLengthMax} letters or digits`,
  [accountPatternSource]: `1 to ${accountLengthMax} letters or digits`,
  '^\\d{1,18}$': 'an outcome position (digits)',
};

let ajv: Ajv | undefined;
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** One Ajv for every schema, made on first use (nothing happens at import time). */
export function schemaValidator(): Ajv {
  ajv ??= new Ajv({ allErrors: true, strict: true, formats: schemaFormats });
  return ajv;
}

function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = schemaValidator().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** What a value of `schema` must be, as the end of "must be …". */
export function expectation(schema: Readonly<Record<string, unknown>>): string {
  const { type, format, pattern, minimum, maximum, minLength, maxLength } = schema;
  if (Array.isArray(schema.oneOf)) {
    const choices = (schema.oneOf as Record<string, unknown>[]).map(expectation);
    return choices.sort((one, other) => Number(other === 'null') - Number(one === 'null')).join(' or ');
  }
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(', ')}`;
  if (type === 'null') return 'null';
  if (type === 'boolean') return 'true or false';
  if (type === 'integer') return `an integer from ${String(minimum)} to ${String(maximum)}`;
  if (format === 'date') return 'a calendar date "YYYY-MM-DD"';
  if (format === 'uuid') return 'a UUID';
  if (format === 'date-time') return 'an RFC 3339 timestamp with its offset, e.g. "2026-11-24T18:00:00-03:00"';
  if (typeof pattern === 'string') return patternMeanings[pattern] ?? `a text matching ${pattern}`;
  if (minLength !== undefined && maxLength !== undefined) return `${String(minLength)} to ${String(maxLength)} characters`;
  if (maxLength !== undefined) return `a string of at most ${String(maxLength)} characters`;
  return `of type ${String(type)}`;
}

export interface Checked<Schema extends TObject> {
  /** The values that passed, by name; a bad one is absent (its problem is in `problems`). */
  readonly values: Partial<Static<Schema>>;
  readonly problems: ProblemError[];
}

/**
 * Checks `values` (an object) against `schema`. `pointerTo` makes a name's pointer (`/query/limit`,
 * `/code`); `unknown` is the message for a name the schema does not have.
 */
export function checkFields<Schema extends TObject>(
  schema: Schema, values: Readonly<Record<string, unknown>>, pointerTo: (name: string) => string, unknown: string,
): Checked<Schema> {
  return checkInto(schema, values, new Map(), { pointerTo, unknown, names: Object.keys(values) });
}

/**
 * Checks a query string or path parameters against `schema`: every value arrives as text, so an
 * integer parameter is read as one first (digits only: no sign, exponent or spaces); an empty
 * value is absent, and a repeated one (`?limit=1&limit=2`) is a problem of its own.
 */
export function checkParameters<Schema extends TObject>(
  schema: Schema, raw: Readonly<Record<string, unknown>>, location: string,
): Checked<Schema> {
  const bad = new Map<string, Omit<ProblemError, 'pointer'>>();
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') bad.set(name, { code: 'value_invalid', message: 'give it once, as a single value' });
    else values[name] = (schema.properties[name] as { type?: string } | undefined)?.type === 'integer' && integerText.test(value) ? Number(value) : value;
  }
  return checkInto(schema, values, bad, { pointerTo: parameterPointer(location), unknown: 'unknown parameter', names: Object.keys(raw) });
}

const integerText = /^\d{1,9}$/;

interface CheckOptions {
  readonly pointerTo: (name: string) => string;
  readonly unknown: string;
  /** Every name the request gave, in its order: unknown ones are answered first, in this order. */
  readonly names: readonly string[];
}

function checkInto<Schema extends TObject>(
  schema: Schema, values: Record<string, unknown>, bad: Map<string, Omit<ProblemError, 'pointer'>>, options: CheckOptions,
): Checked<Schema> {
  const known = Object.keys(schema.properties);
  const unknownNames = options.names.filter((name) => !known.includes(name));
  for (const name of unknownNames) bad.set(name, { code: 'field_unknown', message: options.unknown });
  const validate = validatorOf(schema);
  if (!validate(values)) for (const error of validate.errors!) record(schema, error, bad);
  for (const [name, value] of Object.entries(values)) {
    if (!bad.has(name) && typeof value === 'string' && !textStorable(value)) {
      bad.set(name, { code: 'value_invalid', message: 'must not contain NUL (U+0000) or unpaired surrogates' });
    }
  }
  const problems = [...unknownNames, ...known].filter((name) => bad.has(name)).map((name) => ({ pointer: options.pointerTo(name), ...bad.get(name)! }));
  const passed = Object.fromEntries(Object.entries(values).filter(([name]) => known.includes(name) && !bad.has(name)));
  return { values: passed as Partial<Static<Schema>>, problems };
}

/** Records the first problem of each name; the route's own rules speak for the whole object. */
function record(schema: TObject, error: ErrorObject, bad: Map<string, Omit<ProblemError, 'pointer'>>): void {
  if (error.keyword === 'additionalProperties' || error.keyword === 'minProperties') return;
  if (error.keyword === 'required') {
    const name = (error.params as { missingProperty: string }).missingProperty;
    if (!bad.has(name)) bad.set(name, { code: 'field_required', message: 'required' });
    return;
  }
  const name = error.instancePath.split('/')[1]?.replaceAll('~1', '/').replaceAll('~0', '~');
  const property = name === undefined ? undefined : schema.properties[name];
  if (name === undefined || property === undefined || bad.has(name)) return;
  bad.set(name, { code: 'value_invalid', message: `must be ${expectation(property as Record<string, unknown>)}` });
}

/** The pointer of a parameter: into the request's parameters seen as `{ "query": {...}, "path": {...} }`. */
export const parameterPointer = (location: string) => (name: string) => jsonPointer(location, name);
/** The pointer of a body field. */
export const fieldPointer = (name: string) => jsonPointer(name);
