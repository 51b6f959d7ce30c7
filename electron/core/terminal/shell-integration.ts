import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { bashIntegrationScript } from './bash-integration-script.js';
import { zshIntegrationFiles } from './zsh-integration-scripts.js';

type ShellKind = 'bash' | 'zsh' | 'other';

/** How to start a shell so that it marks its prompts and commands, where we know how. */
interface ShellLaunch {
  args: string[];
  /** Added to the shell's environment. */
  env: Record<string, string>;
}

export function shellKindOf(shell: string): ShellKind {
  const name = basename(shell).replace(/\.exe$/i, '');
  return name === 'bash' || name === 'zsh' ? name : 'other';
}

const bashRcFile = (dir: string) => join(dir, 'bash', 'onwatch.bash');
const zshDotDir = (dir: string) => join(dir, 'zsh');

/** Writes the startup files into `dir` (private to this user), replacing older versions. */
export async function installShellIntegration(dir: string): Promise<void> {
  await mkdir(join(dir, 'bash'), { recursive: true, mode: 0o700 });
  await mkdir(zshDotDir(dir), { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await writeFile(bashRcFile(dir), bashIntegrationScript, { mode: 0o600 });
  for (const [name, content] of Object.entries(zshIntegrationFiles)) {
    await writeFile(join(zshDotDir(dir), name), content, { mode: 0o600 });
  }
}

/**
 * The arguments and environment that start `shell` interactive, as a login shell if asked, with
 * the startup files from `dir` (see installShellIntegration) when it is bash or zsh.
 */
export function shellLaunch(
  shell: string,
  options: { login: boolean; dir: string; env: Readonly<Record<string, string>> },
): ShellLaunch {
  switch (shellKindOf(shell)) {
    case 'bash':
      // --rcfile replaces the login files too, so the rcfile reads them when asked to.
      return {
        args: ['--rcfile', bashRcFile(options.dir), '-i'],
        env: options.login ? { ONWATCH_SHELL_LOGIN: '1' } : {},
      };
    case 'zsh': {
      const userDotDir = options.env.ZDOTDIR;
      return {
        args: options.login ? ['-l', '-i'] : ['-i'],
        env: {
          ZDOTDIR: zshDotDir(options.dir),
          ...(userDotDir ? { ONWATCH_USER_ZDOTDIR: userDotDir } : {}),
        },
      };
    }
    case 'other':
      // Nothing to inject; a shell may still mark on its own (fish 4 does).
      return { args: [], env: {} };
  }
}
