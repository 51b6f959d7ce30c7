import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat. */
const ticksPerSecond = 100;

interface TreeSample {
  processes: number;
  /** Proportional set size of the whole tree: shared pages counted once across it. */
  pssKB: number;
}

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** `root` and every process descended from it, now. */
function treeOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const ppid = Number(statFields(pid)?.[1]);
    if (Number.isInteger(ppid)) parents.set(pid, ppid);
  }
  const tree = [root];
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.includes(ppid) && !tree.includes(pid)) {
        tree.push(pid);
        grew = true;
      }
    }
  }
  return tree;
}

function pssKB(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB$/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0; // it exited between the listing and now
  }
}

/**
 * Watches a process and its descendants (Linux /proc): how many there are and how much memory
 * they hold, sampled every 50 ms with the peak kept, and the root's CPU time.
 */
export function processTree(root: number) {
  const sample = (): TreeSample => {
    const tree = treeOf(root);
    return { processes: tree.length, pssKB: tree.reduce((sum, pid) => sum + pssKB(pid), 0) };
  };
  let peak = sample();
  const timer = setInterval(() => {
    const now = sample();
    peak = {
      processes: Math.max(peak.processes, now.processes),
      pssKB: Math.max(peak.pssKB, now.pssKB),
    };
  }, 50);
  return {
    sample,
    peak: () => peak,
    /** User and system CPU the root process has used so far. */
    cpuSeconds: () => {
      const fields = statFields(root) ?? [];
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    },
    stop: () => clearInterval(timer),
  };
}
