// The event catalog admin (códigos de histórico), `flow:admin` only: list, get, create (409 when
// the code exists) and update description, active flag and allowed sides. It reads and writes
// the primary, so a change is visible to the admin at once and to the engine's next batch.
import { queryApiParameters, schemas } from '@flow/contracts';
import { createEvent, decodeCursor, encodeCursor, findEvent, listEvents, pageOf, updateEvent, type EventDefinition } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router, type Request } from 'express';
import { BodyFields } from '../http/body-fields.ts';
import { QueryParameters } from '../http/query-parameters.ts';
import { pageLimitDefault } from '../limits.ts';
import type { RouteDependencies } from './dependencies.ts';

export function eventRoutes(dependencies: RouteDependencies): Router {
  const { primaryDatabase, requireAdmin, jsonBody } = dependencies;
  const router = Router();

  router.get('/v1/events', requireAdmin, async (request, response) => {
    const query = QueryParameters.of(request, queryApiParameters.listEvents.query);
    const cursor = query.cursor();
    const limit = query.finish().limit ?? pageLimitDefault;
    const afterCode = cursor === undefined ? 0 : decodeCursor('events', cursor, ['code'] as const)[0];
    const rows = await listEvents(primaryDatabase, { limit: limit + 1, afterCode });
    response.json(pageOf(rows, limit, (last) => encodeCursor('events', [last.code])));
  });

  router.post('/v1/events', requireAdmin, jsonBody, async (request, response) => {
    const fields = new BodyFields(request.body, schemas.EventCreate).finish();
    const event: EventDefinition = { ...fields, active: fields.active ?? true };
    const created = await createEvent(primaryDatabase, event);
    if (created === null) throw new ApiError('conflict', { code: event.code });
    response.status(201).location(`/v1/events/${created.code}`).json(created);
  });

  router.get('/v1/events/:code', requireAdmin, async (request, response) => {
    const code = eventCodeOf(request);
    const event = await findEvent(primaryDatabase, code);
    if (event === null) throw new ApiError('not_found', { code });
    response.json(event);
  });

  router.patch('/v1/events/:code', requireAdmin, jsonBody, async (request, response) => {
    const code = eventCodeOf(request);
    const body = new BodyFields(request.body, schemas.EventUpdate);
    body.requireAny(request.body);
    const changes = body.finish();
    const updated = await updateEvent(primaryDatabase, code, changes);
    if (updated === null) throw new ApiError('not_found', { code });
    response.json(updated);
  });

  return router;
}

function eventCodeOf(request: Request): number {
  return QueryParameters.path(request, queryApiParameters.getEvent.path).finish().code;
}
