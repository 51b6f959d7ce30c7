import { readFileSync, writeFileSync } from 'node:fs';

function statusKB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no ${field} for process ${pid}`);
  return Number(kilobytes);
}

/**
 * A process's resident memory now and at its peak since `resetPeak` (Linux keeps the peak
 * itself, so nothing between two samples is missed).
 */
export function residentMemory(pid: number) {
  return {
    /** Starts the peak afresh from what is resident now (clear_refs "5", Linux 4.0+). */
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    nowKB: () => statusKB(pid, 'VmRSS'),
    peakKB: () => statusKB(pid, 'VmHWM'),
  };
}
