// CPU time spent by the parts of an end-to-end run, read from Linux's /proc, so `npm run bench:e2e`
// can say where the cores went: this process (the embedded stack — ingest, fauxqs, the query API —
// and the benchmark's HTTP clients; with PGlite the database too), the worker processes, and the
// PostgreSQL server's processes on this machine (every backend of the server, so other work on it
// counts too: run on a quiet server). Elsewhere than Linux it reads nothing and says so (null).
import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user + system) per part since some fixed point. */
export interface CpuTime {
  readonly stack: number;
  readonly workers: number;
  readonly postgres: number;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times, on every architecture Node runs on. */
const ticksPerSecond = 100;

/** utime + stime of one process in ms, and its command name; null when it is gone. */
function processCpu(pid: number): { name: string; ms: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces or parentheses: fields follow the last ')'.
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond };
  } catch {
    return null;
  }
}

/** The CPU used so far by this process, `workerPids` and the PostgreSQL processes; null off Linux. */
export function cpuTime(workerPids: readonly number[]): CpuTime | null {
  if (process.platform !== 'linux') return null;
  const own = process.cpuUsage();
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const found = processCpu(Number(entry));
    if (found !== null && (found.name === 'postgres' || found.name === 'postmaster')) postgres += found.ms;
  }
  const workers = workerPids.reduce((sum, pid) => sum + (processCpu(pid)?.ms ?? 0), 0);
  return { stack: (own.user + own.system) / 1000, workers, postgres };
}

/** CPU ms per 1,000 postings by part between two readings, and their sum. */
export function cpuPerThousand(before: CpuTime | null, after: CpuTime | null, postings: number): (CpuTime & { total: number }) | null {
  if (before === null || after === null) return null;
  const per = (key: keyof CpuTime) => Math.round(((after[key] - before[key]) * 1000) / postings);
  const parts = { stack: per('stack'), workers: per('workers'), postgres: per('postgres') };
  return { ...parts, total: parts.stack + parts.workers + parts.postgres };
}
