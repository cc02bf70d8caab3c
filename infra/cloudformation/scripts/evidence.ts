// Pipeline helper. Usage:
//   node infra/cloudformation/scripts/evidence.ts record <test-report.json> <stage> <commit> <evidence.json>
//   node infra/cloudformation/scripts/evidence.ts check <evidence.json> <commit>
import { readFileSync, writeFileSync } from 'node:fs';
import { promotionRefusal, summarize } from '../src/evidence.ts';
import type { Evidence, TestReport } from '../src/evidence.ts';

const [command, ...args] = process.argv.slice(2);
if (command === 'record') {
  const [reportPath, stage, commit, evidencePath] = args as [string, string, string, string];
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as TestReport;
  const evidence = summarize(report, stage, commit, new Date());
  writeFileSync(evidencePath, `${JSON.stringify(evidence, null, 2)}\n`);
  const refusal = promotionRefusal(evidence, commit);
  if (refusal !== undefined) throw new Error(`${stage}: ${refusal}`);
} else if (command === 'check') {
  const [evidencePath, commit] = args as [string, string];
  const refusal = promotionRefusal(JSON.parse(readFileSync(evidencePath, 'utf8')) as Evidence, commit);
  if (refusal !== undefined) throw new Error(`promotion refused: ${refusal}`);
} else {
  throw new Error('usage: evidence.ts record <report> <stage> <commit> <out> | check <evidence> <commit>');
}
