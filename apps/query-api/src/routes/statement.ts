// `GET /v1/accounts/{branch}/{account}/statement`: the extrato. As JSON, a page: opening balance,
// lines in (date_ref, seq) order with the balance before and after each, closing balance, and a
// cursor; every page is read in one snapshot by ledger-core, so its balances agree with the
// daily ones. As CSV, OFX or CNAB 240 (`format`, or else `Accept`), the whole range in one
// download, streamed from the database cursor in bounded memory (exports/). `asOf` answers as
// the ledger stood at that instant, in every format. A range reaching into a month archived to
// the lake is 410 range_archived (http/archived-range.ts), before any byte of an export.
import { queryApiParameters, type schemas, type Static } from '@flow/contracts';
import { readStatement, streamStatement, type StatementLine } from '@flow/ledger-core';
import { ApiError, errorFields, type Logger } from '@flow/service-kit';
import { Router, type Request, type Response } from 'express';
import type { ExportFormat, StatementExportConfig } from '../exports/export-format.ts';
import { ClientGoneError, exportFormats, sendExport } from '../exports/send-export.ts';
import { refuseArchivedRange } from '../http/archived-range.ts';
import { QueryParameters, refuseParameter } from '../http/query-parameters.ts';
import { accountKeyOf, registeredAccount, type AccountKey } from './account-path.ts';
import { pageLimitDefault } from '../limits.ts';
import type { RouteDependencies } from './dependencies.ts';

export const statementRoutePattern = /^\/accounts\/[^/]+\/[^/]+\/statement\/?$/;
const statementParameters = queryApiParameters.getStatement.query;
const jsonType = 'application/json';

export function statementRoutes(dependencies: RouteDependencies): Router {
  const { requireRead, statementExport, logger } = dependencies;
  const router = Router();

  router.get('/v1/accounts/:branch/:account/statement', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, statementParameters);
    query.checkDateRange();
    query.checkNotFuture('asOf');
    const format = chosenFormat(request, query);
    if (format !== null) {
      for (const name of ['limit', 'cursor']) if (query.given(name)) query.problem(name, 'an export is the whole range: no pages');
    }
    const cursor = format === null ? query.cursor() : undefined;
    const key = accountKeyOf(request, query);
    const { from, to, asOf, limit = pageLimitDefault } = query.finish();
    const { found: account, database } = await registeredAccount(dependencies, key);
    await refuseArchivedRange(database, from, to);
    const statementRequest = { ...key, from, to, asOf };
    if (format !== null) {
      refuseUnfit(format, key, 0);
      await exportStatement(response, logger, {
        database, config: statementExport, format, holderName: account.holderName, request: statementRequest,
      });
      return;
    }
    const statement = await readStatement(database, { ...statementRequest, limit, cursor });
    const body: Static<typeof schemas.Statement> = {
      branch: statement.branch,
      account: statement.account,
      from: statement.from,
      to: statement.to,
      asOf: statement.asOf,
      openingBalance: statement.openingBalance,
      lines: statement.lines.map(statementLineBody),
      closingBalance: statement.closingBalance,
      nextCursor: statement.nextCursor,
    };
    response.json(body);
  });

  return router;
}

/** The export asked for by `format`, else by Accept; null for JSON. 406 when Accept allows none. */
function chosenFormat(request: Request, query: QueryParameters<typeof statementParameters>): ExportFormat | null {
  const named = query.values.format;
  if (named !== undefined) return exportFormats.find((format) => format.name === named) ?? null;
  if (query.given('format')) return null;
  const best = request.accepts([jsonType, ...exportFormats.map((format) => format.mediaType)]);
  if (best === false) throw new ApiError('not_acceptable', { accept: request.header('accept')!.slice(0, 200) });
  return exportFormats.find((format) => format.mediaType === best) ?? null;
}

function refuseUnfit(format: ExportFormat, key: AccountKey, lineCount: number): void {
  const refusal = format.refusal?.(key, lineCount) ?? null;
  if (refusal !== null) refuseParameter('query', 'format', refusal);
}

interface ExportJob {
  readonly database: RouteDependencies['readDatabase'];
  readonly config: StatementExportConfig;
  readonly format: ExportFormat;
  readonly holderName: string | null;
  readonly request: AccountKey & { from: string; to: string; asOf?: string };
}

/**
 * A client that leaves mid-way ends the read and the snapshot (nobody is left to answer). Any
 * other failure after the first byte can only cut the connection — the client holds a truncated
 * download, never a complete-looking wrong one — and is logged; before it, the error handler answers.
 */
async function exportStatement(response: Response, logger: Logger, job: ExportJob): Promise<void> {
  const { format } = job;
  try {
    await streamStatement(job.database, { ...job.request, countLines: format.refusal !== undefined }, async (statement) => {
      // Refused here, before the first byte: the count is of the snapshot the export reads.
      if (statement.lineCount !== null) refuseUnfit(format, job.request, statement.lineCount);
      const context = { summary: statement.summary, holderName: job.holderName, generatedAt: new Date(), config: job.config };
      await sendExport(response, format, context, statement.lines);
    });
  } catch (error) {
    if (error instanceof ClientGoneError) return;
    if (!response.headersSent) throw error;
    const { branch, account, from, to } = job.request;
    logger.error('statement_export_failed', {
      requestId: response.locals.requestId as string | undefined, format: job.format.name, branch, account, from, to, ...errorFields(error),
    });
    response.destroy();
  }
}

/** A line as clients read it: the side and amount as posted, and the debit/credit columns. */
function statementLineBody(line: StatementLine): Static<typeof schemas.StatementLine> {
  return {
    id: line.id,
    dateRef: line.dateRef,
    seq: line.seq,
    debitCredit: line.debit === null ? 'C' : 'D',
    debit: line.debit,
    credit: line.credit,
    // A line is a debit or a credit (ledger-core reads one side per row): one of the two is set.
    amount: (line.debit ?? line.credit)!,
    eventCode: line.eventCode,
    eventDescription: line.eventDescription,
    description: line.description,
    traceKey: line.traceKey,
    reverses: line.reverses,
    balanceBefore: line.balanceBefore,
    balanceAfter: line.balanceAfter,
  };
}
