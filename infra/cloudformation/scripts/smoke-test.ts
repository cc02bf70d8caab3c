// Smoke test against a deployed environment, through the public API: post one posting, then read
// its outcome back. Writes a jest-shaped report so evidence.ts treats it like any suite.
// Environment: FLOW_SMOKE_API_URL, FLOW_SMOKE_TOKEN (scopes flow:post flow:read),
// FLOW_SMOKE_BRANCH, FLOW_SMOKE_ACCOUNT, FLOW_SMOKE_EVENT_CODE; argv[2] = report path.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/** Reads of the outcome before giving up, and the pause between them. */
const outcomeReadsMax = 30;
const outcomeReadPauseMs = 2_000;

const environment = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function postingGetsAnOutcome(): Promise<void> {
  const api = environment('FLOW_SMOKE_API_URL');
  const headers = { authorization: `Bearer ${environment('FLOW_SMOKE_TOKEN')}`, 'content-type': 'application/json' };
  const id = randomUUID();
  const posting = {
    id, branch: environment('FLOW_SMOKE_BRANCH'), account: environment('FLOW_SMOKE_ACCOUNT'), amount: '0.01',
    debitCredit: 'C', eventCode: Number(environment('FLOW_SMOKE_EVENT_CODE')),
    description: 'pipeline smoke test', dateRef: new Date().toISOString().slice(0, 10),
  };
  const accepted = await fetch(`${api}/v1/transactions`, { method: 'POST', headers, body: JSON.stringify(posting) });
  if (accepted.status !== 202) throw new Error(`POST answered ${accepted.status}`);
  for (let read = 0; read < outcomeReadsMax; read += 1) {
    const outcome = await fetch(`${api}/v1/transactions/${id}`, { headers });
    if (outcome.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, outcomeReadPauseMs));
  }
  throw new Error(`no outcome for ${id} after ${outcomeReadsMax} reads`);
}

const reportPath = process.argv[2] ?? 'smoke-report.json';
const failure = await postingGetsAnOutcome().then(() => undefined, (error: unknown) => String(error));
const report = { numTotalTests: 1, numPassedTests: failure ? 0 : 1, numFailedTests: failure ? 1 : 0, numPendingTests: 0, failure };
writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
if (failure) throw new Error(failure);
