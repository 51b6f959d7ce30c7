import { homedir } from 'node:os';
import { join } from 'node:path';

/** A path from settings with a leading `~` standing for the home folder, as shells read it. */
export function expandHome(path: string, home = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}
