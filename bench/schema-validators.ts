// The posting contract's structural rules (types, patterns, lengths, the code range, no unknown
// fields) checked by schema libraries, for the validator benchmark: the published OpenAPI
// `PostingRequest` schema compiled by Ajv 8, and the same shape as a TypeBox type compiled by
// TypeBox's own TypeCompiler. Neither checks what JSON Schema cannot say — `details` size, depth
// and exact numbers, storable text, calendar dates, amount normalization — so each does less
// than validatePostingDraft; the figures are an upper bound of what a schema library would save.
import {
  accountPatternSource,
  branchPatternSource,
  buildOpenApiDocument,
  InexactNumber,
  isCalendarDate,
  limits,
  textStorable,
  uuidPatternSource,
} from '@flow/contracts';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Ajv } from 'ajv';

const nullableText = (pattern: string) => Type.Union([Type.String({ pattern }), Type.Null()]);

/** The posting draft as a TypeBox type: what the OpenAPI schema says, written once in TypeScript. */
const postingDraft = Type.Object({
  id: Type.Optional(nullableText(uuidPatternSource)),
  traceKey: Type.Optional(nullableText(uuidPatternSource)),
  branch: Type.String({ pattern: branchPatternSource }),
  account: Type.String({ pattern: accountPatternSource }),
  amount: Type.String({ pattern: '^(?=[0.]*[1-9])0*\\d{1,13}(\\.\\d{1,2})?$' }),
  debitCredit: Type.Union([Type.Literal('D'), Type.Literal('C')]),
  eventCode: Type.Integer({ minimum: limits.eventCodeMin, maximum: limits.eventCodeMax }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: limits.descriptionLengthMax }), Type.Null()])),
  details: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  dateRef: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
}, { additionalProperties: false });

export interface SchemaValidator {
  readonly name: string;
  readonly accepts: (posting: unknown) => boolean;
}

/**
 * What the schema cannot say, as the contract checks it (posting.ts): storable description,
 * calendar date, `details` bytes, depth, storable keys and strings, exact numbers. With it a
 * schema library does the contract's whole work (but for the amount's normalization and the
 * specific V-code of each failure).
 */
function beyondTheSchema(input: unknown): boolean {
  const { description, dateRef, details } = input as { description?: unknown; dateRef: string; details?: unknown };
  if (typeof description === 'string' && !textStorable(description)) return false;
  if (!isCalendarDate(dateRef)) return false;
  if (details === undefined || details === null) return true;
  if (Buffer.byteLength(JSON.stringify(details)) > limits.detailsBytesMax) return false;
  const pending: [unknown, number][] = [[details, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value instanceof InexactNumber || (typeof value === 'string' && !textStorable(value))) return false;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.detailsDepthMax) return false;
    for (const [key, child] of Object.entries(value)) {
      if (!textStorable(key)) return false;
      pending.push([child, depth + 1]);
    }
  }
  return true;
}

export function schemaValidators(): SchemaValidator[] {
  const typeboxCheck = TypeCompiler.Compile(postingDraft);
  // allErrors: like the contract, a client is told every bad field at once.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const document = buildOpenApiDocument('ingest') as { components: { schemas: Record<string, object> } };
  const ajvCheck = ajv.compile(document.components.schemas.PostingRequest!);
  return [
    { name: 'TypeBox TypeCompiler (structure only)', accepts: (posting) => typeboxCheck.Check(posting) },
    { name: 'Ajv 8, the OpenAPI schema (structure only)', accepts: (posting) => ajvCheck(posting) },
    { name: 'TypeBox + the checks beyond a schema', accepts: (posting) => typeboxCheck.Check(posting) && beyondTheSchema(posting) },
    { name: 'Ajv 8 + the checks beyond a schema', accepts: (posting) => ajvCheck(posting) && beyondTheSchema(posting) },
  ];
}
