// `GET /v1/outcomes/stream`: the live outcomes, as server-sent events (`event: outcome`, the
// outcome as JSON, `id:` its outbox position), limited to the token's branches. It polls the
// outbox (ledger-core's readOutcomeFeed) every `pollIntervalMs` and never holds a connection between
// polls. Limits, by design (the callback topic is the delivery of record, this is a view): a batch
// whose outbox row commits more than `lookbackPositions` rows late is not shown; a stream ends after
// `streamDurationMs` and the browser resumes after `Last-Event-ID`; at most `streamsMax` streams per process;
// a server that stops ends its streams at the next poll.
import type { Server, Socket } from 'node:net';
import { queryApiParameters } from '@flow/contracts';
import { latestOutcomePosition, readOutcomeFeed, type Database } from '@flow/ledger-core';
import { sendError } from '@flow/service-kit';
import { Router, type Request, type Response } from 'express';
import { visibleBranches } from '../http/branch-access.ts';
import { QueryParameters } from '../http/query-parameters.ts';
import { outcomeStreamLimits } from '../limits.ts';
import type { RouteDependencies } from './dependencies.ts';

export function outcomeStreamRoutes(dependencies: RouteDependencies, limits = outcomeStreamLimits): Router {
  const { readDatabase, requireRead } = dependencies;
  const router = Router();
  let open = 0;

  router.get('/v1/outcomes/stream', requireRead, async (request, response) => {
    const { query, header } = queryApiParameters.streamOutcomes;
    const parameters = QueryParameters.of(request, query);
    const lastEventId = request.header('last-event-id');
    parameters.include(new QueryParameters(header, lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId }, 'header'));
    parameters.finish();
    const resumeAfter = lastEventId;
    if (open >= limits.streamsMax) {
      response.setHeader('Retry-After', '30');
      sendError(response, 'rate_limited', { streams: limits.streamsMax });
      return;
    }
    const start = resumeAfter ?? (await latestOutcomePosition(readDatabase));
    open += 1;
    try {
      await streamOutcomes(readDatabase, request, response, { start, branches: visibleBranches(response), limits });
    } catch (error) {
      // Before the stream began, the usual error answer; after, the stream just ends and the
      // client reconnects after its last event (a database outage makes that a 503 then).
      if (!response.headersSent) throw error;
      response.end();
    } finally {
      open -= 1;
    }
  });

  return router;
}

interface StreamPlan {
  readonly start: string;
  readonly branches: readonly string[] | null;
  readonly limits: typeof outcomeStreamLimits;
}

async function streamOutcomes(database: Database, request: Request, response: Response, plan: StreamPlan): Promise<void> {
  const { limits } = plan;
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  response.write(`retry: ${limits.pollIntervalMs * 2}\n: outcomes after ${plan.start}\n\n`);
  let closed = false;
  response.on('close', () => void (closed = true));
  // A stopping server (close() called: no longer listening) must not wait for a 15-minute stream.
  const server = (request.socket as Socket & { server?: Server }).server;
  const serving = () => !closed && server?.listening !== false;
  const ends = Date.now() + limits.streamDurationMs;
  let newest = BigInt(plan.start);
  let lastWrite = Date.now();
  const seen = new Set<string>();
  while (serving() && Date.now() < ends) {
    const after = newest > BigInt(limits.lookbackPositions) ? newest - BigInt(limits.lookbackPositions) : 0n;
    const floor = after > BigInt(plan.start) ? after : BigInt(plan.start);
    const page = await readOutcomeFeed(database, { after: floor.toString(), branches: plan.branches, batchLimit: limits.batchesPerPoll });
    if (BigInt(page.lastPosition) > newest) newest = BigInt(page.lastPosition);
    for (const item of page.items) {
      if (seen.has(`${item.position}/${item.id}`)) continue;
      seen.add(`${item.position}/${item.id}`);
      const { position, ...outcome } = item;
      response.write(`id: ${position}\nevent: outcome\ndata: ${JSON.stringify(outcome)}\n\n`);
      lastWrite = Date.now();
    }
    for (const key of seen) if (BigInt(key.split('/')[0]!) <= floor) seen.delete(key);
    if (Date.now() - lastWrite >= limits.heartbeatMs) {
      response.write(': heartbeat\n\n');
      lastWrite = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, limits.pollIntervalMs));
  }
  response.end();
}
