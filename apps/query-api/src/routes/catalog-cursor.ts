// Opaque cursors of the catalog lists, in the same form as ledger-core's (base64url JSON tagged
// with the list it belongs to) and refused the same way, with a CursorError (400
// `cursor_invalid`). The catalog functions page by key; this turns a key into a cursor and back.
import { CursorError } from '@flow/ledger-core';

export function encodeCatalogCursor(kind: 'events' | 'accounts', key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

export function decodeEventsCursor(cursor: string): number {
  const [code] = decode('events', cursor, 1);
  if (!Number.isSafeInteger(code)) throw new CursorError('the cursor is damaged');
  return code as number;
}

export function decodeAccountsCursor(cursor: string): { branch: string; account: string } {
  const [branch, account] = decode('accounts', cursor, 2);
  if (typeof branch !== 'string' || typeof account !== 'string') throw new CursorError('the cursor is damaged');
  return { branch, account };
}

function decode(kind: string, cursor: string, length: number): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('the cursor is not one this API issued');
  }
  if (!Array.isArray(decoded) || decoded[0] !== kind || decoded.length !== length + 1) {
    throw new CursorError(`the cursor does not belong to this ${kind} query`);
  }
  return decoded.slice(1);
}

/** A page of `limit` items from rows fetched with `limit + 1`: the extra row says there is more. */
export function catalogPage<Item>(rows: Item[], limit: number, cursorOf: (last: Item) => string): { items: Item[]; nextCursor: string | null } {
  const full = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items, nextCursor: full && items.length > 0 ? cursorOf(items[items.length - 1]!) : null };
}
