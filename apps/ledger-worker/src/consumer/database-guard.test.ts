// The guard's pause and resume over a real database with fault injection: a resume whose first
// batch fails again makes the next resume wait longer (doubling from one probe interval), a
// committed batch resets the wait, and rejected credentials call the fatal hook once.
import { databaseTargets, type TestDatabase } from '@flow/ledger-core/testing';
import { faultyDatabase } from '../testing/faulty-database.ts';
import { captureLogs } from '../testing/log-lines.ts';
import { createDatabaseGuard } from './database-guard.ts';

const probeIntervalMs = 40;
const unavailable = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe.each(databaseTargets())('database guard on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
  });
  afterAll(() => db.drop());

  test('backs off resuming while the first batch after each resume fails, and resets after a success', async () => {
    const faulty = faultyDatabase(db.database);
    const logs = captureLogs();
    const events: { event: 'pause' | 'resume'; at: number }[] = [];
    const guard = createDatabaseGuard({
      database: faulty.database, probeIntervalMs, logger: logs.logger, onFatal: () => undefined,
      onPause: () => events.push({ event: 'pause', at: performance.now() }),
      onResume: () => void events.push({ event: 'resume', at: performance.now() }),
    });
    const resumes = () => events.filter((item) => item.event === 'resume').length;
    const waitResumes = async (count: number) => {
      while (resumes() < count) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const pauseToResumeMs = () => {
      const last = events.at(-1)!;
      const pause = events.findLast((item) => item.event === 'pause')!;
      return last.at - pause.at;
    };
    try {
      const gaps: number[] = [];
      for (let round = 1; round <= 4; round++) {
        guard.reportFailure(unavailable); // the first batch after the last resume failed again
        await waitResumes(round);
        gaps.push(pauseToResumeMs());
      }
      // Delays 0, 40, 80, 160 ms on top of one probe interval each.
      expect(gaps[0]).toBeLessThan(probeIntervalMs + 35);
      expect(gaps[1]).toBeGreaterThanOrEqual(2 * probeIntervalMs - 5);
      expect(gaps[2]).toBeGreaterThanOrEqual(3 * probeIntervalMs - 5);
      expect(gaps[3]).toBeGreaterThanOrEqual(5 * probeIntervalMs - 5);
      expect(logs.withCode('consumer_resumed').map((line) => line.resumeDelayMs)).toEqual([0, 40, 80, 160]);

      guard.reportSuccess();
      guard.reportFailure(unavailable);
      await waitResumes(5);
      expect(logs.withCode('consumer_resumed').at(-1)!.resumeDelayMs).toBe(0);
    } finally {
      guard.stop();
    }
  });

  test('a probe that meets rejected credentials calls the fatal hook once', async () => {
    const faulty = faultyDatabase(db.database);
    const fatal: string[] = [];
    const logs = captureLogs();
    const guard = createDatabaseGuard({
      database: faulty.database, probeIntervalMs: 10, logger: logs.logger, onFatal: (reason) => fatal.push(reason),
      onPause: () => undefined, onResume: () => undefined,
    });
    try {
      faulty.failWith('28P01');
      guard.reportFailure(unavailable);
      while (faulty.refused() < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(fatal).toEqual(['credentials_rejected']);
      expect(guard.isPaused()).toBe(true);
      faulty.failWith(null);
      while (guard.isPaused()) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(fatal).toEqual(['credentials_rejected']);
    } finally {
      guard.stop();
    }
  });
});
