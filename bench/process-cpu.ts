// CPU time (user + system, ms) of this process and of the local PostgreSQL server's processes, so
// the capture benchmark can report the work per document next to wall time. On this shared 2-core
// machine wall time moves by tens of percent from run to run; the CPU a document costs moves far
// less, and it is what bounds throughput once both cores are busy.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU ms used so far by every process named `postgres` (backends, WAL writer, checkpointer, autovacuum); null where /proc is not readable. */
export function postgresCpuMs(): number | null {
  let total = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // the process ended while we looked
      }
      // `pid (comm) state ppid …`: comm may hold spaces, so fields are counted after the last ')'.
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * (1000 / TICKS_PER_SECOND); // utime, stime
    }
  } catch {
    return null;
  }
  return total;
}

/** CPU ms used so far by this process. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
