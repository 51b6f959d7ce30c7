import { join } from 'node:path';
import type { RunbookOrigin } from '../../common/model/runbook.js';

export interface RunbookFolder {
  path: string;
  origin: RunbookOrigin;
  /** The GitHub repository (`owner/name`) this folder is a clone of: its blob links resolve here. */
  repo?: string;
}

/**
 * The folders a library reads, in order of precedence: those from settings (by default one
 * `runbooks` folder in the app's data directory), then the drill's runbooks shipped in
 * `assets/runbooks/` (packaged with the app like the icons and sounds).
 */
export function runbookFolders(options: {
  /** Absent where the app's files are not at hand (tests of the core): no shipped runbooks. */
  appRoot?: string;
  dataDir: string;
  /** From settings; when absent, `<dataDir>/runbooks`. */
  userFolders?: readonly Omit<RunbookFolder, 'origin'>[];
}): RunbookFolder[] {
  const user = options.userFolders ?? [{ path: join(options.dataDir, 'runbooks') }];
  return [
    ...user.map((folder) => ({ ...folder, origin: 'user' as const })),
    ...(options.appRoot === undefined
      ? []
      : [{ path: shippedRunbooksDir(options.appRoot), origin: 'shipped' as const }]),
  ];
}

export function shippedRunbooksDir(appRoot: string): string {
  return join(appRoot, 'assets', 'runbooks');
}
