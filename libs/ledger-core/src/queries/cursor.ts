// The one paging module: opaque page cursors and the page cut. A cursor is base64url JSON
// tagged with the query it belongs to, so a statement cursor handed to the search is refused
// instead of silently misread. query-api signs each cursor and binds it to its request; the
// position inside is still checked field by field here (type, format, range), so even a cursor
// signed with a leaked key cannot reach the database with a value it would refuse (a 500).
import { isCalendarDate } from '@flow/contracts';

export class CursorError extends Error {
  readonly code = 'cursor_invalid';
}

/** What a position field may hold: each checked on decoding, before any query sees it. */
export type CursorField = 'date' | 'seq' | 'code' | 'text';
type FieldValue<Field> = Field extends 'code' ? number : string;

/** The largest `bigint` PostgreSQL stores: a seq beyond it would fail the query (22003). */
const seqMax = 9_223_372_036_854_775_807n;
/** The largest `integer`: event codes are one. */
const codeMax = 2_147_483_647;
/** Longer than any key a cursor carries (branch, account). */
const textLengthMax = 64;
const seqPattern = /^(0|[1-9]\d{0,18})$/;

/** A page of `limit` items from rows fetched with `limit + 1`: the extra row says there is more. */
export interface Page<Item> {
  readonly items: Item[];
  readonly nextCursor: string | null;
}

/** Cuts the extra row fetched to learn whether another page exists. */
export function pageOf<Item>(rows: Item[], limit: number, cursorOf: (last: Item) => string): Page<Item> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: cursorOf(items[items.length - 1]!) };
}

export function encodeCursor(kind: string, position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...position])).toString('base64url');
}

/** The position stored in `cursor`, checked against the expected kind and each field's form. */
export function decodeCursor<const Fields extends readonly CursorField[]>(
  kind: string, cursor: string, fields: Fields,
): { [K in keyof Fields]: FieldValue<Fields[K]> } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('the cursor is not one this API issued');
  }
  if (!Array.isArray(decoded) || decoded[0] !== kind || decoded.length !== fields.length + 1) {
    throw new CursorError(`the cursor does not belong to this ${kind} query`);
  }
  const position = decoded.slice(1);
  position.forEach((value: unknown, index) => {
    if (!fieldValid(fields[index]!, value)) throw new CursorError('the cursor is damaged');
  });
  return position as never;
}

function fieldValid(field: CursorField, value: unknown): boolean {
  if (field === 'code') return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= codeMax;
  if (typeof value !== 'string') return false;
  switch (field) {
    case 'date':
      return isCalendarDate(value);
    case 'seq':
      return seqPattern.test(value) && BigInt(value) <= seqMax;
    case 'text':
      return value.length <= textLengthMax && value.isWellFormed() && !value.includes('\u0000');
  }
}
