/**
 * What the scenarios run inside `runInDunstSession` share: dunst's record of what it received,
 * polling, and a look at this process's children and handles that starts no process itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dunstSessionFiles } from './dunst-session.js';

export function sessionDir(): string {
  const dir = process.env.DUNST_SESSION_DIR;
  if (!dir) throw new Error('run this inside runInDunstSession');
  return dir;
}

/** One record of dunst's `-print` log: one per Notify it took, replacements included. */
export interface DunstRecord {
  appname?: string;
  summary?: string;
  body?: string;
  urgency?: string;
  id: number;
  actions: Record<string, string>;
}

export async function dunstRecords(): Promise<DunstRecord[]> {
  const text = await readFile(join(sessionDir(), dunstSessionFiles.printed), 'utf8');
  // Quoted values may span lines; each runs up to the next field. dunst writes a record line by
  // line, so one still being written (no closing brace yet) is not counted.
  const field = (block: string, name: string, next: string) =>
    new RegExp(`^\\t${name}: '([\\s\\S]*?)'\\n\\t${next}:`, 'm').exec(block)?.[1];
  return text
    .split(/^\{\n/m)
    .slice(1)
    .filter((block) => /^\}$/m.test(block))
    .map((block) => ({
      appname: field(block, 'appname', 'summary'),
      summary: field(block, 'summary', 'body'),
      body: field(block, 'body', 'icon'),
      urgency: /^\turgency: (\w+)$/m.exec(block)?.[1],
      id: Number(/^\tid: (\d+)$/m.exec(block)?.[1]),
      actions: Object.fromEntries(
        [...block.matchAll(/^\t\t"([^"]*)": "([^"]*)"$/gm)].map((m) => [m[1], m[2]]),
      ),
    }));
}

/** Polls an async check every 20 ms; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The nth record dunst printed, once it has printed that many. */
export const nthRecord = (n: number) =>
  eventually(async () => (await dunstRecords())[n], `dunst's record #${n + 1}`);

interface ProcessEntry {
  pid: number;
  parent: number;
  session: number;
  /** The program's name, as `pgrep -x` matches it. */
  name: string;
}

/** Every process on the machine, from /proc, so looking starts none. */
function processes(): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The name in parentheses may hold spaces; state, parent, group and session follow it.
      const [, parent, , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      found.push({ pid: Number(pid), parent: Number(parent), session: Number(session), name });
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** This process's children, `pid command line` each; tsx's esbuild service is one from the start. */
export function ownChildren(): string[] {
  return processes()
    .filter((p) => p.parent === process.pid)
    .map((p) => {
      try {
        return `${p.pid} ${readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').join(' ').trim()}`;
      } catch {
        return `${p.pid} ${p.name}`;
      }
    })
    .sort();
}

/** Processes called one of `names` in this process's session (the dunst session's), orphans included. */
export function inSession(names: string[]): string[] {
  const all = processes();
  const session = all.find((p) => p.pid === process.pid)?.session;
  return all
    .filter((p) => p.session === session && names.includes(p.name))
    .map((p) => `${p.pid} ${p.name}`);
}

/** This process's children called one of `names`. */
export function childrenNamed(pid: number, names: string[]): number {
  return processes().filter((p) => p.parent === pid && names.includes(p.name)).length;
}

/** What keeps this process's event loop alive (unref'd timers do not). */
export function openHandles(): string[] {
  return process.getActiveResourcesInfo().sort();
}
