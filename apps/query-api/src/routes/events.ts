// The event catalog admin (códigos de histórico), `flow:admin` only: list, get, create (409 when
// the code exists) and update description, active flag and allowed sides. It reads and writes
// the primary, so a change is visible to the admin at once and to the engine's next batch.
import { limits } from '@flow/contracts';
import { createEvent, decodeCursor, encodeCursor, findEvent, listEvents, pageOf, updateEvent, type EventDefinition } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router, type Request } from 'express';
import { BodyFields } from '../http/body-fields.ts';
import { pathParameters, QueryParameters } from '../http/query-parameters.ts';
import type { RouteDependencies } from './dependencies.ts';

const eventFields = ['code', 'description', 'active', 'allowDebit', 'allowCredit'];
const eventChanges = ['description', 'active', 'allowDebit', 'allowCredit'];
const descriptionPattern = new RegExp(`^.{1,${limits.descriptionLengthMax}}$`, 'su');
const descriptionExpected = `a text of 1 to ${limits.descriptionLengthMax} characters`;

export function eventRoutes(dependencies: RouteDependencies): Router {
  const { primaryDatabase, requireAdmin, jsonBody } = dependencies;
  const router = Router();

  router.get('/v1/events', requireAdmin, async (request, response) => {
    const query = QueryParameters.of(request, ['limit', 'cursor']);
    const limit = query.limit();
    const cursor = query.cursor();
    query.finish();
    const afterCode = cursor === undefined ? 0 : decodeCursor('events', cursor, ['code'] as const)[0];
    const rows = await listEvents(primaryDatabase, { limit: limit + 1, afterCode });
    response.json(pageOf(rows, limit, (last) => encodeCursor('events', [last.code])));
  });

  router.post('/v1/events', requireAdmin, jsonBody, async (request, response) => {
    const body = new BodyFields(request.body, eventFields);
    const code = body.integer('code', limits.eventCodeMin, limits.eventCodeMax, true);
    const description = body.text('description', descriptionPattern, descriptionExpected, true);
    const active = body.boolean('active', false) ?? true;
    const allowDebit = body.boolean('allowDebit', true);
    const allowCredit = body.boolean('allowCredit', true);
    body.finish();
    const event: EventDefinition = { code: code!, description: description!, active, allowDebit: allowDebit!, allowCredit: allowCredit! };
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
    const body = new BodyFields(request.body, eventChanges);
    body.requireAny(eventChanges);
    const changes = {
      description: body.text('description', descriptionPattern, descriptionExpected, false),
      active: body.boolean('active', false),
      allowDebit: body.boolean('allowDebit', false),
      allowCredit: body.boolean('allowCredit', false),
    };
    body.finish();
    const updated = await updateEvent(primaryDatabase, code, changes);
    if (updated === null) throw new ApiError('not_found', { code });
    response.json(updated);
  });

  return router;
}

function eventCodeOf(request: Request): number {
  const path = pathParameters(request);
  const code = path.eventCode('code', true);
  path.finish();
  return code!;
}
