// The guard's pause and resume over a real database with fault injection: a resume whose first
// batch fails again makes the next resume wait longer (doubling from one probe interval), a
// committed batch resets the wait, and rejected credentials call the fatal hook once. The waits
// are read from the guard's `consumer_resumed` lines, never measured on the clock: under CI load
// elapsed times only grow, so a bound on them proves nothing and fails at random.
import { databaseTargets, faultyDatabase, type TestDatabase } from '@flow/ledger-core/testing';
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
    const events: ('pause' | 'resume')[] = [];
    const guard = createDatabaseGuard({
      database: faulty.database, probeIntervalMs, logger: logs.logger, onFatal: () => undefined,
      onPause: () => events.push('pause'),
      onResume: () => void events.push('resume'),
    });
    const resumes = () => events.filter((event) => event === 'resume').length;
    const waitResumes = async (count: number) => {
      while (resumes() < count) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    try {
      for (let round = 1; round <= 4; round++) {
        guard.reportFailure(unavailable); // the first batch after the last resume failed again
        await waitResumes(round);
      }
      expect(events).toEqual(['pause', 'resume', 'pause', 'resume', 'pause', 'resume', 'pause', 'resume']);
      // Resume delays 0, then one probe interval, doubling each time.
      expect(logs.withCode('consumer_paused').map((line) => line.resumeDelayMs)).toEqual([0, 40, 80, 160]);
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
