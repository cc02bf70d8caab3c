// Opaque page cursors: base64url JSON tagged with the query they belong to, so a statement
// cursor handed to the search is refused instead of silently misread.

export class CursorError extends Error {
  readonly code = 'cursor_invalid';
}

export function encodeCursor(kind: string, position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...position])).toString('base64url');
}

/** The position stored in `cursor`, checked against the expected kind and field types. */
export function decodeCursor<const Types extends readonly ('string' | 'number')[]>(
  kind: string, cursor: string, types: Types,
): { [K in keyof Types]: Types[K] extends 'number' ? number : string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('the cursor is not one this API issued');
  }
  if (!Array.isArray(decoded) || decoded[0] !== kind || decoded.length !== types.length + 1) {
    throw new CursorError(`the cursor does not belong to this ${kind} query`);
  }
  const position = decoded.slice(1);
  position.forEach((value, index) => {
    if (typeof value !== types[index]) throw new CursorError('the cursor is damaged');
  });
  return position as never;
}
