// Signed, bound cursors. Every `nextCursor` this API answers is the query's position followed
// by an HMAC-SHA256 over it and over the request that issued it: the method, the path (route and
// path parameters) and every query parameter except `limit` and `cursor`. A cursor is accepted
// only on a request with that same binding and under one of the configured keys, so a tampered
// cursor, one from another account or filter, or one signed with a retired key is 400
// `cursor_invalid` before any query runs. Key rotation: the first key signs, every key verifies.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CursorError } from '@flow/ledger-core';
import type { Request, RequestHandler } from 'express';

/** Bytes of a key generated when none is configured (one process, cursors die with it). */
const generatedKeyBytes = 32;
/** The parameters a cursor is not bound to: the page size may change from page to page. */
const unboundParameters = new Set(['limit', 'cursor']);
const macLabel = 'flow-cursor-v1';

export class CursorSeal {
  readonly #keys: readonly Buffer[];

  /** `keys[0]` signs; every key verifies. At least one key. */
  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new Error('a cursor seal needs at least one key');
    this.#keys = keys.map((key) => Buffer.from(key, 'utf8'));
  }

  /** A seal with a random key: for a single process whose cursors need not outlive it. */
  static generated(): CursorSeal {
    return new CursorSeal([randomBytes(generatedKeyBytes).toString('base64url')]);
  }

  seal(binding: string, position: string): string {
    return `${position}.${mac(this.#keys[0]!, binding, position).toString('base64url')}`;
  }

  /** The position inside `cursor` when it was sealed for `binding` under a known key. */
  open(binding: string, cursor: string): string {
    const dot = cursor.lastIndexOf('.');
    if (dot <= 0) throw new CursorError('the cursor is not one this API issued');
    const position = cursor.slice(0, dot);
    const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const known = this.#keys.some((key) => {
      const expected = mac(key, binding, position);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!known) throw new CursorError('the cursor was not issued for this query, or was altered');
    return position;
  }
}

function mac(key: Buffer, binding: string, position: string): Buffer {
  return createHmac('sha256', key).update(`${macLabel}\n${binding}\n${position}`).digest();
}

/** What a cursor of `request` is bound to: method, path and filters (not the page size). */
export function cursorBinding(request: Pick<Request, 'method' | 'path' | 'query'>): string {
  const query = request.query as Record<string, unknown>;
  const filters = Object.keys(query)
    .filter((name) => !unboundParameters.has(name))
    .sort()
    .map((name) => [name, query[name]]);
  return JSON.stringify([request.method, request.path, filters]);
}

const seals = new WeakMap<Request, CursorSeal>();

/**
 * Mounted before the routes: seals every `nextCursor` the request answers (and names the next
 * page in a `Link: <…>; rel="next"` header, RFC 8288), and lets `openCursor` (the query
 * parameters' `cursor()`) check the one it brings.
 */
export function cursorSealing(seal: CursorSeal): RequestHandler {
  return (request, response, next) => {
    seals.set(request, seal);
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      if (typeof body === 'object' && body !== null && typeof (body as { nextCursor?: unknown }).nextCursor === 'string') {
        const position = (body as { nextCursor: string }).nextCursor;
        const nextCursor = seal.seal(cursorBinding(request), position);
        response.setHeader('Link', `<${nextPageReference(request, nextCursor)}>; rel="next"`);
        return json({ ...body, nextCursor });
      }
      return json(body);
    };
    next();
  };
}

/** The request's own path and query with `cursor` replaced: the RFC 8288 `next` link, relative. */
function nextPageReference(request: Request, cursor: string): string {
  const url = new URL(request.originalUrl, 'http://flow.invalid');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

/** The query position of the cursor `request` brings; CursorError when it is not its own. */
export function openCursor(request: Request, cursor: string): string {
  const seal = seals.get(request);
  if (seal === undefined) throw new Error('cursorSealing is not mounted before this route');
  return seal.open(cursorBinding(request), cursor);
}
