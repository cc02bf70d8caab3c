// The field schemas every shape of the HTTP APIs is built from (TypeBox, so each is at once a
// JSON Schema for the validator and the OpenAPI document, and a TypeScript type through
// `Static`). Bounds come from limits.ts and identifier patterns from patterns.ts, as everywhere.
// A few shapes are written as plain JSON Schema (`Type.Unsafe`, typed by hand next to it) where
// TypeBox's own builder would publish a different schema than the documents always had: `oneOf`
// with null for a nullable field, a string `enum`, a map as `additionalProperties`, a `$ref` into
// `components.schemas`.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { descriptionLengthMax, eventCodeMax, eventCodeMin, pageLimitDefault, pageLimitMax } from '../limits.ts';
import { accountPatternSource, branchPatternSource } from '../patterns.ts';

/** The value or null; published as `oneOf: [schema, { type: 'null' }]`. */
export const nullable = <Schema extends TSchema>(schema: Schema, options: { description?: string } = {}) =>
  Type.Unsafe<Static<Schema> | null>({ oneOf: [schema, { type: 'null' }], ...options });

/** One of `values`, published as a string `enum`. */
export const textEnum = <const Value extends string>(values: readonly Value[], options: { default?: Value; description?: string } = {}) =>
  Type.Unsafe<Value>({ type: 'string', enum: [...values], ...options });

/** An object of any keys whose values are `schema` (`additionalProperties`). */
export const mapOf = <Schema extends TSchema>(schema: Schema, options: { description?: string } = {}) =>
  Type.Unsafe<Record<string, Static<Schema>>>({ type: 'object', additionalProperties: schema, ...options });

/** A reference to the shape published as `components.schemas[name]`, typed as that shape. */
export const schemaRef = <Schema extends TSchema>(name: string, _shape: Schema) =>
  Type.Unsafe<Static<Schema>>({ $ref: `#/components/schemas/${name}` });

/** The same schema with its own description (a parameter's, or a field's in one shape). */
export const described = <Schema extends TSchema>(schema: Schema, description: string): Schema => ({ ...schema, description });

export const uuid = Type.String({ format: 'uuid' });
export const calendarDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-24'] });
export const instant = Type.String({ format: 'date-time' });
export const branch = Type.String({ pattern: branchPatternSource, examples: ['0001'] });
export const account = Type.String({ pattern: accountPatternSource, examples: ['100001'] });
export const eventCode = Type.Integer({ minimum: eventCodeMin, maximum: eventCodeMax, examples: [494] });
export const amount = Type.String({ pattern: '^-?\\d+\\.\\d{2}$', description: 'Decimal string with two decimals, e.g. "12.00".', examples: ['12.00'] });
export const sequence = Type.String({ pattern: '^\\d+$', description: 'Insertion order; statements are ordered by (dateRef, seq).' });
export const debitCredit = textEnum(['D', 'C']);
export const postingStatus = textEnum(['posted', 'rejected']);
export const rejectionReason = nullable(Type.String({ description: 'The rejection code (R… registry) when rejected.' }));
export const accountStatus = textEnum(['active', 'blocked', 'closed']);
export const branchStatus = textEnum(['active', 'closed']);
export const eventDescription = Type.String({ minLength: 1, maxLength: descriptionLengthMax });
export const nextCursor = nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' }));

/** `limit` and `cursor` of every paged list. */
export const pageParameters = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: pageLimitMax, default: pageLimitDefault, description: 'Items per page.' })),
  cursor: Type.Optional(Type.String({ description: 'The `nextCursor` of the previous page (opaque).' })),
};
