// Test evidence: the summary of a stage's test run that the next promotion carries and stores,
// so every production deploy points at the results that allowed it. A promotion proceeds only
// when the evidence shows tests ran and every one passed.
export type Evidence = {
  readonly stage: string;
  readonly commit: string;
  readonly recordedAt: string;
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
};

/** The fields of jest's --json report (and of the smoke test's report) that evidence needs. */
export type TestReport = { numTotalTests: number; numPassedTests: number; numFailedTests: number; numPendingTests: number };

export function summarize(report: TestReport, stage: string, commit: string, recordedAt: Date): Evidence {
  return Object.freeze({
    stage,
    commit,
    recordedAt: recordedAt.toISOString(),
    total: report.numTotalTests,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests,
  });
}

/** Why the evidence does not allow a promotion of `commit`, or undefined when it does. */
export function promotionRefusal(evidence: Evidence, commit: string): string | undefined {
  if (evidence.commit !== commit) return `evidence is for ${evidence.commit}, not ${commit}`;
  if (evidence.total === 0) return 'no test ran';
  if (evidence.failed > 0 || evidence.skipped > 0 || evidence.passed !== evidence.total) {
    return `${evidence.passed} of ${evidence.total} tests passed (${evidence.failed} failed, ${evidence.skipped} skipped)`;
  }
  return undefined;
}
