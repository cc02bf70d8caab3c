// `GET /v1/accounts/{branch}/{account}/statement`: the extrato. Opening balance, lines in
// (date_ref, seq) order with the balance before and after each, closing balance, and a cursor;
// every page is read in one snapshot by ledger-core, so its balances agree with the daily ones.
import { readStatement, type StatementLine } from '@flow/ledger-core';
import { Router } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import { accountKeyOf, requireRegisteredAccount } from './account-path.ts';
import type { RouteDependencies } from './dependencies.ts';

const statementParameters = ['from', 'to', 'limit', 'cursor'];

export function statementRoutes(dependencies: RouteDependencies): Router {
  const { requireRead } = dependencies;
  const router = Router();

  router.get('/v1/accounts/:branch/:account/statement', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, statementParameters);
    const range = query.dateRange(true);
    const limit = query.limit();
    const cursor = query.cursor();
    const key = accountKeyOf(request, query);
    const database = await requireRegisteredAccount(dependencies, key);
    const statement = await readStatement(database, { ...key, from: range.from!, to: range.to!, limit, cursor });
    response.json({
      branch: statement.branch,
      account: statement.account,
      from: statement.from,
      to: statement.to,
      openingBalance: statement.openingBalance,
      lines: statement.lines.map(statementLineBody),
      closingBalance: statement.closingBalance,
      nextCursor: statement.nextCursor,
    });
  });

  return router;
}

/** A line as clients read it: the side and amount as posted, and the debit/credit columns. */
function statementLineBody(line: StatementLine): Record<string, unknown> {
  return {
    id: line.id,
    dateRef: line.dateRef,
    seq: line.seq,
    debitCredit: line.debit === null ? 'C' : 'D',
    debit: line.debit,
    credit: line.credit,
    amount: line.debit ?? line.credit,
    eventCode: line.eventCode,
    description: line.description,
    traceKey: line.traceKey,
    balanceBefore: line.balanceBefore,
    balanceAfter: line.balanceAfter,
  };
}
