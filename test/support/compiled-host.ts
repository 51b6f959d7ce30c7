import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..', '..');
/**
 * Inside node_modules, so the compiled files find their packages the way dist/ does; one folder
 * per checkout, since checkouts (git worktrees) may share one node_modules.
 */
const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
const outDir = join(root, 'node_modules', '.cache', 'onwatch-compiled', checkout);

/**
 * Compiles the main-process sources with tsc and returns the browser host's entry point: what a
 * user runs, without tsx's loader in the process being measured.
 */
export async function compileBrowserHost(): Promise<string> {
  await promisify(execFile)(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(root, 'tsconfig.node.json'),
      '--noEmit',
      'false',
      '--outDir',
      outDir,
    ],
    { cwd: root },
  );
  return join(outDir, 'electron', 'host', 'cli.js');
}
