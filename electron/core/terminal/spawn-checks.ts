import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { CommandError } from '../../common/contract/command-error.js';

/*
 * A pty reports a bad directory or shell only as output and exit code 1 of a child that never
 * ran; checked first, the responder reads what is wrong instead.
 */

const refused = (path: string, message: string) =>
  new CommandError({ code: 'invalid-request', message, issues: [{ path: [path], message }] });

/** `dir` itself, if it is an absolute path of an existing directory. */
export async function checkDirectory(dir: string): Promise<string> {
  if (!isAbsolute(dir)) throw refused('cwd', `the working directory must be absolute: ${dir}`);
  const found = await stat(dir).catch(() => undefined);
  if (!found?.isDirectory()) throw refused('cwd', `the working directory does not exist: ${dir}`);
  return dir;
}

const isExecutableFile = async (path: string) =>
  (await stat(path).catch(() => undefined))?.isFile() === true &&
  (await access(path, constants.X_OK).then(
    () => true,
    () => false,
  ));

/** The absolute path of `shell`: as given if it is a path, else the first match on `path`. */
export async function resolveExecutable(shell: string, path = ''): Promise<string> {
  if (shell.includes('/') || shell.includes('\\')) {
    if (isAbsolute(shell) && (await isExecutableFile(shell))) return shell;
    throw refused('shell', `the shell is not an executable file: ${shell}`);
  }
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, shell);
    if (await isExecutableFile(candidate)) return candidate;
  }
  throw refused('shell', `the shell "${shell}" is not on PATH`);
}
